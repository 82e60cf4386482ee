#pragma once
// A simulation's results as a terminal table, CSV (each estimate followed by its standard
// error) or JSON ({"value", "se"} for every estimate).
#include <string>

#include <nlohmann/json.hpp>

#include "sim/simulation.hpp"

namespace pco {

std::string simulation_table_text(const SimulationResults& results);
std::string simulation_table_csv(const SimulationResults& results);
nlohmann::json simulation_json(const SimulationResults& results);

}  // namespace pco

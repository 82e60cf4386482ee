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

// One holder-year's estimates as {"cost_mean": {"value", "se"}, ...} and back (the results
// store keeps them so; unknown names are ignored, missing ones stay 0).
nlohmann::json holder_year_estimates_json(const HolderYear& row);
void read_holder_year_estimates(const nlohmann::json& json, HolderYear& row);

}  // namespace pco

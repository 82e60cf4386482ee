#pragma once
// A simulation's results as a terminal table, CSV (each estimate followed by its standard
// error) or JSON ({"value", "se"} for every estimate).
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/simulation.hpp"

namespace pco {

// Every estimate of a row with its name (the CSV, JSON and results-store column order).
std::vector<std::pair<const char*, const Estimate*>> simulation_estimates(const HolderYear& r);
std::vector<std::pair<const char*, Estimate*>> simulation_estimates(HolderYear& r);

std::string simulation_table_text(const SimulationResults& results);
std::string simulation_table_csv(const SimulationResults& results);
nlohmann::json simulation_json(const SimulationResults& results);

}  // namespace pco

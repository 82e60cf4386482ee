#pragma once
// The --scenario / --practices / --map / --level flags shared by the commands that load an
// economy.

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "allocation/economy.hpp"
#include "scenario/scenario.hpp"

namespace pco::cli {

// Inputs every command that loads an economy takes, with or without --scenario (they override
// the scenario's own keys).
struct DataOptions {
  std::string weighted_populations;  // [population] weighted_populations
  std::string as_of;                 // [configuration] as_of
};

void add_data_options(CLI::App* cmd, DataOptions& o);
// Applies the options given to a scenario (from --scenario or built from --practices).
void apply_data_options(const DataOptions& o, Scenario& scenario);

struct EconomyOptions {
  std::string scenario;
  std::vector<std::string> practices;
  std::string map;
  std::string level;
  DataOptions data;
};

void add_economy_options(CLI::App* cmd, EconomyOptions& o);

// The scenario named by --scenario, or one built from --practices/--map; nullopt when neither
// was given.
std::optional<Scenario> scenario_from_options(const EconomyOptions& o);

// A scenario that reads `practices` and, when given, the mapping file `map`.
Scenario scenario_from_files(const std::vector<std::string>& practices, const std::string& map);

// The level to use: --level, else the scenario's `fallback`, else the economy's default level.
std::string chosen_level(const EconomyOptions& o, const std::string& fallback,
                         const Economy& economy);

}  // namespace pco::cli

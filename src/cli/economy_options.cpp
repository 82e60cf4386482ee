#include "cli/economy_options.hpp"

#include "core/error.hpp"
#include "model/dated_mapping.hpp"
#include "scenario_file/scenario_file.hpp"

namespace pco::cli {

void add_data_options(CLI::App* cmd, DataOptions& o) {
  cmd->add_option("--weighted-populations", o.weighted_populations,
                  "NHS England's practice weighted populations (2022/23 ... 2025/26 layouts): "
                  "need per practice and component, and practice coordinates "
                  "(docs/population.md)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--as-of", o.as_of,
                  "The configuration in force on this date (e.g. 2026-04-01): the map of a "
                  "map_series, the rows of a dated membership file and the dated edits in force "
                  "then (docs/population.md)");
}

void apply_data_options(const DataOptions& o, Scenario& scenario) {
  if (!o.weighted_populations.empty())
    scenario.population.weighted_populations = o.weighted_populations;
  if (!o.as_of.empty()) scenario.configuration.as_of = parse_iso_date(o.as_of, "--as-of");
}

void add_economy_options(CLI::App* cmd, EconomyOptions& o) {
  cmd->add_option("--scenario", o.scenario, "Scenario TOML file (docs/scenario.md)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--practices", o.practices,
                  "Population file(s), as for 'pco population' (instead of --scenario)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--map", o.map,
                  "Mapping file: practice->organisation(s), as for 'pco population'")
      ->check(CLI::ExistingFile);
  cmd->add_option("--level", o.level,
                  "Configuration level (e.g. network, ccg, stp, region, organisation); default: "
                  "the scenario's level for this command, else the organisation level");
  add_data_options(cmd, o.data);
}

std::optional<Scenario> scenario_from_options(const EconomyOptions& o) {
  if (!o.scenario.empty() && !o.practices.empty())
    throw UsageError("give either --scenario FILE or --practices FILE, not both");
  std::optional<Scenario> s;
  if (!o.scenario.empty()) {
    s = load_scenario(o.scenario);
  } else if (o.practices.empty()) {
    if (!o.map.empty()) throw UsageError("--map needs --practices FILE");
    return std::nullopt;
  } else {
    s = scenario_from_files(o.practices, o.map);
  }
  apply_data_options(o.data, *s);
  return s;
}

Scenario scenario_from_files(const std::vector<std::string>& practices, const std::string& map) {
  Scenario s;
  s.name = "command line";
  for (const auto& f : practices)
    s.population.files.emplace_back(f);
  if (!map.empty()) {
    s.configuration.map = map;
    s.configuration.source = ConfigurationInputs::Source::map;
  }
  return s;
}

std::string chosen_level(const EconomyOptions& o, const std::string& fallback,
                         const Economy& economy) {
  if (!o.level.empty()) return economy.configuration.level(o.level).name;
  if (!fallback.empty()) return economy.configuration.level(fallback).name;
  return economy.default_level;
}

}  // namespace pco::cli

#pragma once
// Settings of a multi-year simulation: the `[simulation]` section, overridden by CLI flags.
// Defaults and their sources are in docs/simulation.md.
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "risk/risk_sources.hpp"
#include "scenario/scenario.hpp"

namespace pco {

struct SimulationSettings {
  std::uint64_t replications = 1000;
  std::uint64_t seed = 1;
  int years = 5;
  double budget_growth = 0;  // per year, fraction
  double demand_growth = 0;  // per year, fraction
  double overspend_repay_cap = 0;
  double underspend_keep_cap = 0;
  double shock_cv = RiskSources{}.shock_sd;  // national year shock, lognormal, mean 1
  double regional_shock_cv = 0;              // regional year shock, lognormal with mean 1
  std::string region_level;                  // level whose organisations share a regional shock
  std::string level;                         // budget holders; empty: the scenario's lead level
  std::string arrangement;                   // name of a corridor [[arrangement]]; empty: none
  bool hold_all = false;  // each holder holds every service (as `pco risk --hold-all`)
  // Holders pay through the scenario's contracts ([[contract]], [commissioning]) when it has
  // any: docs/commissioning.md.
  bool contracts = true;
};

// The scenario's [simulation] section (defaults when absent). Throws InputError listing every
// value out of range.
SimulationSettings read_simulation_settings(const Scenario& scenario);

// Adds a problem for every value of a [simulation] section out of range; the scenario loader
// calls it so these are listed with every other problem of the file.
void check_simulation_section(const toml::table& section, const std::string& file,
                              DiagnosticList& problems);

// Throws UsageError listing every setting (e.g. from a CLI flag) is out of range.
void check_simulation_settings(const SimulationSettings& settings);

}  // namespace pco

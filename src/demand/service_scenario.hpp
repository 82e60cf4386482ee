#pragma once
// Reads the [[service]] lines and the [risk] settings of a scenario, and checks that each
// service's commissioning level exists in the configuration.
#include <string>

#include "demand/service.hpp"
#include "model/configuration.hpp"
#include "risk/risk_sources.hpp"
#include "scenario/scenario.hpp"

namespace pco {

struct RiskSettings {
  // Budget = expected cost × (1 + margin) when the scenario has no [formula].
  double margin = 0;
  // [risk] sources = ["chance", "formula", "shock"], formula_practice_sd, formula_area_sd,
  // shock_sd, effective_list (docs/risk-sources.md).
  RiskSources sources;
};

// The default England lines, replaced line by line (by name) and extended by the scenario's
// [[service]] lines; `[risk] default_services = false` drops the defaults. Throws InputError
// listing every problem with its line and column.
ServiceModel read_service_model(const Scenario& scenario);
// Throws InputError listing every bad [risk] value at once.
RiskSettings read_risk_settings(const Scenario& scenario);

// The level name a service's `level` stands for: "organisation" is the default level.
std::string resolve_level(const std::string& level, const std::string& default_level);
// Throws InputError naming every service whose level is neither practice, national,
// organisation nor a level of the configuration.
void check_service_levels(const ServiceModel& model, const Configuration& configuration,
                          const std::string& file);

}  // namespace pco

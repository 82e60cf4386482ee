#pragma once
// The service model in force, written out so that a user can start from it: as the [risk] and
// [[service]] sections of a scenario (TOML that read_service_model and read_risk_settings
// accept back unchanged, every number exact), as CSV (one row per service) and as JSON.
// `pco services` (docs/services.md).
#include <string>

#include <toml++/toml.h>
#include <nlohmann/json.hpp>

#include "demand/service.hpp"
#include "demand/service_scenario.hpp"

namespace pco {

// [risk] (default_services = false, the margin and the sources of risk) and one [[service]]
// per line, with each line's 40 rates as given (men 0-4 … 95+, then women).
toml::table service_model_toml(const ServiceModel& model, const RiskSettings& settings);
// The same with a comment header naming the model's source.
std::string service_model_toml_text(const ServiceModel& model, const RiskSettings& settings);
std::string service_model_csv(const ServiceModel& model);
nlohmann::json service_model_json(const ServiceModel& model, const RiskSettings& settings);

}  // namespace pco

#pragma once
// The focus organisation (`--focus CODE`, `[report] focus`): the one organisation whose finance
// lead the report and the appraisal answer first. A code that is not an organisation of the lead
// level is a usage error naming the level and some of its codes.
#include <string>
#include <vector>

#include "scenario/economy.hpp"

namespace pco {

// Throws UsageError unless `code` is an organisation of the economy's default level.
void check_focus(const Economy& economy, const std::string& code);
// The same against a list of codes of `level`.
void check_focus(const std::vector<std::string>& codes, const std::string& level,
                 const std::string& code);

// `[report] focus` of a scenario, empty when absent.
std::string report_focus(const Scenario& scenario);

}  // namespace pco

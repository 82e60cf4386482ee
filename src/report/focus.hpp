#pragma once
// The scenario's [report] settings. The focus organisation (`--focus CODE`, `[report] focus`) is
// the one organisation whose finance lead the report and the appraisal answer first; a code that
// is not an organisation of the lead level is a usage error naming the level and some of its
// codes.
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "readers/geojson_boundaries.hpp"
#include "scenario/scenario.hpp"

namespace pco {

// Throws UsageError unless `code` is an organisation of the economy's default level.
void check_focus(const Economy& economy, const std::string& code);
// The same against a list of codes of `level`.
void check_focus(const std::vector<std::string>& codes, const std::string& level,
                 const std::string& code);

// `[report] focus` of a scenario, empty when absent.
std::string report_focus(const Scenario& scenario);

// The `[report] boundaries` of a scenario (GeoJSON, relative to the scenario file; code property
// `[report] boundary_code`), empty when absent: drawn on maps, and their union is the land.
std::vector<Boundary> report_boundaries(const Scenario& scenario);

}  // namespace pco

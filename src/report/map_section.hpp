#pragma once
// The report's map: every organisation of the lead level drawn as a filled area (practice
// Voronoi cells clipped to the land and dissolved per organisation, geo/organisation_areas.hpp),
// coloured by a measure chosen with tabs that need no script — distance from target, chance of
// overspending by 5% or more, need index — each with its legend; the focus organisation outlined.
#include <string>

#include "report/html_report.hpp"
#include "store/stored_run.hpp"

namespace pco {

ReportSection map_section(const StoredRun& run, std::size_t level, const std::string& focus);

}  // namespace pco

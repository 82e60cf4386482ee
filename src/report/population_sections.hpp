#pragma once
// The report's description of the configuration at one level of a stored run: organisation
// sizes and the organisation table (the map is map_section.hpp).

#include <vector>

#include "report/html_report.hpp"
#include "store/stored_run.hpp"

namespace pco {

std::vector<ReportSection> population_sections(const StoredRun& run, std::size_t level);

}  // namespace pco

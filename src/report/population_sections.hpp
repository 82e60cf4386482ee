#pragma once
// The report's description of the configuration: a map of practices coloured by organisation,
// organisation sizes, and the organisation table, for one level of a stored run.

#include <vector>

#include "report/html_report.hpp"
#include "store/stored_run.hpp"

namespace pco {

std::vector<ReportSection> population_sections(const StoredRun& run, std::size_t level);

}  // namespace pco

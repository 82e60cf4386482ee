#pragma once
// Exceedance curves of stored runs: P(annual cost > x% of budget) for the smallest, a middle
// and the largest budget holder at a level, from the CDFs kept in the results store.

#include <optional>

#include "report/html_report.hpp"
#include "store/stored_run.hpp"

namespace pco {

std::optional<ReportSection> exceedance_section(const StoredRun& run, const std::string& level);

}  // namespace pco

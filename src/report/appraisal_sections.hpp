#pragma once
// The report's appraisal view: configurations side by side, NPV by configuration and, for each
// alternative, a tornado of the parameters that move its NPV most; and one organisation's own
// part of each alternative (from the stored run).
#include <optional>
#include <string>
#include <vector>

#include "appraisal/appraisal.hpp"
#include "report/html_report.hpp"
#include "store/stored_run.hpp"

namespace pco {

std::vector<ReportSection> appraisal_sections(const AppraisalResults& results);

// The focus organisation's table (rows: what changes for it, its risk and costs before → after,
// its NPV and chance of paying back; columns: alternatives), then the national totals; nullopt
// when the run has no appraisal or no such organisation.
std::optional<ReportSection> appraisal_focus_section(const StoredRun& run, std::size_t level,
                                                     const std::string& code);

}  // namespace pco

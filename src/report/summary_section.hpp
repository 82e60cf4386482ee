#pragma once
// The report's first section (id "summary"): with a focus organisation, its finance lead's three
// questions answered in sentences with numbers and their uncertainty — (a) fair share and
// distance from target, (b) chance of overspending and the reserve, (c) the best merger or
// federation for it with its own NPV and chance of paying back — each linking to its detail;
// then the whole economy. Without a focus, the economy's answers and the organisations most at
// risk and furthest from target. docs/report.md.
#include <string>

#include "report/html_report.hpp"
#include "store/stored_run.hpp"

namespace pco {

ReportSection summary_section(const StoredRun& run, std::size_t level, const std::string& focus);

}  // namespace pco

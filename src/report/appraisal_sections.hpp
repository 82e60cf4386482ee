#pragma once
// The report's appraisal view: configurations side by side, NPV by configuration and, for each
// alternative, a tornado of the parameters that move its NPV most.
#include <vector>

#include "appraisal/appraisal.hpp"
#include "report/html_report.hpp"

namespace pco {

std::vector<ReportSection> appraisal_sections(const AppraisalResults& results);

}  // namespace pco

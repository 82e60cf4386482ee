#pragma once
// The report's fair-shares view: each organisation's target and allocation, need index and
// distance from target, and the unified budget by component.

#include <vector>

#include "allocation/need_basis.hpp"
#include "report/html_report.hpp"
#include "store/stored_run.hpp"

namespace pco {

// Empty when the run has no allocation at `level`.
std::vector<ReportSection> allocation_sections(const StoredRun& run, std::size_t level);

// The banner a report shows first when need rests on ages imputed from list totals (section id
// "need-basis"; render_run_report puts it before every other section).
ReportSection need_basis_section(const NeedBasis& basis);

}  // namespace pco

#pragma once
// The report's reconciliation of budgets: the allocation against the service model's expected
// cost, nationally and per organisation, with the gap named and explained — what the quantum
// covers, which services are held where (holders/budget_basis.hpp).
#include <optional>

#include "report/html_report.hpp"
#include "store/stored_run.hpp"

namespace pco {

std::optional<ReportSection> budget_section(const StoredRun& run, std::size_t level);

}  // namespace pco

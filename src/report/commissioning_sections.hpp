#pragma once
// The HTML report's providers and contracts section: money flowing from commissioners to
// providers (a Sankey diagram), who bears the risk of each contract, every provider's income and
// margin risk, each budget holder with and without its contracts, and any pathway shifts.
#include <vector>

#include "commissioning/commissioning_run.hpp"
#include "demand/service.hpp"
#include "report/html_report.hpp"

namespace pco {

std::vector<ReportSection> commissioning_sections(const CommissioningRun& run,
                                                  const ServiceModel& model);

}  // namespace pco

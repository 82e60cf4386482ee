#pragma once
// The report's description of the configuration: a map of practices coloured by organisation,
// organisation sizes, and the organisation table.

#include <vector>

#include "model/summary.hpp"
#include "report/html_report.hpp"
#include "scenario/economy.hpp"

namespace pco {

std::vector<ReportSection> population_sections(const Economy& economy,
                                               const LevelSummary& summary);

}  // namespace pco

#pragma once
// The multi-year simulation in the run report (docs/simulation.md): per holder the chance of
// any overspend over the years and the spread of the cumulative deficit, then every holder's
// every year.
#include <vector>

#include "report/html_report.hpp"
#include "sim/simulation.hpp"

namespace pco {

std::vector<ReportSection> simulation_sections(const SimulationResults& results);

}  // namespace pco

#pragma once
// The report's view of a multi-year simulation: the settings in words, a fan chart of one
// holder's yearly cost against its budget (the focus organisation, else the one most likely to
// overspend at some point), a summary row per holder and every holder-year.
#include <string>
#include <vector>

#include "report/html_report.hpp"
#include "sim/simulation.hpp"

namespace pco {

// `focus`: the holder whose fan chart is drawn (empty or unknown: the holder with the highest
// P(any overspend)).
std::vector<ReportSection> simulation_sections(const SimulationResults& results,
                                               const std::string& focus = "");

}  // namespace pco

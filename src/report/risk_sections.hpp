#pragma once
// Report sections for every budget holder's risk: per level, the holders most likely to
// overspend by 5% or more, and the size curve (CV and P(overspend >= 5%) against population).
#include <vector>

#include "holders/holder_risk.hpp"
#include "holders/size_curve.hpp"
#include "report/html_report.hpp"

namespace pco {

std::vector<ReportSection> risk_sections(const HolderRiskResults& results,
                                         const std::vector<SizePoint>& size_curve);

}  // namespace pco

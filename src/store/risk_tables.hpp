#pragma once
// Writes every budget holder's risk measures, a thinned CDF of each holder's annual cost
// (for exceedance charts) and the size curve into the results store.

#include <vector>

#include "risk/holder_risk.hpp"
#include "risk/size_curve.hpp"
#include "store/results_store.hpp"

namespace pco {

// Points kept per holder's CDF: enough for a smooth curve, few enough for 1,500 holders.
inline constexpr std::size_t kStoredCdfPoints = 120;

void write_risk_tables(ResultsStore& store, const HolderRiskResults& results,
                       const std::vector<SizePoint>& size_curve);

}  // namespace pco

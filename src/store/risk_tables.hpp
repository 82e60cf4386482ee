#pragma once
// Writes every budget holder's risk measures, a thinned CDF of each holder's annual cost
// (for exceedance charts) and the size curve into the results store.

#include <vector>

#include "holders/holder_risk.hpp"
#include "holders/size_curve.hpp"
#include "store/results_store.hpp"
#include "store/sqlite_db.hpp"

namespace pco {

// Points kept per holder's CDF: enough for a smooth curve, few enough for 1,500 holders.
inline constexpr std::size_t kStoredCdfPoints = 120;

// Also writes the budget basis (write_budget_basis).
void write_risk_tables(ResultsStore& store, const HolderRiskResults& results,
                       const std::vector<SizePoint>& size_curve);

// The allocation against the service model (table budget_basis) and back; reading a run
// without one gives an empty reconciliation.
void write_budget_basis(ResultsStore& store, const BudgetReconciliation& reconciliation);
BudgetReconciliation read_budget_basis(SqliteDb& db, std::int64_t run_id);

}  // namespace pco

#pragma once
// Tables and JSON of every budget holder's risk and of the size curve.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "risk/holder_risk.hpp"
#include "risk/size_curve.hpp"

namespace pco {

// The risk measures as JSON: mean, sd, cv, p_overspend(_5pct, _10pct), var/tvar 95/99 and
// reserves 95/99.
nlohmann::json measures_json(const RiskMeasures& m);

// The allocation against the service model (BudgetReconciliation) as JSON.
nlohmann::json budget_reconciliation_json(const BudgetReconciliation& r);

// One object per holder with the keys of issue 5 (money in pounds, budget also in pence).
nlohmann::json holder_risk_json(const HolderRiskResults& results);
std::string holder_risk_table_text(const HolderRiskResults& results);
std::string holder_risk_table_csv(const HolderRiskResults& results);

nlohmann::json size_curve_json(const std::vector<SizePoint>& points);
std::string size_curve_table_text(const std::vector<SizePoint>& points);
std::string size_curve_table_csv(const std::vector<SizePoint>& points);

}  // namespace pco

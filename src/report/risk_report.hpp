#pragma once
// Tables and JSON of every budget holder's risk and of the size curve.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "holders/holder_risk.hpp"
#include "holders/size_curve.hpp"

namespace pco {

// The risk measures as JSON: mean, sd, cv, p_overspend(_5pct, _10pct), var/tvar 95/99 and
// reserves 95/99.
nlohmann::json measures_json(const RiskMeasures& m);

// The allocation against the service model (BudgetReconciliation) as JSON.
nlohmann::json budget_reconciliation_json(const BudgetReconciliation& r);

// One object per holder with the keys of issue 5 (money in pounds, budget also in pence), the
// sd by source and the grid's precision; the sources in force and the largest errors on top.
nlohmann::json holder_risk_json(const HolderRiskResults& results);
// sd_chance, sd_formula, sd_shock and grid_tail_mass of one holder.
nlohmann::json holder_sources_json(const HolderRisk& holder);

// The worst numerical error over the holders: the largest grid_tail_mass, the largest variance
// bounds relative to the closed-form variance, the largest quadrature error; and how many
// people's age structure was imputed.
struct RiskPrecision {
  double grid_tail_mass = 0;
  std::size_t holders_above_target = 0;  // with grid_tail_mass above kGridTailTarget
  double variance_above = 0;
  double variance_below = 0;
  double quadrature_error = 0;
  std::int64_t imputed_people = 0;
  std::int64_t population = 0;
};
inline constexpr double kGridTailTarget = 1e-9;
// "at most … of probability off the grid …; probabilities … read … as a histogram, to about …":
// what a holder's figures are good to, for the head of every table, report and view of them.
std::string grid_precision_words(double grid_tail_mass);
RiskPrecision risk_precision(const HolderRiskResults& results);
nlohmann::json precision_json(const HolderRiskResults& results);
// What the figures assume, for the head of a table: the sources with their parameters, the
// grid precision, and a warning when expected costs rest on imputed age structures.
std::string risk_assumptions_text(const HolderRiskResults& results);
std::string holder_risk_table_text(const HolderRiskResults& results);
std::string holder_risk_table_csv(const HolderRiskResults& results);

nlohmann::json size_curve_json(const std::vector<SizePoint>& points);
std::string size_curve_table_text(const std::vector<SizePoint>& points);
std::string size_curve_table_csv(const std::vector<SizePoint>& points);

}  // namespace pco

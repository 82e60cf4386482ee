#pragma once
// Risk as a function of the size of the pool: a holder of N people with the national age-sex
// mix holding every service of a model, for N from 2,000 to 2,000,000.
#include <string>
#include <vector>

#include "demand/service.hpp"
#include "risk/cost_distribution.hpp"
#include "risk/risk_sources.hpp"

namespace pco {

struct SizePoint {
  double population = 0;
  double expected_cost = 0;  // £ a year
  double cv = 0;             // of the total, every source on
  // The CV with each source alone (closed forms).
  double cv_chance = 0;
  double cv_formula = 0;
  double cv_shock = 0;
  double grid_tail_mass = 0;
  double p_overspend_5pct = 0;  // budget = expected cost × (1 + margin)
  double p_overspend_10pct = 0;
  double reserve99_pct = 0;  // 99% reserve as % of the budget
  double service_cv = 0;     // CV of the named service alone (rare costly referrals)
};

// 2,000 … 2,000,000 on a 1-2-3-5 log scale.
std::vector<double> default_size_curve_populations();

// A holder of N people has the list concentration min(1, sources.effective_list / N) for its
// formula error. Throws UsageError when `service` is not in the model (an empty name skips that
// column).
std::vector<SizePoint> size_curve(const ServiceModel& model, const std::vector<double>& populations,
                                  double margin, const std::string& service = "rare_costly",
                                  const GridSettings& grid = {}, const RiskSources& sources = {});

}  // namespace pco

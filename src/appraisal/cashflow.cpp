#include "appraisal/cashflow.hpp"

#include <algorithm>
#include <cmath>

namespace pco {

double realised_share(int t, double lag_years) {
  return std::clamp(static_cast<double>(t) + 1.0 - lag_years, 0.0, 1.0);
}

double dip_share(int t, double recovery_years) {
  if (recovery_years <= 0) return 0;
  return std::max(0.0, 1.0 - static_cast<double>(t) / recovery_years);
}

Cashflow project_cashflow(const ChangeSummary& change, const CashflowSettings& s) {
  Cashflow out;
  double cumulative = 0;
  for (int t = 0; t < s.years; ++t) {
    YearFlow y;
    y.year = t + 1;
    y.savings = change.running_saving * realised_share(t, s.savings_lag_years);
    // Money held in reserve is money not spent on care: it costs the discount rate a year.
    y.reserve_holding = -change.reserve_change * s.discount_rate;
    y.transition = t == 0 ? change.transition_cost : 0;
    y.dip = change.dip_base * s.dip_depth * dip_share(t, s.recovery_years);
    y.net = y.savings + y.reserve_holding - y.transition - y.dip;
    // Green Book convention: the first year is year 0, undiscounted.
    const double factor = std::pow(1.0 + s.discount_rate, -t);
    y.discounted_net = y.net * factor;
    cumulative += y.discounted_net;
    y.cumulative_discounted = cumulative;
    out.discounted_savings += (y.savings + y.reserve_holding) * factor;
    out.total_transition += y.transition;
    out.total_dip += y.dip;
    if (!out.break_even_year && cumulative >= 0) out.break_even_year = y.year;
    if (out.break_even_year && cumulative < 0) out.break_even_year.reset();
    out.years.push_back(y);
  }
  out.npv = cumulative;
  return out;
}

}  // namespace pco

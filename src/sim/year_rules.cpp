#include "sim/year_rules.hpp"

#include <algorithm>

namespace pco {

YearOutcome advance_year(const YearRules& rules, double gross, double budget, double next_budget,
                         double carried_in, double written_off_before) {
  YearOutcome o;
  o.cost = gross;
  if (rules.corridor_share > 0) {
    const double edge = budget * (1 + rules.corridor_band);
    if (gross > edge) o.cost = edge + (1 - rules.corridor_share) * (gross - edge);
  }
  o.available = budget + carried_in;
  const double net = o.available - o.cost;
  if (net >= 0) {
    o.carried = std::min(net, rules.underspend_keep_cap * next_budget);
  } else {
    const double repay = std::min(-net, rules.overspend_repay_cap * next_budget);
    o.carried = -repay;
    o.written_off = -net - repay;
  }
  o.cumulative_deficit = written_off_before + o.written_off + std::max(0.0, -o.carried);
  return o;
}

}  // namespace pco

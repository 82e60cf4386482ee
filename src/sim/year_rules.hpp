#pragma once
// One budget holder's year: the cost it bears after a corridor, the budget it has after
// carry-over, and what it carries into the next year. A pure function, so the arithmetic can
// be checked by hand (docs/simulation.md, "The yearly update").

namespace pco {

struct YearRules {
  double overspend_repay_cap = 0;  // overspend repaid from next year's budget, ≤ cap × that budget
  double underspend_keep_cap = 0;  // underspend kept into next year, ≤ cap × next year's budget
  // Corridor: the holder bears overspend up to `corridor_band` × budget alone; beyond that the
  // partner pays `corridor_share` of the excess. Share 0: no corridor.
  double corridor_band = 0;
  double corridor_share = 0;
};

struct YearOutcome {
  double cost = 0;                // C: the cost the holder bears (after the corridor)
  double available = 0;           // A = budget + carried in
  double carried = 0;             // into next year: > 0 kept underspend, < 0 overspend to repay
  double written_off = 0;         // overspend beyond the repayment cap, met by the parent
  double cumulative_deficit = 0;  // overspend written off so far + overspend still to repay
};

// gross: the year's total cost S; budget: this year's budget B_y; next_budget: B_{y+1} (the
// caps are fractions of it); carried_in: last year's `carried`; written_off_before: the sum of
// earlier years' `written_off`.
YearOutcome advance_year(const YearRules& rules, double gross, double budget, double next_budget,
                         double carried_in, double written_off_before);

}  // namespace pco

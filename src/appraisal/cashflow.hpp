#pragma once
// The multi-year comparison of one alternative with the status quo: management-cost savings
// (realised after a lag), the holding cost of the change in reserves, one-off transition
// costs and the performance dip, discounted to a net present value (docs/appraisal.md).
#include <optional>
#include <vector>

namespace pco {

// What an alternative changes, in pounds a year or once, before timing and discounting.
struct ChangeSummary {
  double running_saving = 0;   // status-quo management cost − alternative's, £/yr
  double reserve_change = 0;   // alternative's 99% reserves − status quo's, £
  double transition_cost = 0;  // one-off, year 1
  double dip_base = 0;  // commissioned spend of the people in reorganised organisations, £/yr
};

struct CashflowSettings {
  int years = 10;
  double discount_rate = 0.035;
  double savings_lag_years = 2;
  double dip_depth = 0.001;
  double recovery_years = 2.5;
};

struct YearFlow {
  int year = 0;  // 1-based
  double savings = 0;
  double reserve_holding = 0;
  double transition = 0;
  double dip = 0;
  double net = 0;
  double discounted_net = 0;
  double cumulative_discounted = 0;
};

struct Cashflow {
  std::vector<YearFlow> years;
  double npv = 0;
  double discounted_savings = 0;  // savings + reserve holding, discounted
  double total_transition = 0;
  double total_dip = 0;                // undiscounted
  std::optional<int> break_even_year;  // first year the cumulative discounted net is >= 0
};

// Share of the running saving realised in year t (0-based): 0 before the lag, 1 a year after,
// linear in between.
double realised_share(int t, double lag_years);
// Share of the dip depth lost in year t (0-based): 1 in the first year, falling linearly to 0
// at `recovery_years`.
double dip_share(int t, double recovery_years);

Cashflow project_cashflow(const ChangeSummary& change, const CashflowSettings& settings);

}  // namespace pco

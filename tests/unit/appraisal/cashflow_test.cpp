#include <cmath>

#include <gtest/gtest.h>

#include "appraisal/cashflow.hpp"

namespace pco {
namespace {

TEST(Cashflow, SavingsLagAndDipRecoveryProfiles) {
  EXPECT_DOUBLE_EQ(realised_share(0, 2), 0);
  EXPECT_DOUBLE_EQ(realised_share(1, 2), 0);
  EXPECT_DOUBLE_EQ(realised_share(2, 2), 1);
  EXPECT_DOUBLE_EQ(realised_share(1, 1.5), 0.5);
  EXPECT_DOUBLE_EQ(dip_share(0, 2.5), 1);
  EXPECT_DOUBLE_EQ(dip_share(1, 2.5), 0.6);
  EXPECT_NEAR(dip_share(2, 2.5), 0.2, 1e-15);
  EXPECT_DOUBLE_EQ(dip_share(3, 2.5), 0);
}

TEST(Cashflow, HandWorkedExampleAndBreakEven) {
  // Saving £100 a year from year 3 (lag 2), transition £150 in year 1, dip 10% of £1,000
  // recovering over 2 years (100, 50), 5% discount, 6 years.
  ChangeSummary c{100, 0, 150, 1000};
  CashflowSettings s{6, 0.05, 2, 0.1, 2};
  const auto f = project_cashflow(c, s);
  const double nets[] = {-250, -50, 100, 100, 100, 100};
  double npv = 0;
  for (int t = 0; t < 6; ++t) {
    EXPECT_NEAR(f.years[t].net, nets[t], 1e-12);
    npv += nets[t] / std::pow(1.05, t);
  }
  EXPECT_NEAR(f.npv, npv, 1e-9);
  // Cumulative: -250, -297.6, -206.9, -120.5, -38.3, +40.1 → year 6.
  EXPECT_EQ(f.break_even_year, 6);
  EXPECT_DOUBLE_EQ(f.total_transition, 150);
  EXPECT_DOUBLE_EQ(f.total_dip, 150);
}

TEST(Cashflow, NeverBreaksEvenWhenCostsExceedSavings) {
  const auto f = project_cashflow({1, 0, 1000, 0}, {5, 0.035, 0, 0, 2.5});
  EXPECT_FALSE(f.break_even_year.has_value());
  EXPECT_LT(f.npv, 0);
}

TEST(Cashflow, ReservesReleasedAreWorthTheirHoldingCost) {
  const auto f = project_cashflow({0, -1000, 0, 0}, {1, 0.035, 0, 0, 2.5});
  EXPECT_NEAR(f.npv, 35, 1e-12);
}

}  // namespace
}  // namespace pco

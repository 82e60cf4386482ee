// Risk measures on a hand-made distribution, computed by hand: knots 10, 20, 30, 40 (step 10,
// first knot 1) with masses 0.5, 0.3, 0.15, 0.04 and 0.01 beyond the grid.
#include <cmath>

#include <gtest/gtest.h>

#include "risk/measures.hpp"

namespace pco {
namespace {

const AggregateDistribution kD{10.0, 1, {0.5, 0.3, 0.15, 0.04}, "test"};

TEST(Measures, CdfQuantileTailMeanAndExceedance) {
  EXPECT_DOUBLE_EQ(cdf_at(kD, 5), 0.0);
  EXPECT_DOUBLE_EQ(cdf_at(kD, 10), 0.5);
  EXPECT_DOUBLE_EQ(cdf_at(kD, 29.9), 0.8);
  EXPECT_DOUBLE_EQ(cdf_at(kD, 1e9), 0.99);
  EXPECT_DOUBLE_EQ(quantile(kD, 0.5), 10);  // F(10) = 0.5 >= 0.5
  EXPECT_DOUBLE_EQ(quantile(kD, 0.51), 20);
  EXPECT_DOUBLE_EQ(quantile(kD, 0.95), 30);      // F(30) = 0.95
  EXPECT_TRUE(std::isinf(quantile(kD, 0.995)));  // the grid holds only 0.99
  // E[S | S > VaR_0.5 = 10] = (20·0.3 + 30·0.15 + 40·0.04) / 0.49.
  EXPECT_NEAR(tail_mean(kD, 0.5), (6 + 4.5 + 1.6) / 0.49, 1e-12);
  EXPECT_DOUBLE_EQ(tail_mean(kD, 0.99), 40);  // nothing above VaR on the grid
  // The mass the grid holds above the amount: 0.15 + 0.04; the 0.01 beyond the grid is not
  // counted (it is reported as mass_beyond_grid, and bounds the error: the true value lies in
  // [0.19, 0.20]).
  EXPECT_NEAR(exceedance(kD, 20), 0.19, 1e-15);
  EXPECT_NEAR(exceedance(kD, 20 * 1.05), 0.19, 1e-15);
  EXPECT_DOUBLE_EQ(exceedance(kD, 40), 0.0);
  EXPECT_DOUBLE_EQ(exceedance(kD, 1e9), 0.0);
  EXPECT_DOUBLE_EQ(exceedance(kD, 0), 0.99);
  EXPECT_DOUBLE_EQ(reserve_needed(kD, 25, 0.95), 5);
  EXPECT_DOUBLE_EQ(reserve_needed(kD, 35, 0.95), 0);
  EXPECT_NEAR(kD.mass_beyond_grid(), 0.01, 1e-15);
}

TEST(Measures, MomentsAreActuarSumsAndRenormalisedSpread) {
  const auto m = grid_moments(kD);
  EXPECT_NEAR(m.mean, 5 + 6 + 4.5 + 1.6, 1e-12);  // Σ x f
  const double mean = m.mean / 0.99;              // of the renormalised distribution
  const double var = (0.5 * std::pow(10 - mean, 2) + 0.3 * std::pow(20 - mean, 2) +
                      0.15 * std::pow(30 - mean, 2) + 0.04 * std::pow(40 - mean, 2)) /
                     0.99;
  EXPECT_NEAR(m.sd, std::sqrt(var), 1e-12);
}

}  // namespace
}  // namespace pco

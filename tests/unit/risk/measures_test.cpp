// Risk measures on a hand-made distribution, computed by hand: knots 10, 20, 30, 40 (step 10,
// first knot 1) with masses 0.5, 0.3, 0.15, 0.04 and 0.01 beyond the grid.
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "risk/discretize.hpp"
#include "risk/measures.hpp"
#include "risk/severity.hpp"

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

// The histogram reading by hand on the same grid: cells [5, 15), [15, 25), [25, 35), [35, 45)
// holding 0.5, 0.3, 0.15, 0.04.
TEST(Measures, HistogramReadingByHand) {
  EXPECT_NEAR(histogram_exceedance(kD, 20), 0.5 * 0.3 + 0.15 + 0.04, 1e-15);  // half of [15, 25)
  EXPECT_NEAR(histogram_exceedance(kD, 25), 0.19, 1e-15);
  EXPECT_NEAR(histogram_exceedance(kD, 42.5), 0.25 * 0.04, 1e-15);
  EXPECT_DOUBLE_EQ(histogram_exceedance(kD, 45), 0.0);
  EXPECT_NEAR(histogram_exceedance(kD, 0), 0.99, 1e-15);
  EXPECT_NEAR(histogram_quantile(kD, 0.5), 15, 1e-12);     // top of the first cell
  EXPECT_NEAR(histogram_quantile(kD, 0.65), 20, 1e-12);    // half-way through the second
  EXPECT_TRUE(std::isinf(histogram_quantile(kD, 0.995)));  // the grid holds only 0.99
  // Above VaR_0.65 = 20: 0.15 of [20, 25) at 22.5, then the knots 30 and 40.
  EXPECT_NEAR(histogram_tail_mean(kD, 0.65), (0.15 * 22.5 + 0.15 * 30 + 0.04 * 40) / 0.34, 1e-12);
  // One knot is a certain value, read as such.
  const AggregateDistribution certain{10.0, 3, {1.0}, "test"};
  EXPECT_DOUBLE_EQ(histogram_exceedance(certain, 29), 1.0);
  EXPECT_DOUBLE_EQ(histogram_exceedance(certain, 31), 0.0);
  EXPECT_DOUBLE_EQ(histogram_quantile(certain, 0.5), 30);
}

// A grid that discretises a continuous distribution by splitting its mass between neighbouring
// knots (the unbiased method, as the risk engine's regrids and mixing do), against the
// distribution itself: lognormal, mean 1, sd 1.2 (a cost per case), step sd/64 as a budget
// holder's grid. Read as a histogram, the probabilities on a fine sweep of amounts are within
// 1e-4 of the exact survival above 0.5 and 5e-4 below, where the density is steep (the error is
// of order h² times its slope), and every quantile within 2% of a step; the step function
// through the knots errs by more than ten times as much (up to half a knot's mass) and by up
// to a whole step.
TEST(Measures, HistogramReadingOfADiscretisedDistributionIsSecondOrder) {
  const double sdlog = std::sqrt(std::log1p(1.2 * 1.2));
  const auto x = Severity::lognormal(-0.5 * sdlog * sdlog, sdlog);
  const double h = 1.2 / 64;
  const auto grid = discretize(x, h, 2000.0, DiscretizeMethod::unbiased);
  const AggregateDistribution d{h, 0, grid.pmf, "unbiased"};
  // Worst errors of each reading below and above 0.5 (the density is steepest near 0, where
  // the histogram's O(h² f') error is largest).
  double histogram_error[2] = {0, 0};
  double step_error[2] = {0, 0};
  for (double a = 0.05; a < 8; a += 0.0137) {
    const int above = a >= 0.5 ? 1 : 0;
    histogram_error[above] =
        std::max(histogram_error[above], std::fabs(histogram_exceedance(d, a) - x.survival(a)));
    step_error[above] = std::max(step_error[above], std::fabs(exceedance(d, a) - x.survival(a)));
  }
  EXPECT_LT(histogram_error[0], 5e-4);
  EXPECT_LT(histogram_error[1], 1e-4);
  EXPECT_GT(step_error[0], 10 * histogram_error[0]);
  EXPECT_GT(step_error[1], 10 * histogram_error[1]);
  for (double p : {0.5, 0.9, 0.95, 0.99, 0.999}) {
    // The exact quantile by bisection on the survival function.
    double lo = 0;
    double hi = 60;
    for (int i = 0; i < 200; ++i)
      (x.survival(0.5 * (lo + hi)) > 1 - p ? lo : hi) = 0.5 * (lo + hi);
    const double exact = 0.5 * (lo + hi);
    EXPECT_NEAR(histogram_quantile(d, p), exact, 0.02 * h) << p;
    // E[X | X > q] = (E X − E[X; X <= q]) / (1 − p).
    const double tvar = (x.mean() - x.partial_moment(1, exact)) / (1 - p);
    EXPECT_NEAR(histogram_tail_mean(d, p), tvar, 2e-4 * tvar) << p;
  }
}

// The precomputed reading gives histogram_exceedance's bits everywhere: below, inside and above
// the grid, on knots and on cell edges, and for a one-knot grid.
TEST(Measures, HistogramSurvivalIsHistogramExceedance) {
  const AggregateDistribution d{0.5, -3, {0.1, 0.0, 0.25, 0.3, 1e-17, 0.2, 0.15}, "test"};
  const HistogramSurvival survival(d);
  for (double x = -3.0; x <= 2.5; x += 0.0625)
    EXPECT_EQ(survival(x), histogram_exceedance(d, x)) << x;
  const AggregateDistribution one{2.0, 3, {1.0}, "test"};
  const HistogramSurvival certain(one);
  for (const double x : {5.0, 6.0, 7.0})
    EXPECT_EQ(certain(x), histogram_exceedance(one, x)) << x;
}

}  // namespace
}  // namespace pco

// Exact grid operations behind contracts, against closed forms.
#include <cmath>

#include <gtest/gtest.h>

#include "commissioning/grid_transform.hpp"
#include "risk/measures.hpp"

namespace pco {
namespace {

// A skewed distribution on knots 3..7 of step 2.5.
AggregateDistribution sample() {
  return AggregateDistribution{2.5, 3, {0.1, 0.4, 0.3, 0.15, 0.05}, "test"};
}

double mean_of(const AggregateDistribution& d) {
  return grid_moments(d).mean;
}
double variance_of(const AggregateDistribution& d) {
  const double sd = grid_moments(d).sd;
  return sd * sd;
}

TEST(GridTransform, ScalingIsExactForAnyFactor) {
  const auto d = sample();
  const double m = mean_of(d), v = variance_of(d);
  for (const double f : {0.5, 1.0, 3.0, -0.7, -2.0}) {
    const auto s = scaled(d, f);
    EXPECT_NEAR(mean_of(s), f * m, 1e-12) << f;
    EXPECT_NEAR(variance_of(s), f * f * v, 1e-12) << f;
    EXPECT_NEAR(s.total(), 1.0, 1e-15);
    // Quantiles map through the factor (reversed for negative factors).
    if (f > 0) {
      EXPECT_NEAR(quantile(s, 0.5), f * quantile(d, 0.5), 1e-12);
    }
  }
  const auto zero = scaled(d, 0);
  EXPECT_EQ(mean_of(zero), 0);
  EXPECT_EQ(variance_of(zero), 0);
  // P(−X < −x) = P(X > x): the reflected grid puts 0.05 at −17.5.
  EXPECT_NEAR(cdf_at(scaled(d, -1), -17.5), 0.05, 1e-15);
}

TEST(GridTransform, PointMassesSitExactlyOnTheirValue) {
  for (const double v : {0.0, 1234.56, -98.7}) {
    const auto p = point_mass(v);
    EXPECT_EQ(mean_of(p), v);
    EXPECT_EQ(variance_of(p), 0);
    EXPECT_EQ(p.total(), 1.0);
  }
}

TEST(GridTransform, SumOnAStepKeepsMeansAndBoundsTheAddedVariance) {
  const auto a = sample();
  const auto b = scaled(sample(), -1.3);
  const double step = 0.7;
  const auto sum = sum_on_step({a, b}, step);
  EXPECT_NEAR(mean_of(sum), mean_of(a) + mean_of(b), 1e-12);
  // Each part moved onto the step adds at most step²/4 of variance (docs: regrid).
  const double exact = variance_of(a) + variance_of(b);
  EXPECT_GE(variance_of(sum), exact - 1e-12);
  EXPECT_LE(variance_of(sum), exact + 2 * step * step / 4 + 1e-12);
}

TEST(GridTransform, MomentsOfAFunctionKnotByKnot) {
  const auto d = sample();
  const double m = mean_of(d), v = variance_of(d);
  // Linear: mean a + b m, variance b² v, Cov(X, a + bX) = b v.
  const auto lin = transform_moments(d, [](double x) { return 10 - 0.4 * x; });
  EXPECT_NEAR(lin.mean, 10 - 0.4 * m, 1e-12);
  EXPECT_NEAR(lin.variance, 0.16 * v, 1e-12);
  EXPECT_NEAR(lin.covariance, -0.4 * v, 1e-12);
  // A cap at 12.5: E min(X, 12.5) by hand over the five knots 7.5, 10, 12.5, 15, 17.5.
  const auto capped = transform_moments(d, [](double x) { return std::min(x, 12.5); });
  EXPECT_NEAR(capped.mean, 0.1 * 7.5 + 0.4 * 10 + 0.5 * 12.5, 1e-12);
}

}  // namespace
}  // namespace pco

#include <cmath>
#include <numbers>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/random.hpp"
#include "risk/cost_distribution.hpp"
#include "risk/factor_mix.hpp"
#include "risk/measures.hpp"
#include "risk/special.hpp"

namespace pco {
namespace {

double grid_variance(const AggregateDistribution& d) {
  const auto m = grid_moments(d);
  return m.sd * m.sd;
}

// S = 1000 for certain: T is the lognormal factor itself, whose survival function is known in
// closed form. The mixture's P(T > x) on its knots agrees with it to within the grid's own
// resolution, density(x)·H (64 knots per sd of T), plus 1e-5.
TEST(FactorMix, ADegenerateCostGivesTheLognormalFactor) {
  const double sigma = 0.05;
  const AggregateDistribution s{1000, 1, {1.0}, "point"};
  const auto t = mix_lognormal_factor(s, sigma);
  const auto m = grid_moments(t.distribution);
  EXPECT_NEAR(m.mean, 1000, 1e-9);
  const double exact_sd = 1000 * std::sqrt(std::expm1(sigma * sigma));
  EXPECT_NEAR(m.sd, exact_sd, 1e-4 * exact_sd + t.variance_error_bound / exact_sd);
  const double h = t.distribution.step;
  for (double x : {950.0, 1000.0, 1050.0, 1100.0, 1150.0}) {
    const double z = (std::log(x / 1000) + sigma * sigma / 2) / sigma;
    const double density = std::exp(-z * z / 2) / std::sqrt(2 * std::numbers::pi) / (x * sigma);
    EXPECT_NEAR(exceedance(t.distribution, x), 1 - normal_cdf(z), density * h + 1e-5) << x;
  }
}

// Mass and mean exact; the variance E F² (Var S + (E S)²) − (E S)² within the reported bounds;
// the quadrature's E F² within 1e-13.
TEST(FactorMix, MomentsAgainstTheClosedForm) {
  const std::vector<CostComponent> components = {
      {"a", Frequency::negative_binomial(400 / 0.5, 1 / 1.5), Severity::lognormal(7, 1.1)},
      {"b", Frequency::poisson(2.5), Severity::lognormal(10, 1.5)}};
  const auto s = cost_distribution(components);
  const auto sm = grid_moments(s.distribution);
  const double vs = grid_variance(s.distribution);
  for (double sigma : {0.01, 0.04, 0.2}) {
    const auto t = mix_lognormal_factor(s.distribution, sigma);
    EXPECT_NEAR(t.distribution.total(), s.distribution.total(), 1e-12);
    const auto tm = grid_moments(t.distribution);
    EXPECT_NEAR(tm.mean, sm.mean, 1e-12 * sm.mean);
    EXPECT_LT(std::fabs(t.second_moment_error), 1e-13);
    const double exact = std::exp(sigma * sigma) * (vs + sm.mean * sm.mean) - sm.mean * sm.mean;
    const double vt = grid_variance(t.distribution);
    EXPECT_GE(vt, exact - t.variance_deficit - 1e-12 * exact) << sigma;
    EXPECT_LE(vt, exact + t.variance_error_bound + 1e-12 * exact) << sigma;
    EXPECT_LT(t.variance_deficit, 1e-3 * exact);
  }
}

// The mixture against a simulation of S·F (S drawn from its grid, F lognormal): P(T > x) within
// 4 standard errors at several x.
TEST(FactorMix, AgreesWithMonteCarloWithinFourStandardErrors) {
  const std::vector<CostComponent> components = {
      {"a", Frequency::negative_binomial(300 / 0.5, 1 / 1.5), Severity::lognormal(7, 1.1)}};
  const auto s = cost_distribution(components);
  const double sigma = 0.06;
  const auto t = mix_lognormal_factor(s.distribution, sigma);
  std::vector<double> cumulative;
  double sum = 0;
  for (double p : s.distribution.pmf)
    cumulative.push_back(sum += p);
  const std::uint64_t n = 40000;
  const double mean = s.exact_mean;
  const std::vector<double> xs = {0.95 * mean, mean, 1.1 * mean, 1.2 * mean};
  std::vector<std::uint64_t> over(xs.size(), 0);
  for (std::uint64_t r = 0; r < n; ++r) {
    RandomStream random(5, r, 0, 0);
    const double u = random.uniform() * sum;
    const auto i = static_cast<std::size_t>(
        std::lower_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
    const double value = s.distribution.knot(std::min(i, cumulative.size() - 1)) *
                         std::exp(sigma * random.normal() - sigma * sigma / 2);
    for (std::size_t k = 0; k < xs.size(); ++k)
      if (value > xs[k]) ++over[k];
  }
  for (std::size_t k = 0; k < xs.size(); ++k) {
    const double p = exceedance(t.distribution, xs[k]);
    const double estimate = static_cast<double>(over[k]) / static_cast<double>(n);
    const double se = std::sqrt(std::max(p * (1 - p), 1e-6) / static_cast<double>(n));
    EXPECT_NEAR(estimate, p, 4 * se) << xs[k];
  }
}

// The quadrature's precision: nodes four times closer and cells four times narrower move P(T > x)
// by less than 1e-4 for a holder whose chance spread is much narrower than the factor's (the
// hard case: a large pool, CV 0.15% against a factor of 1–3%); docs/risk-sources.md.
TEST(FactorMix, FinerQuadratureChangesProbabilitiesByLessThan1e4) {
  const std::vector<CostComponent> components = {
      {"a", Frequency::negative_binomial(2e6 / 2, 1 / 3.0), Severity::lognormal(5, 1.0)}};
  const auto s = cost_distribution(components);
  FactorMixSettings fine;
  fine.ratio = 0.25;
  fine.max_spacing = 0.125;
  fine.body_fraction = 512;
  fine.tail_fraction = 128;
  for (double sigma : {0.01, 0.03}) {
    const auto t = mix_lognormal_factor(s.distribution, sigma);
    const auto f = mix_lognormal_factor(s.distribution, sigma, fine);
    EXPECT_GT(f.nodes, t.nodes);
    for (double x : {0.97, 1.0, 1.03, 1.05, 1.1})
      EXPECT_NEAR(exceedance(t.distribution, x * s.exact_mean),
                  exceedance(f.distribution, x * s.exact_mean), 1e-4)
          << sigma << " " << x;
  }
}

TEST(FactorMix, NoFactorLeavesTheCostAsItIsAndBadSigmaIsAUsageError) {
  const AggregateDistribution s{2, 3, {0.25, 0.5, 0.25}, "t"};
  const auto t = mix_lognormal_factor(s, 0);
  EXPECT_EQ(t.distribution.pmf, s.pmf);
  EXPECT_EQ(t.nodes, 0u);
  EXPECT_THROW(mix_lognormal_factor(s, -0.1), UsageError);
  EXPECT_THROW(mix_lognormal_factor(s, std::nan("")), UsageError);
  EXPECT_NEAR(lognormal_sigma(0.1), std::sqrt(std::log(1.01)), 1e-15);
}

}  // namespace
}  // namespace pco

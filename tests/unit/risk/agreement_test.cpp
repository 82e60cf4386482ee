// FFT, split Panjer recursion and Monte Carlo on the same discretised model, from a tiny pool
// (λ = 0.01) to a national one (λ = 10^6, where actuar's recursion underflows). FFT and
// recursion are both exact: their CDFs must agree to 1e-9 (rounding only). Monte Carlo must
// agree within 4 standard errors.
#include <cmath>

#include <gtest/gtest.h>

#include "risk/aggregate.hpp"
#include "risk/measures.hpp"
#include "risk/monte_carlo.hpp"

namespace pco {
namespace {

double max_cdf_difference(const AggregateDistribution& a, const AggregateDistribution& b) {
  const std::int64_t lo = std::min(a.first, b.first);
  const std::int64_t hi = std::max(a.first + static_cast<std::int64_t>(a.size()),
                                   b.first + static_cast<std::int64_t>(b.size()));
  const auto mass = [](const AggregateDistribution& d, std::int64_t k) {
    const auto i = k - d.first;
    return i >= 0 && i < static_cast<std::int64_t>(d.size()) ? d.pmf[static_cast<std::size_t>(i)]
                                                             : 0.0;
  };
  double fa = 0, fb = 0, worst = 0;
  for (std::int64_t k = lo; k < hi; ++k) {
    fa += mass(a, k);
    fb += mass(b, k);
    worst = std::max(worst, std::fabs(fa - fb));
  }
  return worst;
}

struct Case {
  double lambda;
  std::uint64_t replications;
};

class MethodsAgree : public ::testing::TestWithParam<Case> {};

TEST_P(MethodsAgree, FftRecursionAndMonteCarlo) {
  const auto [lambda, replications] = GetParam();
  const auto frequency = Frequency::poisson(lambda);
  const auto severity = discretize(Severity::gamma(2, 1), 0.5, 40, DiscretizeMethod::rounding);
  const auto fft = compound_fft(frequency, severity);
  const auto recursive = compound_recursive(frequency, severity);
  EXPECT_LT(max_cdf_difference(fft, recursive), 1e-9);
  EXPECT_LT(fft.mass_beyond_grid(), 1e-9);
  EXPECT_LT(recursive.mass_beyond_grid(), 1e-9);

  // Closed-form moments of the discretised compound (the severity misses only
  // P(X > 39.75) ≈ 2e-16 beyond its grid).
  const auto exact = compound_moments(frequency, severity.raw_moment(1), severity.raw_moment(2),
                                      severity.raw_moment(3));
  const auto m = grid_moments(fft);
  EXPECT_NEAR(m.mean, exact.mean, 1e-6 * exact.mean);
  EXPECT_NEAR(m.sd, exact.sd(), 1e-6 * exact.sd());

  const auto mc = compound_monte_carlo(frequency, severity, {replications, 2024});
  EXPECT_NEAR(mc.mean, m.mean, 4 * mc.mean_se + 1e-12);
  for (double p : {0.1, 0.5, 0.9, 0.99}) {
    const double x = quantile(fft, p);
    const double f = cdf_at(fft, x);
    EXPECT_NEAR(cdf_at(mc.distribution, x), f, 4 * proportion_se(f, replications) + 1e-12)
        << "p = " << p << ", x = " << x;
  }
}

INSTANTIATE_TEST_SUITE_P(PoolSizes, MethodsAgree,
                         ::testing::Values(Case{1e-2, 40000}, Case{1, 20000}, Case{1e3, 4000},
                                           Case{1e5, 2000}, Case{1e6, 1000}),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           const int e = static_cast<int>(std::log10(param.param.lambda));
                           return std::string("lambda_1e") + (e < 0 ? "m" : "") +
                                  std::to_string(std::abs(e));
                         });

// Negative binomial and binomial beyond actuar's underflow limit: P(S = 0) = p^size and
// (1 - p)^n are far below 1e-300 here, so the recursion must split and convolve.
TEST(SplitRecursion, NegativeBinomialAndBinomialMatchFft) {
  const auto severity = discretize(Severity::exponential(1), 1, 30, DiscretizeMethod::unbiased);
  for (const auto& frequency :
       {Frequency::negative_binomial(500, 0.2), Frequency::binomial(20000, 0.3),
        Frequency::poisson(5000).zero_modified(0.1)}) {
    SCOPED_TRACE(frequency.describe());
    const auto fft = compound_fft(frequency, severity);
    const auto recursive = compound_recursive(frequency, severity);
    EXPECT_LT(max_cdf_difference(fft, recursive), 1e-9);
  }
}

// Sums of independent aggregates: Poisson(λ1) ⊕ Poisson(λ2) = Poisson(λ1 + λ2) and
// NB(r1, p) ⊕ NB(r2, p) = NB(r1 + r2, p) for the same severity (closed-form identities).
TEST(Convolve, SumsOfIndependentAggregatesAreTheClosedFormCompound) {
  const auto severity =
      discretize(Severity::lognormal(1, 0.7), 0.25, 80, DiscretizeMethod::unbiased);
  const auto a = compound_fft(Frequency::poisson(30), severity);
  const auto b = compound_fft(Frequency::poisson(70), severity);
  EXPECT_LT(max_cdf_difference(convolve(a, b), compound_fft(Frequency::poisson(100), severity)),
            1e-10);
  const auto c = compound_fft(Frequency::negative_binomial(2, 0.3), severity);
  const auto d = compound_fft(Frequency::negative_binomial(5, 0.3), severity);
  EXPECT_LT(max_cdf_difference(convolve(c, d),
                               compound_fft(Frequency::negative_binomial(7, 0.3), severity)),
            1e-10);
  // Many small pools (practices) into one budget holder, by repeated squaring.
  EXPECT_LT(
      max_cdf_difference(convolution_power(a, 10), compound_fft(Frequency::poisson(300), severity)),
      1e-10);
}

TEST(Convolve, DirectAndFftPathsAgreeWithHandComputation) {
  // (0.5 δ0 + 0.5 δ1) * (0.25 δ2 + 0.75 δ3) = 0.125 δ2 + 0.5 δ3 + 0.375 δ4.
  const AggregateDistribution a{1.0, 0, {0.5, 0.5}, "test"};
  const AggregateDistribution b{1.0, 2, {0.25, 0.75}, "test"};
  const auto c = convolve(a, b);
  EXPECT_EQ(c.first, 2);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_DOUBLE_EQ(c.pmf[0], 0.125);
  EXPECT_DOUBLE_EQ(c.pmf[1], 0.5);
  EXPECT_DOUBLE_EQ(c.pmf[2], 0.375);
  // Binomial(200, 1/2) as the 200-fold sum of a fair coin (FFT path for the large factors).
  const AggregateDistribution coin{1.0, 0, {0.5, 0.5}, "test"};
  const auto bin = convolution_power(coin, 200);
  const auto reference = Frequency::binomial(200, 0.5);
  for (std::uint64_t k = 60; k <= 140; k += 10)
    EXPECT_NEAR(bin.pmf[static_cast<std::size_t>(static_cast<std::int64_t>(k) - bin.first)],
                reference.pmf(k), 1e-14)
        << "k = " << k;
}

TEST(MonteCarlo, SameSeedSameResultsDifferentSeedDifferentResults) {
  const auto severity = discretize(Severity::pareto(3, 2), 0.5, 100, DiscretizeMethod::rounding);
  const auto frequency = Frequency::negative_binomial(2, 0.4);
  const auto a = compound_monte_carlo(frequency, severity, {5000, 7});
  const auto b = compound_monte_carlo(frequency, severity, {5000, 7});
  const auto c = compound_monte_carlo(frequency, severity, {5000, 8});
  EXPECT_EQ(a.distribution.pmf, b.distribution.pmf);
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_NE(a.mean, c.mean);
  // The severity's mass beyond 100 (P(X > 99.75) ≈ 7.5e-6 per claim) shows as mass beyond the
  // grid in both methods; the exact value bounds the simulated share.
  const auto exact = compound_fft(frequency, severity);
  EXPECT_NEAR(a.distribution.mass_beyond_grid(), exact.mass_beyond_grid(),
              4 * proportion_se(exact.mass_beyond_grid(), 5000) + 1e-12);
}

// Every claim drawn (λ below the split threshold): the pmf is the same bytes for 1, 2 and 3
// threads, and the mean and P(S <= median) agree with the exact distribution of the same
// discretised model within 4 standard errors.
TEST(MonteCarlo, ThreadsChangeNoByteAndDrawsAgreeWithTheExactDistribution) {
  // To £2m: 1.4e-5 of the replications have a claim beyond the grid, far below the tolerances.
  const auto severity =
      discretize(Severity::lognormal(7, 1.5), 50, 2000000, DiscretizeMethod::rounding);
  const auto frequency = Frequency::poisson(50);
  const std::uint64_t n = 20000;
  const auto one = compound_monte_carlo(frequency, severity, {n, 3, 1});
  for (int threads : {2, 3}) {
    const auto many = compound_monte_carlo(frequency, severity, {n, 3, threads});
    EXPECT_EQ(many.distribution.pmf, one.distribution.pmf) << threads;
    EXPECT_EQ(many.distribution.first, one.distribution.first) << threads;
    EXPECT_EQ(many.events, one.events) << threads;
    EXPECT_EQ(many.mean, one.mean) << threads;
  }
  const auto exact = compound_fft(frequency, severity);
  const auto m = grid_moments(exact);
  // The simulated mean is over totals on the grid; so is the exact one, given the grid.
  EXPECT_NEAR(one.mean, m.mean, 4 * m.sd / std::sqrt(static_cast<double>(n)));
  const double median = quantile(exact, 0.5);
  const double p = cdf_at(exact, median);
  EXPECT_NEAR(cdf_at(one.distribution, median), p, 4 * proportion_se(p, n) + 1.0 / n);
}

}  // namespace
}  // namespace pco

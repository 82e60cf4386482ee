// Frequency samplers against their closed-form mean and variance (within 4 standard errors),
// across the branches of each sampler (inversion and PTRS for Poisson, gamma mixing for the
// negative binomial, Bernoulli sums and beta splitting for the binomial, the zero-modified
// rejection and inversion paths).
#include <cmath>

#include <gtest/gtest.h>

#include "risk/alias_table.hpp"
#include "risk/frequency.hpp"

namespace pco {
namespace {

void expect_moments(const Frequency& f, std::uint64_t n) {
  SCOPED_TRACE(f.describe());
  std::vector<double> x(n);
  for (std::uint64_t r = 0; r < n; ++r) {
    RandomStream random(99, r);
    x[r] = static_cast<double>(f.sample(random));
  }
  const double count = static_cast<double>(n);
  double mean = 0;
  for (double v : x)
    mean += v / count;
  double m2 = 0, m4 = 0, zeros = 0;
  for (double v : x) {
    m2 += (v - mean) * (v - mean) / count;
    m4 += std::pow(v - mean, 4) / count;
    zeros += v == 0;
  }
  EXPECT_NEAR(mean, f.mean(), 4 * std::sqrt(f.variance() / count));
  // SE of the sample variance: sqrt((μ4 - σ^4) / n), with the sample's own moments.
  EXPECT_NEAR(m2, f.variance(), 4 * std::sqrt(std::max(0.0, m4 - m2 * m2) / count) + 1e-12);
  const double p0 = f.pmf(0);
  EXPECT_NEAR(zeros / count, p0, 4 * std::sqrt(p0 * (1 - p0) / count) + 1e-12);
}

TEST(FrequencySampling, MeansVariancesAndZerosMatchTheModel) {
  expect_moments(Frequency::poisson(0.05), 40000);
  expect_moments(Frequency::poisson(3), 40000);
  expect_moments(Frequency::poisson(250), 40000);
  expect_moments(Frequency::poisson(1e6), 20000);
  expect_moments(Frequency::negative_binomial(0.5, 0.1), 40000);
  expect_moments(Frequency::negative_binomial(20, 0.6), 40000);
  expect_moments(Frequency::binomial(12, 0.3), 40000);
  expect_moments(Frequency::binomial(100000, 0.01), 20000);
  expect_moments(Frequency::poisson(3).zero_modified(0.5), 40000);
  expect_moments(Frequency::poisson(0.2).zero_modified(0.5), 40000);
  expect_moments(Frequency::binomial(3, 0.3).zero_modified(0.4), 40000);
  expect_moments(Frequency::general({0.1, 0.2, 0.3, 0.4}), 40000);
}

TEST(AliasTable, FrequenciesMatchTheWeights) {
  const std::vector<double> weights = {0.5, 0, 2, 1.5, 6};  // total 10
  const AliasTable table(weights);
  std::vector<double> counts(weights.size(), 0);
  const std::uint64_t n = 200000;
  RandomStream random(5);
  for (std::uint64_t i = 0; i < n; ++i)
    counts[table.sample(random)] += 1;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double p = weights[i] / 10;
    EXPECT_NEAR(counts[i] / static_cast<double>(n), p,
                4 * std::sqrt(p * (1 - p) / static_cast<double>(n)) + 1e-12)
        << "outcome " << i;
  }
}

// The position drawn with each index is uniform on [0, 1) given the index (its mean 1/2 and
// variance 1/12 per index, within 4 standard errors), and the index is sample()'s for the same
// word, so drawing in a knot's cell changes no index.
TEST(AliasTable, PositionsAreUniformWithinEachIndex) {
  const std::vector<double> weights = {0.5, 0, 2, 1.5, 6};
  const AliasTable table(weights);
  std::vector<double> n(weights.size(), 0), sum(weights.size(), 0), sum2(weights.size(), 0);
  RandomStream random(5);
  RandomStream same(5);
  for (int i = 0; i < 200000; ++i) {
    const auto [index, position] = table.sample_with_position(random);
    ASSERT_EQ(index, table.sample(same));
    ASSERT_GE(position, 0.0);
    ASSERT_LT(position, 1.0);
    n[index] += 1;
    sum[index] += position;
    sum2[index] += position * position;
  }
  EXPECT_EQ(n[1], 0);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (n[i] == 0) continue;
    const double mean = sum[i] / n[i];
    const double variance = sum2[i] / n[i] - mean * mean;
    EXPECT_NEAR(mean, 0.5, 4 * std::sqrt(1.0 / 12 / n[i])) << "index " << i;
    // (U − ½)² has variance 1/80 − 1/144 = 1/180, so the sample variance has sd √(1/180 / n).
    EXPECT_NEAR(variance, 1.0 / 12, 4 * std::sqrt(1.0 / 180 / n[i])) << "index " << i;
  }
}

}  // namespace
}  // namespace pco

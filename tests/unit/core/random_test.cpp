#include "core/random.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace pco {
namespace {

TEST(RandomStream, SameKeyGivesSameNumbersDifferentKeysDiffer) {
  RandomStream a(7, 1, 2, 3), b(7, 1, 2, 3), c(7, 1, 2, 4);
  for (int i = 0; i < 10; ++i) {
    const auto x = a.next_u64();
    EXPECT_EQ(x, b.next_u64());
    EXPECT_NE(x, c.next_u64());
  }
}

// Batched words are exactly the words drawn one at a time, however the batches fall against
// Philox's blocks of four.
TEST(RandomStream, BatchedWordsAreTheSingleWordsInOrder) {
  RandomStream one(9, 1, 2, 3);
  std::vector<std::uint64_t> expected(200);
  for (auto& x : expected)
    x = one.next_u64();
  for (std::size_t first : {0, 1, 3, 4, 5}) {
    RandomStream batched(9, 1, 2, 3);
    std::vector<std::uint64_t> got(expected.size());
    for (std::size_t i = 0; i < first; ++i)
      got[i] = batched.next_u64();
    std::size_t at = first;
    for (std::size_t size : {7, 1, 64, 4, 0, 33})
      if (at + size <= got.size()) {
        batched.next_u64s(got.data() + at, size);
        at += size;
      }
    for (; at < got.size(); ++at)
      got[at] = batched.next_u64();
    EXPECT_EQ(got, expected) << "first " << first;
  }
}

TEST(RandomStream, UniformMomentsWithinFourStandardErrors) {
  RandomStream s(42);
  constexpr int n = 200000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum2 += u * u;
  }
  // Mean 1/2 with standard error sqrt(1/12/n); E[U^2] = 1/3 with sd sqrt(4/45)/sqrt(n).
  EXPECT_NEAR(sum / n, 0.5, 4 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(sum2 / n, 1.0 / 3, 4 * std::sqrt(4.0 / 45 / n));
}

TEST(NormalQuantile, MatchesTabulatedValues) {
  // Standard normal quantiles to 12 digits (Abramowitz & Stegun table 26.5 / R qnorm).
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-13);
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(normal_quantile(0.001), -3.090232306167814, 1e-12);
  EXPECT_NEAR(normal_quantile(1e-10), -6.361340902404056, 1e-10);
}

TEST(RandomStream, GammaMeanAndVarianceWithinFourStandardErrors) {
  for (const double shape : {0.5, 2.0, 9.0}) {
    RandomStream s(3, static_cast<std::uint64_t>(shape * 10));
    constexpr int n = 100000;
    const double scale = 1.5;
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i) {
      const double x = s.gamma(shape, scale);
      sum += x;
      sum2 += x * x;
    }
    const double mean = sum / n;
    const double var = sum2 / n - mean * mean;
    const double true_var = shape * scale * scale;
    EXPECT_NEAR(mean, shape * scale, 4 * std::sqrt(true_var / n)) << shape;
    // Var of the sample variance ~ (mu4 - sigma^4)/n with mu4 = 3(1+2/k)... use 6/k excess.
    const double mu4 = true_var * true_var * (3 + 6 / shape);
    EXPECT_NEAR(var, true_var, 4 * std::sqrt((mu4 - true_var * true_var) / n)) << shape;
  }
}

}  // namespace
}  // namespace pco

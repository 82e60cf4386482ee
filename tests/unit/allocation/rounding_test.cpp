// Largest-remainder rounding against hand-worked apportionments.

#include <numeric>

#include <gtest/gtest.h>

#include "allocation/rounding.hpp"

namespace pco {
namespace {

std::vector<std::int64_t> split(std::int64_t total, std::vector<long double> w) {
  return largest_remainder(total, w);
}

TEST(LargestRemainder, HamiltonTextbookCase) {
  // 10 seats for votes 43, 27, 18, 12 (out of 100): quotas 4.3, 2.7, 1.8, 1.2; floors
  // 4, 2, 1, 1 = 8; the 2 seats left go to the largest remainders .8 and .7.
  EXPECT_EQ(split(10, {43, 27, 18, 12}), (std::vector<std::int64_t>{4, 3, 2, 1}));
}

TEST(LargestRemainder, TiesGoToTheLowerIndex) {
  // 1 penny over 3 equal parts: remainders all 1/3, so the first part takes it.
  EXPECT_EQ(split(1, {1, 1, 1}), (std::vector<std::int64_t>{1, 0, 0}));
  EXPECT_EQ(split(5, {1, 1, 1}), (std::vector<std::int64_t>{2, 2, 1}));
}

TEST(LargestRemainder, ZeroWeightsGetNothingAndPartsSumExactly) {
  const auto parts = split(1'000'000'007, {0, 3.3L, 0, 2.2L, 1.1L});
  EXPECT_EQ(parts[0], 0);
  EXPECT_EQ(parts[2], 0);
  EXPECT_EQ(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}), 1'000'000'007);
  // Exact shares are 1/2, 1/3, 1/6 of 1,000,000,007 = 500000003.5, 333333335.67,
  // 166666667.83: floors sum to 1,000,000,005, the 2 pence go to .83 and .67.
  EXPECT_EQ(parts[1], 500'000'003);
  EXPECT_EQ(parts[3], 333'333'336);
  EXPECT_EQ(parts[4], 166'666'668);
}

TEST(LargestRemainder, NationalScaleQuantumReconcilesToThePenny) {
  // £100bn over 7,000 unequal parts: the parts must sum exactly and each must be within a
  // penny of its exact share.
  std::vector<long double> w;
  for (int i = 0; i < 7000; ++i)
    w.push_back(1000.0L + (i * 7919) % 13001);
  const std::int64_t total = 10'000'000'000'000;
  const auto parts = largest_remainder(total, w);
  const long double sum = std::accumulate(w.begin(), w.end(), 0.0L);
  EXPECT_EQ(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}), total);
  for (std::size_t i = 0; i < w.size(); ++i) {
    const long double exact = static_cast<long double>(total) * w[i] / sum;
    EXPECT_LT(std::abs(static_cast<long double>(parts[i]) - exact), 1.0L) << i;
  }
}

}  // namespace
}  // namespace pco

// Transform sizes: fast_fft_size (pooled, planned once for many transforms) and
// one_shot_fft_size (planned for one transform) against a brute-force search, and a transform
// of a one-shot size against the DFT computed directly.
#include <algorithm>
#include <cmath>
#include <complex>
#include <initializer_list>
#include <numbers>
#include <vector>

#include <gtest/gtest.h>

#include "risk/fft.hpp"

namespace pco {
namespace {

bool smooth(std::size_t n, std::initializer_list<std::size_t> primes) {
  for (auto p : primes)
    while (n % p == 0)
      n /= p;
  return n == 1;
}

TEST(FftSize, SmallestSizeOfEachFormAtLeastTheRequest) {
  for (std::size_t n = 1; n < 5000; ++n) {
    std::size_t fast = n;
    while (!smooth(fast, {2, 3, 5, 7}))
      ++fast;
    EXPECT_EQ(fast_fft_size(n), fast) << n;
    std::size_t once = std::max<std::size_t>(n, 2);
    while (once % 2 != 0 || once % 4 == 0 || !smooth(once / 2, {3, 5, 7}))
      ++once;
    EXPECT_EQ(one_shot_fft_size(n), once) << n;
  }
  EXPECT_EQ(one_shot_fft_size(253708), 255150u);  // 2 · 3^6 · 5^2 · 7
}

TEST(FftSize, OneShotSizeTransformsAsTheDirectDft) {
  const std::size_t n = one_shot_fft_size(100);  // 126 = 2 · 3^2 · 7
  ASSERT_EQ(n, 126u);
  RealFft fft(n);
  for (std::size_t j = 0; j < n; ++j)
    fft.real()[j] = std::sin(0.3 * static_cast<double>(j)) + 0.01 * static_cast<double>(j);
  std::vector<double> x(fft.real(), fft.real() + n);
  fft.forward();
  for (std::size_t k = 0; k <= n / 2; ++k) {
    std::complex<double> direct = 0;
    for (std::size_t j = 0; j < n; ++j)
      direct += x[j] * std::polar(1.0, -2 * std::numbers::pi * static_cast<double>(j * k) /
                                           static_cast<double>(n));
    EXPECT_NEAR(std::abs(fft.spectrum()[k] - direct), 0.0, 1e-11) << k;
  }
  fft.backward();
  for (std::size_t j = 0; j < n; ++j)
    EXPECT_NEAR(fft.real()[j], x[j], 1e-13) << j;
}

}  // namespace
}  // namespace pco

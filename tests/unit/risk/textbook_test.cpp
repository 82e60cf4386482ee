// Loss Models (Klugman, Panjer & Willmot) examples as reproduced by R's actuar 3.3-2
// (example(aggregateDist), demo(risk)); reference values printed by actuar. Tolerances: the
// references are printed to 7-8 significant digits (textbook) or 17 (our actuar runs).
#include <cmath>

#include <gtest/gtest.h>

#include "core/error.hpp"

#include "risk/aggregate.hpp"
#include "risk/approximation.hpp"
#include "risk/discretize.hpp"
#include "risk/measures.hpp"

namespace pco {
namespace {

AggregateDistribution by_method(const std::string& method, const Frequency& f,
                                const SeverityGrid& x) {
  return method == "fft" ? compound_fft(f, x) : compound_recursive(f, x);
}

double mass_at(const AggregateDistribution& d, std::int64_t knot) {
  const auto i = knot - d.first;
  return i >= 0 && i < static_cast<std::int64_t>(d.size()) ? d.pmf[static_cast<std::size_t>(i)]
                                                           : 0.0;
}

class Textbook : public ::testing::TestWithParam<std::string> {};

// Example 9.10: Poisson(3), P(X = 1, 2, 3) = 19/30, 8/30, 3/30 (the brief, §4).
TEST_P(Textbook, Example9_10CompoundPoisson) {
  const auto x = grid_from_pmf({0, 19.0 / 30, 8.0 / 30, 3.0 / 30}, 1.0);
  const auto d = by_method(GetParam(), Frequency::poisson(3), x);
  const double expected[] = {0.04978707, 0.09459543, 0.12969531, 0.14752738,
                             0.14323760, 0.12498421, 0.09990413, 0.07410092};
  for (int s = 0; s < 8; ++s)
    EXPECT_NEAR(mass_at(d, s), expected[s], 5e-9) << "s = " << s;
  EXPECT_NEAR(cdf_at(d, 24), 0.99999918, 5e-9);
}

// Example 9.11: zero-modified binomial(3, 0.3) with p0 = 0.4, severity 0.3, 0.5, 0.2 on 0, 50,
// 100 (the severity has mass at zero).
TEST_P(Textbook, Example9_11ZeroModifiedBinomial) {
  const auto x = grid_from_pmf({0.3, 0.5, 0.2}, 50.0);
  const auto d = by_method(GetParam(), Frequency::binomial(3, 0.3).zero_modified(0.4), x);
  const double expected[] = {0.53702191780821928,   0.25647945205479461,  0.15129041095890416,
                             0.04204109589041094,   0.011490410958904129, 0.0014794520547944945,
                             0.00019726027397237722};
  for (int s = 0; s < 7; ++s)
    EXPECT_NEAR(mass_at(d, s), expected[s], 1e-12) << "s = " << s;
  EXPECT_DOUBLE_EQ(d.knot(1), 50.0);
}

// demo(risk): Poisson(10), Gamma(2, 1) discretised unbiased with h = 0.5 up to 22: mean ≈ 20,
// variance ≈ 60.42 (the brief); actuar's recursion to tol 1e-14 gives the digits below.
TEST_P(Textbook, PoissonGammaUnbiased) {
  const auto x = discretize(Severity::gamma(2, 1), 0.5, 22, DiscretizeMethod::unbiased);
  const auto d = by_method(GetParam(), Frequency::poisson(10), x);
  const auto m = grid_moments(d);
  EXPECT_NEAR(m.mean, 19.999997238426698, 1e-9);
  double second = 0;  // actuar's sums, not renormalised
  for (std::size_t i = 0; i < d.size(); ++i)
    second += d.knot(i) * d.knot(i) * d.pmf[i];
  EXPECT_NEAR(second - m.mean * m.mean, 60.418359742522341, 1e-8);
  EXPECT_NEAR(m.sd * m.sd, 60.42, 5e-3);
  EXPECT_DOUBLE_EQ(quantile(d, 0.5), 19.5);
  EXPECT_DOUBLE_EQ(quantile(d, 0.9), 30.5);
  EXPECT_DOUBLE_EQ(quantile(d, 0.99), 41);
  EXPECT_NEAR(tail_mean(d, 0.9), 35.419078809339986, 1e-9);
  EXPECT_NEAR(tail_mean(d, 0.99), 45.013258852190525, 1e-9);
  const double at[] = {10, 20, 30.5, 40};
  const double cdf[] = {0.091897897167102477, 0.54707710137356991, 0.90756907734268655,
                        0.98832059306494868};
  for (int i = 0; i < 4; ++i)
    EXPECT_NEAR(cdf_at(d, at[i]), cdf[i], 1e-11) << "x = " << at[i];
}

// Negative binomial(2.5, 0.4) and zero-modified Poisson(2, p0 = 0.3) on example 9.5's severity.
TEST_P(Textbook, NegativeBinomialAndZeroModifiedPoisson) {
  const auto x =
      grid_from_pmf({0, 0.15, 0.2, 0.25, 0.125, 0.075, 0.05, 0.05, 0.05, 0.025, 0.025}, 1.0);
  const auto nb = by_method(GetParam(), Frequency::negative_binomial(2.5, 0.4), x);
  const double at[] = {0, 5, 10, 20, 40};
  const double nb_cdf[] = {0.10119288512538817, 0.28382574360835378, 0.4792663055646334,
                           0.76070166381820914, 0.96257399679023281};
  for (int i = 0; i < 5; ++i)
    EXPECT_NEAR(cdf_at(nb, at[i]), nb_cdf[i], 1e-11) << "x = " << at[i];
  const auto zm = by_method(GetParam(), Frequency::poisson(2).zero_modified(0.3), x);
  const double at2[] = {0, 1, 5, 10, 20};
  const double zm_cdf[] = {0.29999999999999999, 0.33286870497742976, 0.55650274463457772,
                           0.7839618661552088, 0.97003513278157028};
  for (int i = 0; i < 5; ++i)
    EXPECT_NEAR(cdf_at(zm, at2[i]), zm_cdf[i], 1e-11) << "x = " << at2[i];
}

INSTANTIATE_TEST_SUITE_P(Methods, Textbook, ::testing::Values("fft", "recursive"));

// Example 9.5: a general frequency pmf with the same severity on a 25-unit grid (actuar's
// "convolution" method). The recursion does not apply to a general frequency; FFT does.
TEST(TextbookFft, Example9_5GeneralFrequency) {
  const auto x =
      grid_from_pmf({0, 0.15, 0.2, 0.25, 0.125, 0.075, 0.05, 0.05, 0.05, 0.025, 0.025}, 25.0);
  const auto f = Frequency::general({0.05, 0.1, 0.15, 0.2, 0.25, 0.15, 0.06, 0.03, 0.01});
  const auto d = compound_fft(f, x);
  const double expected[] = {0.05000000, 0.01500000, 0.02337500, 0.03467500, 0.03257656, 0.03578639,
                             0.03980787, 0.04356232, 0.04751800, 0.04903380, 0.05189806, 0.05137886,
                             0.05118691, 0.05030486, 0.04818189, 0.04575882, 0.04280890, 0.03937836,
                             0.03574568, 0.03196808, 0.02832446, 0.02478833};
  for (int s = 0; s < 22; ++s)
    EXPECT_NEAR(mass_at(d, s), expected[s], 5e-9) << "s = " << s;
  EXPECT_NEAR(grid_moments(d).mean, 314.5, 0.05);  // summary(Fs): Mean 314.5
  EXPECT_THROW(compound_recursive(f, x), UsageError);
}

// actuar's normal and NP2 approximations (demo(risk): moments 20, 60, 0.516398).
TEST(Approximations, MatchActuar) {
  const Approximation normal{ApproximationKind::normal, 20, std::sqrt(60.0), 0};
  EXPECT_NEAR(normal.quantile(0.9), 29.926855741320566, 1e-10);
  EXPECT_NEAR(normal.quantile(0.99), 38.019813147290414, 1e-10);
  EXPECT_NEAR(normal.tail_mean(0.9), 33.59404233723405, 1e-10);
  EXPECT_NEAR(normal.tail_mean(0.99), 40.644660578948987, 1e-10);
  EXPECT_NEAR(normal.cdf(15), 0.25930250821436285, 1e-13);
  EXPECT_NEAR(normal.cdf(30), 0.90164719877052657, 1e-13);
  const Approximation np{ApproximationKind::normal_power, 20, std::sqrt(60.0), 0.516398};
  EXPECT_NEAR(np.quantile(0.9), 30.355105534286196, 1e-10);
  EXPECT_NEAR(np.quantile(0.99), 40.961077357267712, 1e-10);
  EXPECT_NEAR(np.tail_mean(0.9), 35.093444057746389, 1e-10);
  EXPECT_NEAR(np.tail_mean(0.99), 44.778139300884185, 1e-10);
  EXPECT_NEAR(np.cdf(25), 0.75506795237374891, 1e-13);
  EXPECT_NEAR(np.cdf(30), 0.8932305185262307, 1e-13);
  EXPECT_TRUE(std::isnan(np.cdf(20)));
  EXPECT_TRUE(std::isnan(np.quantile(0.5)));
}

}  // namespace
}  // namespace pco

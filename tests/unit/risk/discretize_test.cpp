// Discretisation against actuar 3.3-2's discretize() (values printed by R to 17 digits), and
// the defining properties of each method.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "risk/discretize.hpp"

namespace pco {
namespace {

void expect_pmf(const SeverityGrid& g, const std::vector<double>& expected, double tolerance) {
  ASSERT_EQ(g.pmf.size(), expected.size());
  for (std::size_t j = 0; j < expected.size(); ++j)
    EXPECT_NEAR(g.pmf[j], expected[j], tolerance) << "knot " << j;
}

// pgamma etc. are accurate to ~1e-15; differences of CDFs lose a little more.
constexpr double kTolerance = 1e-13;

TEST(Discretize, GammaAllMethodsMatchActuar) {
  const auto g = Severity::gamma(2, 1);
  const std::vector<double> upper = {
      0.090204010431049877, 0.17403710722606541,  0.17793348197181008, 0.15181955066123654,
      0.11870835452619233,  0.088149221712189973, 0.06326004807102259, 0.044310030956762336,
      0.030478713483338193, 0.020671798965819832};
  expect_pmf(discretize(g, 0.5, 5, DiscretizeMethod::upper), upper, kTolerance);
  std::vector<double> lower = upper;
  lower.insert(lower.begin(), 0.0);
  expect_pmf(discretize(g, 0.5, 5, DiscretizeMethod::lower), lower, kTolerance);
  expect_pmf(discretize(g, 0.5, 5, DiscretizeMethod::rounding),
             {0.026499021160743916, 0.14685951154248034, 0.18200567436134804, 0.1667574484467037,
              0.13533086466266486, 0.10281800030090571, 0.074939096240334901, 0.053081090468775294,
              0.036822064793797127, 0.025139980604302448},
             kTolerance);
  expect_pmf(discretize(g, 0.5, 5, DiscretizeMethod::unbiased),
             {0.032653298563167121, 0.14197004990231976, 0.18001112554486776, 0.16613667084353745,
              0.13531157686829598, 0.10302297434136154, 0.075194837903314493, 0.053315915052442264,
              0.037012839313033119, 0.025285014657706828, 0.009658015015440613},
             kTolerance);
}

TEST(Discretize, UnbiasedForEveryParametricSeverityMatchesActuar) {
  expect_pmf(discretize(Severity::lognormal(1, 0.8), 1, 6, DiscretizeMethod::unbiased),
             {0.030099237076657848, 0.19828317256855055, 0.2271035780710946, 0.16624423520436382,
              0.11244713473530998, 0.075664723600120443, 0.028997369047593979},
             kTolerance);
  expect_pmf(discretize(Severity::weibull(1.5, 2), 1, 6, DiscretizeMethod::unbiased),
             {0.12704772382294638, 0.34631989683111275, 0.27394775780659675, 0.15044896643224326,
              0.066380068029020078, 0.024765247306599569, 0.0055525090570986979},
             kTolerance);
  expect_pmf(discretize(Severity::pareto(2.5, 3), 1, 6, DiscretizeMethod::unbiased),
             {0.29903810567665801, 0.33143979173646376, 0.14711288068364592, 0.076434158466379243,
              0.044122672459004697, 0.027473243665752989, 0.010229117402136945},
             kTolerance);
  expect_pmf(discretize(Severity::pareto(2.5, 3), 1, 6, DiscretizeMethod::rounding),
             {0.31980564098343167, 0.31730698971535665, 0.14315379862736144, 0.075016505954777712,
              0.043524179593684487, 0.027188778107062217},
             kTolerance);
  expect_pmf(discretize(Severity::exponential(0.5), 1, 6, DiscretizeMethod::upper),
             {0.39346934028736658, 0.23865121854119109, 0.14474928102301254, 0.087794876911817088,
              0.053250284612713972, 0.032297930256034779},
             kTolerance);
}

// The unbiased method keeps total mass F(max) and the limited mean E[min(X, max)] minus the
// tail's share (actuar's demo(risk) identity: Σ x f = E[X ∧ m] - m (1 - F(m))).
TEST(Discretize, UnbiasedPreservesMassAndMean) {
  const auto s = Severity::lognormal(0.5, 1.1);
  const double m = 40;
  const auto g = discretize(s, 0.25, m, DiscretizeMethod::unbiased);
  EXPECT_NEAR(g.total(), s.cdf(m), 1e-12);
  EXPECT_NEAR(g.raw_moment(1), s.limited_expected_value(m) - m * (1 - s.cdf(m)), 1e-11);
}

TEST(Discretize, DiscreteValuesOnKnotsAreKeptByRounding) {
  const auto s = Severity::discrete({0, 100, 250}, {0.2, 0.5, 0.3});
  const auto g = discretize(s, 50, 300, DiscretizeMethod::rounding);
  expect_pmf(g, {0.2, 0, 0.5, 0, 0, 0.3}, 1e-15);
}

// The chosen step keeps the compound variance within the requested relative error.
TEST(Discretize, StepForVarianceErrorBoundsTheVarianceError) {
  const auto severity = Severity::gamma(1.5, 400);  // mean £600
  const double claims = 250;
  const double variance = claims * severity.raw_moment(2);  // compound Poisson
  const double h = step_for_variance_error(claims, variance, 1e-4);
  const auto grid = discretize(severity, h, 30000, DiscretizeMethod::unbiased);
  const double discretised = claims * grid.raw_moment(2);
  EXPECT_GE(discretised, variance * (1 - 1e-9));
  EXPECT_LE(discretised, variance * (1 + 1e-4));
  EXPECT_THROW(step_for_variance_error(0, 1, 1), UsageError);
}

TEST(Discretize, BadArgumentsAreUsageErrors) {
  const auto s = Severity::exponential(1);
  EXPECT_THROW(discretize(s, 0, 10, DiscretizeMethod::upper), UsageError);
  EXPECT_THROW(discretize(s, -1, 10, DiscretizeMethod::upper), UsageError);
  EXPECT_THROW(discretize(s, 2, 1, DiscretizeMethod::upper), UsageError);
  EXPECT_THROW(discretize(s, 1e-9, 1e9, DiscretizeMethod::upper), UsageError);
  EXPECT_THROW(parse_discretize_method("middle"), UsageError);
  EXPECT_THROW(grid_from_pmf({0.7, 0.7}, 1), UsageError);
}

}  // namespace
}  // namespace pco

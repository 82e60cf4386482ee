// A severity scaled by a factor (care moved to a setting that costs r times the tariff) is the
// distribution of r·X: its CDF at r·x is the original's at x, its k-th moment r^k times.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "risk/severity.hpp"

namespace pco {
namespace {

std::vector<std::pair<const char*, Severity>> every_kind() {
  const auto body = Severity::lognormal(7.0, 0.8);
  return {
      {"lognormal", Severity::lognormal(7.2, 1.1)},
      {"gamma", Severity::gamma(2.5, 400)},
      {"exponential", Severity::exponential(0.002)},
      {"weibull", Severity::weibull(1.5, 900)},
      {"pareto", Severity::pareto(4.5, 3000)},
      {"discrete", Severity::discrete({100, 200, 350}, {0.5, 0.3, 0.2})},
      {"mixture", Severity::mixture({0.7, 0.3}, {Severity::exponential(0.01), body})},
      {"spliced", Severity::spliced(body, Severity::pareto(3.5, 5000), 4000, 0.9)},
  };
}

TEST(SeverityScaled, IsTheDistributionOfFactorTimesX) {
  for (const double factor : {0.8, 1.7}) {
    for (const auto& [name, s] : every_kind()) {
      const auto r = s.scaled(factor);
      for (const double x : {50.0, 500.0, 1500.0, 4000.0, 9000.0}) {
        EXPECT_NEAR(r.cdf(factor * x), s.cdf(x), 1e-12) << name << " x=" << x;
        EXPECT_NEAR(r.survival(factor * x), s.survival(x), 1e-12) << name;
      }
      for (int k = 1; k <= 3; ++k)
        EXPECT_NEAR(r.raw_moment(k), std::pow(factor, k) * s.raw_moment(k),
                    1e-9 * std::pow(factor, k) * s.raw_moment(k))
            << name << " k=" << k;
      EXPECT_NEAR(r.limited_expected_value(factor * 2000), factor * s.limited_expected_value(2000),
                  1e-9 * factor * s.limited_expected_value(2000))
          << name;
    }
  }
}

TEST(SeverityScaled, FactorOneIsTheSameAndNonPositiveIsRefused) {
  const auto s = Severity::gamma(2, 100);
  EXPECT_EQ(s.scaled(1).raw_moment(2), s.raw_moment(2));
  EXPECT_THROW(s.scaled(0), UsageError);
  EXPECT_THROW(s.scaled(-1), UsageError);
  EXPECT_THROW(s.scaled(std::nan("")), UsageError);
}

}  // namespace
}  // namespace pco

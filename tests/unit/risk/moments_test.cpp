// Closed-form compound moments for every frequency × severity pair.
//   E[S] = E[N] E[X],  Var S = E[N] Var X + Var N E[X]^2,
//   μ3(S) = E[N] μ3(X) + 3 Var N E[X] Var X + μ3(N) E[X]^3   (Loss Models, §9.3).
// Two checks per pair: (1) the FFT grid's moments equal the formula applied to the
// discretised severity (tests the aggregate algorithm; relative tolerance 1e-9); (2) they equal
// the formula on the continuous severity's closed-form moments within the discretisation
// error: the unbiased method keeps E[X] (up to E[X; X > max]) and raises E[X^2] by at most
// h^2/4 (mass at x split between the knots a <= x <= b adds (x - a)(b - x) <= h^2/4).
// FFT rounding leaves an absolute error of order ε log2(N) times the largest mass on every
// knot; far out in a heavy tail that exceeds the true masses, so the tolerance of check (1)
// is Σ |x - μ|^k δ with δ = 1e-14 · max f (k = 1, 2, 3).
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "risk/aggregate.hpp"
#include "risk/measures.hpp"

namespace pco {
namespace {

struct SeverityCase {
  std::string name;
  Severity severity;
  double step;
  double max;
};

std::vector<SeverityCase> severities() {
  return {
      {"lognormal", Severity::lognormal(0.5, 0.6), 0.02, 300},
      {"gamma", Severity::gamma(2.5, 0.8), 0.01, 60},
      {"exponential", Severity::exponential(0.5), 0.02, 120},
      {"weibull", Severity::weibull(1.5, 2), 0.01, 40},
      {"pareto", Severity::pareto(6, 10), 0.1, 3000},
      {"discrete", Severity::discrete({0.5, 1, 2.5, 7}, {0.4, 0.3, 0.2, 0.1}), 0.01, 10},
      {"mixture",
       Severity::mixture({0.7, 0.3}, {Severity::gamma(2, 1), Severity::lognormal(1, 0.5)}), 0.02,
       200},
      {"spliced", Severity::spliced(Severity::lognormal(0.5, 0.5), Severity::pareto(5, 3), 5, 0.95),
       0.05, 2000},
  };
}

struct FrequencyCase {
  std::string name;
  Frequency frequency;
};

std::vector<FrequencyCase> frequencies() {
  return {
      {"poisson", Frequency::poisson(4)},
      {"negbin", Frequency::negative_binomial(3, 0.4)},
      {"binomial", Frequency::binomial(10, 0.3)},
      {"zm_poisson", Frequency::poisson(4).zero_modified(0.3)},
      {"zm_negbin", Frequency::negative_binomial(3, 0.4).zero_modified(0.1)},
      {"zm_binomial", Frequency::binomial(10, 0.3).zero_modified(0.5)},
  };
}

TEST(CompoundMoments, EveryFrequencyAndSeverityPair) {
  for (const auto& s : severities()) {
    const auto grid = discretize(s.severity, s.step, s.max, DiscretizeMethod::unbiased);
    const double m1 = s.severity.raw_moment(1);
    const double m2 = s.severity.raw_moment(2);
    const double m3 = s.severity.raw_moment(3);
    // Unbiased discretisation: E[X_d] = E[X] - E[X; X > max] (negligible here).
    EXPECT_NEAR(grid.raw_moment(1), m1, 1e-8 * m1) << s.name;
    EXPECT_GE(grid.raw_moment(2), m2 - 1e-6 * m2) << s.name;
    EXPECT_LE(grid.raw_moment(2), m2 + s.step * s.step / 4 + 1e-6 * m2) << s.name;
    for (const auto& f : frequencies()) {
      SCOPED_TRACE(s.name + " x " + f.name);
      const auto d = compound_fft(f.frequency, grid);
      const auto got = grid_moments(d);
      const auto discrete =
          compound_moments(f.frequency, grid.raw_moment(1), grid.raw_moment(2), grid.raw_moment(3));
      double delta = 0;
      for (double p : d.pmf)
        delta = std::max(delta, 1e-14 * p);
      double bound[4] = {0, 0, 0, 0};
      for (std::size_t i = 0; i < d.size(); ++i)
        for (int k = 1; k < 4; ++k)
          bound[k] += std::pow(std::fabs(d.knot(i) - discrete.mean), k) * delta;
      const double var = discrete.variance;
      EXPECT_NEAR(got.mean, discrete.mean, 1e-12 * discrete.mean + bound[1]);
      EXPECT_NEAR(got.sd * got.sd, var, 1e-12 * var + bound[2]);
      EXPECT_NEAR(got.skewness, discrete.skewness(),
                  1e-9 + bound[3] / (var * std::sqrt(var)) + 3 * bound[2] / var);

      const auto exact = compound_moments(f.frequency, m1, m2, m3);
      const double en = f.frequency.mean();
      const double vn = f.frequency.variance();
      EXPECT_NEAR(got.mean, exact.mean, 1e-8 * exact.mean);
      // Var S error: E[N] ΔE[X^2] + (Var N - E[N]) Δ(E[X]^2), the latter negligible.
      EXPECT_NEAR(got.sd * got.sd, exact.variance,
                  en * s.step * s.step / 4 + 1e-6 * exact.variance + 1e-8 * std::fabs(vn - en));
      EXPECT_NEAR(got.skewness, exact.skewness(), 2e-3 * std::max(1.0, exact.skewness()));
    }
  }
}

// Frequency moments in closed form against sums over the pmf.
TEST(FrequencyMoments, ClosedFormsMatchPmfSums) {
  for (const auto& f : frequencies()) {
    SCOPED_TRACE(f.name);
    double e1 = 0, e2 = 0, e3 = 0, total = 0;
    for (std::uint64_t n = 0; n < 400; ++n) {
      const double p = f.frequency.pmf(n);
      const double x = static_cast<double>(n);
      total += p;
      e1 += x * p;
      e2 += x * x * p;
      e3 += x * x * x * p;
    }
    EXPECT_NEAR(total, 1.0, 1e-12);
    EXPECT_NEAR(f.frequency.mean(), e1, 1e-10);
    EXPECT_NEAR(f.frequency.variance(), e2 - e1 * e1, 1e-9);
    EXPECT_NEAR(f.frequency.third_central_moment(), e3 - 3 * e1 * e2 + 2 * e1 * e1 * e1, 1e-8);
    // The generating function at a real point, against the pmf series.
    double pgf = 0;
    for (std::uint64_t n = 0; n < 400; ++n)
      pgf += f.frequency.pmf(n) * std::pow(0.7, static_cast<double>(n));
    EXPECT_NEAR(std::exp(f.frequency.log_pgf(0.7)), pgf, 1e-13);
    EXPECT_NEAR(std::exp(f.frequency.log_pgf(std::complex<double>(0.7, 0))).real(), pgf, 1e-13);
  }
}

// Partial moments E[X^k; X <= x] of each parametric severity against the midpoint rule on
// its CDF differences (an independent second method); tolerance 1e-6 relative.
TEST(SeverityMoments, PartialMomentsMatchNumericalIntegration) {
  for (const auto& s : severities()) {
    if (s.name == "discrete") continue;
    SCOPED_TRACE(s.name);
    const double x = 6;
    const int n = 200000;
    const double h = x / n;
    double sums[4] = {0, 0, 0, 0};
    double previous = s.severity.cdf(0);
    for (int i = 1; i <= n; ++i) {
      const double next = s.severity.cdf(i * h);
      const double mid = (i - 0.5) * h;
      for (int k = 0; k < 4; ++k)
        sums[k] += std::pow(mid, k) * (next - previous);
      previous = next;
    }
    for (int k = 1; k < 4; ++k)
      EXPECT_NEAR(s.severity.partial_moment(k, x), sums[k], 1e-6 * std::max(1.0, sums[k]))
          << "k = " << k;
    EXPECT_NEAR(s.severity.limited_expected_value(x),
                s.severity.partial_moment(1, x) + x * (1 - s.severity.cdf(x)), 1e-12);
  }
}

}  // namespace
}  // namespace pco

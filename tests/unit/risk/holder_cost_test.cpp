#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "core/random.hpp"
#include "demand/service.hpp"
#include "risk/cost_distribution.hpp"
#include "risk/measures.hpp"
#include "risk/regrid.hpp"

namespace pco {
namespace {

TEST(Regrid, KeepsMassAndMeanAndAddsAtMostAQuarterStepSquared) {
  AggregateDistribution d{0.3, 5, {0.1, 0.2, 0.3, 0.25, 0.15}, "t"};
  const auto before = grid_moments(d);
  const double step = 0.7;
  const auto r = regrid(d, step);
  EXPECT_NEAR(r.total(), 1.0, 1e-15);
  const auto after = grid_moments(r);
  EXPECT_NEAR(after.mean, before.mean, 1e-14);
  const double added = after.sd * after.sd - before.sd * before.sd;
  EXPECT_NEAR(added, regrid_added_variance(d, step), 1e-13);
  EXPECT_LE(added, step * step / 4 + 1e-15);
  EXPECT_GT(added, 0);
}

// Klugman, Panjer & Willmot example 9.10 (brief §4): Poisson(3), P(X = 1, 2, 3) = 19/30, 8/30,
// 3/30, on step 1 with no change of grid.
TEST(CostDistribution, ReproducesTheTextbookCompoundPoisson) {
  CostComponent c{"x", Frequency::poisson(3),
                  Severity::discrete({1, 2, 3}, {19.0 / 30, 8.0 / 30, 3.0 / 30})};
  GridSettings settings;
  settings.steps_per_rms = 1e-9;  // component step = common step = 1
  const auto cost = cost_distribution({c}, settings, 1.0);
  const double expected[] = {0.04978707, 0.09459543, 0.12969531,
                             0.14752738, 0.14323760, 0.12498421};
  ASSERT_EQ(cost.distribution.first, 0);
  for (int s = 0; s < 6; ++s)
    EXPECT_NEAR(cost.distribution.pmf[static_cast<std::size_t>(s)], expected[s], 5e-9) << s;
  // The bound E N h²/4 + H²/4 = 3/4 + 1/4 is not attained: a lattice severity on its own
  // lattice is discretised and regridded exactly.
  EXPECT_EQ(cost.variance_error_bound, 1.0);
}

std::vector<CostComponent> three_services() {
  return {
      {"common", Frequency::negative_binomial(1000 / 0.5, 1 / 1.5), Severity::lognormal(5, 0.6)},
      {"costly", Frequency::poisson(3.5), Severity::lognormal(10, 1.5)},
      {"spells", Frequency::negative_binomial(300 / 0.3, 1 / 1.3), Severity::gamma(2, 800)},
  };
}

// Mean exact (to rounding); variance within [exact − variance_deficit, exact +
// variance_error_bound] (docs/risk-holders.md); the grid holds all but 1e-9 of the probability.
TEST(CostDistribution, MomentsWithinTheStatedDiscretisationBound) {
  const auto cost = cost_distribution(three_services());
  const auto m = grid_moments(cost.distribution);
  EXPECT_LT(cost.grid_tail_mass(), 1e-9);
  EXPECT_NEAR(m.mean, cost.exact_mean, 1e-9 * cost.exact_mean);
  const double var = m.sd * m.sd;
  EXPECT_GE(var, cost.exact_variance - cost.variance_deficit - 1e-9 * cost.exact_variance);
  EXPECT_LE(var, cost.exact_variance + cost.variance_error_bound + 1e-9 * cost.exact_variance);
  // The bounds themselves are small: under 2.5% of the variance above, 1e-4 below.
  EXPECT_LT(cost.variance_error_bound, 0.025 * cost.exact_variance);
  EXPECT_LT(cost.variance_deficit, 1e-4 * cost.exact_variance);
}

// The default England model for a holder of n people with the national age-sex mix.
std::vector<CostComponent> england(double n) {
  static const auto model = default_service_model();
  std::vector<CostComponent> components;
  for (const auto& s : model.services)
    components.push_back(
        {s.name, service_frequency(s, n * national_events_per_head(s)), s.severity});
  return components;
}

// From a network of one person to a region of three million: the grid holds the tail (all but
// 1e-9 of the probability, and beyond 110% of the expected cost, so that P(overspend >= 10%)
// is a probability on the grid, not mass missing from it), the mean is exact and the variance
// within its bounds. One person's year is dominated by a single rare costly case (lognormal,
// CV 3) whose far tail carries much of the variance: the severity's tail beyond the cut is kept
// as two atoms with its exact mass, mean and second moment, and a small holder's compound is
// P(N = 0)·δ0 + P(N = 1)·f, exactly, plus the transform of two cases or more.
TEST(CostDistribution, EveryPoolSizeHoldsItsTailAndExactMoments) {
  for (double n : {1.0, 4.0, 33.0, 6000.0, 100000.0, 3e6}) {
    const auto cost = cost_distribution(england(n));
    const auto& d = cost.distribution;
    const auto m = grid_moments(d);
    EXPECT_LE(cost.grid_tail_mass(), 1e-9) << n;
    EXPECT_NEAR(m.mean, cost.exact_mean, 1e-9 * cost.exact_mean) << n;
    const double var = m.sd * m.sd;
    EXPECT_GE(var, cost.exact_variance - cost.variance_deficit - 1e-9 * cost.exact_variance) << n;
    EXPECT_LE(var, cost.exact_variance + cost.variance_error_bound) << n;
    EXPECT_GT(d.knot(d.size() - 1), 1.1 * cost.exact_mean) << n;
  }
}

void expect_same_bytes(const CostDistribution& a, const CostDistribution& b, const char* what) {
  EXPECT_EQ(a.distribution.first, b.distribution.first) << what;
  EXPECT_EQ(a.distribution.step, b.distribution.step) << what;
  EXPECT_EQ(a.distribution.pmf, b.distribution.pmf) << what;
  EXPECT_EQ(a.misplaced, b.misplaced) << what;
  EXPECT_EQ(a.variance_error_bound, b.variance_error_bound) << what;
  EXPECT_EQ(a.variance_deficit, b.variance_deficit) << what;
}

// The workspace's caches (severity grids, pool layers, transforms with a negative binomial's pgf
// terms) change the time taken, never a bit of a result: holders computed one after another
// through one workspace (sizes revisited, so that entries are reused) get what each gets on a
// fresh one. The severities are copied into a new vector for every holder and two of them differ
// only slightly, so that a cache keyed by where a copy lives (not by its content) would hand one
// holder another's grid.
TEST(CostDistribution, AWorkspaceSharedByHoldersChangesNoByte) {
  const Severity episode = Severity::lognormal(10, 1.5);
  const double threshold = 250000;
  const auto holder = [&](double n, double meanlog) {
    return std::vector<CostComponent>{
        {"common", Frequency::negative_binomial(n / 0.5, 1 / 1.5),
         Severity::lognormal(meanlog, 0.6)},
        {"retained", Frequency::poisson(n * 1e-3), episode, CaseLayer::retained, threshold},
        {"excess", Frequency::poisson(n * 1e-3), episode, CaseLayer::excess, threshold},
        {"spells", Frequency::negative_binomial(n * 0.3 / 0.3, 1 / 1.3), Severity::gamma(2, 800)},
    };
  };
  RiskWorkspace shared;
  for (double n : {1000.0, 30000.0, 1000.0, 300000.0, 30000.0}) {
    for (double meanlog : {5.0, 5.001}) {
      const auto through_shared = cost_distribution(holder(n, meanlog), {}, 0, &shared);
      const auto fresh = cost_distribution(holder(n, meanlog));
      expect_same_bytes(through_shared, fresh, "holder");
    }
  }
  for (double n : {1.0, 6000.0, 1.0, 6000.0}) {
    const auto through_shared = cost_distribution(england(n), {}, 0, &shared);
    expect_same_bytes(through_shared, cost_distribution(england(n)), "england");
  }
}

TEST(SeverityIdentity, EqualForCopiesAndDifferentForAnyOtherDistribution) {
  const auto a = Severity::lognormal(5, 0.6);
  const auto copy = a;
  EXPECT_EQ(a.identity(), copy.identity());
  EXPECT_NE(a.identity(), Severity::lognormal(5, 0.6000001).identity());
  EXPECT_NE(a.identity(), Severity::gamma(5, 0.6).identity());
  const auto m1 = Severity::mixture({0.5, 0.5}, {a, Severity::gamma(2, 3)});
  const auto m2 = Severity::mixture({0.5, 0.5}, {a, Severity::gamma(2, 3.5)});
  EXPECT_EQ(m1.identity(), Severity::mixture({0.5, 0.5}, {a, Severity::gamma(2, 3)}).identity());
  EXPECT_NE(m1.identity(), m2.identity());
  EXPECT_NE(Severity::discrete({1, 2}, {0.5, 0.5}).identity(),
            Severity::discrete({1, 3}, {0.5, 0.5}).identity());
}

// A component too wide for one window is computed in identical parts (and, failing that, on a
// coarser step of its own); either way the moments stay within the stated bound.
TEST(CostDistribution, WideComponentsStayWithinTheBound) {
  const std::vector<CostComponent> big = {
      {"items", Frequency::negative_binomial(2e7 / 10, 1 / 11.0), Severity::lognormal(1.5, 1.2)}};
  for (std::size_t knots : {std::size_t{1} << 12, std::size_t{1} << 17}) {
    GridSettings settings;
    settings.max_part_knots = knots;
    const auto cost = cost_distribution(big, settings);
    const auto m = grid_moments(cost.distribution);
    // Twenty million events in parts: the mean is exact to 1e-9 and the grid holds all but 1e-9.
    EXPECT_NEAR(m.mean, cost.exact_mean, 1e-9 * cost.exact_mean) << knots;
    EXPECT_LE(m.sd * m.sd, cost.exact_variance + cost.variance_error_bound) << knots;
    EXPECT_GE(m.sd * m.sd, cost.exact_variance * (1 - 1e-6)) << knots;
    EXPECT_LE(cost.grid_tail_mass(), 1e-9) << knots;
  }
  // With the default settings the bound is under 2.5% of the variance (docs/risk-holders.md).
  const auto cost = cost_distribution(big);
  EXPECT_LT(cost.variance_error_bound, 0.025 * cost.exact_variance);
}

// Exact against simulation of the continuous model: P(S > x) within 4 standard errors.
TEST(CostDistribution, AgreesWithMonteCarloWithinFourStandardErrors) {
  const auto services = three_services();
  const auto cost = cost_distribution(services);
  const double budget = cost.exact_mean * 1.02;
  const double p = exceedance(cost.distribution, budget);
  const std::uint64_t n = 10000;
  std::uint64_t over = 0;
  for (std::uint64_t r = 0; r < n; ++r) {
    RandomStream random(7, r, 0, 0);
    double total = 0;
    for (std::size_t s = 0; s < services.size(); ++s) {
      const auto count = services[s].frequency.sample(random);
      for (std::uint64_t k = 0; k < count; ++k)
        total += s == 0   ? random.lognormal(5, 0.6)
                 : s == 1 ? random.lognormal(10, 1.5)
                          : random.gamma(2, 800);
    }
    if (total > budget) ++over;
  }
  const double estimate = static_cast<double>(over) / static_cast<double>(n);
  const double se = std::sqrt(p * (1 - p) / static_cast<double>(n));
  EXPECT_NEAR(estimate, p, 4 * se);
}

}  // namespace
}  // namespace pco

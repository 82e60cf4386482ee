#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "../allocation/allocation_fixture.hpp"
#include "demand/service.hpp"
#include "holders/holder_risk.hpp"
#include "risk/measures.hpp"

namespace pco {
namespace {

Economy fixture() {
  return test::small_economy_with_default_level();
}

ServiceModel one_service(double rate) {
  ServiceModel m;
  m.source = "test";
  ServiceLine s;
  s.name = "spells";
  s.rates.fill(rate);
  s.phi = 0.5;
  s.severity = Severity::gamma(2, 1000);
  m.services.push_back(s);
  return m;
}

TEST(HolderRisk, EveryOrganisationOfEachLevelWithClosedFormMoments) {
  const auto economy = fixture();
  HolderRiskOptions options;
  options.levels = {"organisation", "region", "practice"};
  options.margin = 0.05;
  options.hold_all = true;
  parse_sources("chance", options.sources);
  const auto r = compute_holder_risk(economy, one_service(0.3), std::nullopt, options);
  ASSERT_EQ(r.holders.size(), 2u + 1u + 3u);
  // O1 holds P1 and P2: 200 people × 0.3 = 60 events, NB with Var N = 1.5 E N, gamma(2, 1000).
  const auto& o1 = r.holders[0];
  EXPECT_EQ(o1.code, "O1");
  EXPECT_EQ(o1.population, 200);
  const double mean = 60 * 2000;
  const double var = 60 * 2e6 + 90 * 4e6;  // E N Var X + Var N (E X)²
  EXPECT_NEAR(o1.expected_cost, mean, 1e-6);
  EXPECT_NEAR(o1.exact_sd, std::sqrt(var), 1e-6);
  EXPECT_NEAR(o1.measures.mean, mean, 1e-6 * mean);
  EXPECT_LE(o1.measures.sd * o1.measures.sd, var + o1.variance_error_bound + 1e-6 * var);
  EXPECT_GE(o1.measures.sd * o1.measures.sd, var * (1 - 1e-6));
  EXPECT_NEAR(o1.budget, 1.05 * mean, 1e-6);
  EXPECT_EQ(o1.budget_pence, std::llround(1.05 * mean * 100));
  EXPECT_EQ(r.holders[2].code, "R1");
  EXPECT_EQ(r.holders[2].population, 400);
  // The region pools 120 events: its CV is smaller than either organisation's.
  EXPECT_LT(r.holders[2].measures.cv, r.holders[0].measures.cv);
  EXPECT_EQ(r.holders[3].level, "practice");
}

// With every source: the total's closed-form sd from the chance variance and the two factors,
// the sd of each source alone, and the grid within the reported bounds; the formula error
// averages over the holder's practices (list concentration), the shock does not.
TEST(HolderRisk, EverySourceOfRiskWithItsOwnSd) {
  const auto economy = fixture();
  HolderRiskOptions options;
  options.levels = {"organisation", "region"};
  options.hold_all = true;
  const auto r = compute_holder_risk(economy, one_service(0.3), std::nullopt, options);
  const auto& o1 = r.holders[0];
  const double mean = 60 * 2000;
  const double var = 60 * 2e6 + 90 * 4e6;
  std::vector<std::int64_t> lists;
  for (std::size_t p : {0u, 1u})
    lists.push_back(economy.population.practices()[p].list_size());
  const RiskSources defaults;
  const double f = formula_error_sd(defaults, list_concentration(lists));
  const double s = defaults.shock_sd;
  EXPECT_NEAR(o1.list_concentration, list_concentration(lists), 1e-15);
  EXPECT_NEAR(o1.sd_chance, std::sqrt(var), 1e-6);
  EXPECT_NEAR(o1.sd_formula, mean * f, 1e-6);
  EXPECT_NEAR(o1.sd_shock, mean * s, 1e-6);
  const double total = (1 + f * f) * (1 + s * s) * (var + mean * mean) - mean * mean;
  EXPECT_NEAR(o1.exact_sd, std::sqrt(total), 1e-6 * std::sqrt(total));
  const double grid = o1.measures.sd * o1.measures.sd;
  EXPECT_NEAR(o1.measures.mean, mean, 1e-9 * mean);
  EXPECT_GE(grid, total - o1.variance_deficit - 1e-9 * total);
  EXPECT_LE(grid, total + o1.variance_error_bound + 1e-9 * total);
  EXPECT_GE(o1.measures.sd, std::max({o1.sd_chance, o1.sd_formula, o1.sd_shock}));
  EXPECT_LE(o1.measures.sd, o1.sd_chance + o1.sd_formula + o1.sd_shock);
  EXPECT_LE(o1.grid_tail_mass, 1e-9);
  // The region (three practices) has the smaller formula error, the same shock.
  const auto& r1 = r.holders[2];
  EXPECT_LT(r1.formula_sd, o1.formula_sd);
  EXPECT_EQ(r1.shock_sd, o1.shock_sd);
  EXPECT_EQ(r.sources.shock_sd, s);
}

TEST(HolderRisk, ReserveIsTheQuantileAboveTheBudget) {
  const auto economy = fixture();
  HolderRiskOptions options;
  options.keep_distributions = true;
  const auto r = compute_holder_risk(economy, one_service(0.3), std::nullopt, options);
  for (const auto& h : r.holders) {
    // Read as a histogram (risk/measures.hpp): within a step of the step function's quantile
    // and within a knot's mass of its probability.
    EXPECT_NEAR(h.measures.reserve99,
                std::max(0.0, histogram_quantile(h.distribution, 0.99) - h.budget), 1e-9);
    EXPECT_NEAR(h.measures.var99, quantile(h.distribution, 0.99), h.distribution.step);
    EXPECT_GE(h.measures.tvar99, h.measures.var99);
    EXPECT_NEAR(h.measures.p_overspend, histogram_exceedance(h.distribution, h.budget), 1e-15);
    EXPECT_NEAR(h.measures.p_overspend, exceedance(h.distribution, h.budget),
                *std::max_element(h.distribution.pmf.begin(), h.distribution.pmf.end()));
  }
}

// Holders are computed on worker threads; each holder's grid must not depend on which worker
// (with which cached transforms and severity grids) computed it.
TEST(HolderRisk, SameBitsForAnyThreadCount) {
  const auto economy = fixture();
  HolderRiskOptions options;
  options.levels = {"practice", "organisation", "region"};
  options.hold_all = true;
  options.keep_distributions = true;
  options.threads = 1;
  const auto one = compute_holder_risk(economy, one_service(0.3), std::nullopt, options);
  for (unsigned threads : {2u, 4u}) {
    options.threads = threads;
    const auto many = compute_holder_risk(economy, one_service(0.3), std::nullopt, options);
    ASSERT_EQ(many.holders.size(), one.holders.size());
    for (std::size_t i = 0; i < one.holders.size(); ++i) {
      EXPECT_EQ(many.holders[i].code, one.holders[i].code);
      EXPECT_EQ(many.holders[i].distribution.first, one.holders[i].distribution.first);
      EXPECT_EQ(many.holders[i].distribution.pmf, one.holders[i].distribution.pmf);
      EXPECT_EQ(many.holders[i].measures.var99, one.holders[i].measures.var99);
    }
  }
}

TEST(HolderRisk, UnknownLevelAndLevelsHoldingNothingAreUsageErrors) {
  const auto economy = fixture();
  HolderRiskOptions options;
  options.levels = {"ccg"};
  EXPECT_THROW(compute_holder_risk(economy, one_service(0.3), std::nullopt, options), UsageError);
  options.levels = {"region"};
  auto model = one_service(0.3);
  model.services[0].level = "organisation";
  EXPECT_THROW(compute_holder_risk(economy, model, std::nullopt, options), UsageError);
  options.hold_all = true;
  EXPECT_EQ(compute_holder_risk(economy, model, std::nullopt, options).holders.size(), 1u);
}

}  // namespace
}  // namespace pco

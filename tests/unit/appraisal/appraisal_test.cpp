#include <cmath>

#include <gtest/gtest.h>

#include "appraisal/appraisal.hpp"
#include "risk/risk_sources.hpp"
#include "scenario_file/scenario_file.hpp"
#include "test_support.hpp"
#include "unit/appraisal/appraisal_fixture.hpp"

namespace pco {
namespace {

constexpr int kK = 4;

// The [appraisal] section with `extra` parameters, a merger and a federation with a risk pool.
std::string merge_and_federate(const std::string& extra = "draws = 0\n") {
  return "[appraisal]\n" + extra + R"(
[[appraisal.alternative]]
name = "merger"
level = "cluster"
[[appraisal.alternative]]
name = "federation"
federate_within = "cluster"
shared_functions = ["management"]
shared_risk_pool = true
)";
}

AppraisalResults appraise_fixture(const std::string& appraisal) {
  const auto economy = test::identical_organisations(kK);
  const auto scenario = test::scenario_with(appraisal);
  return appraise(scenario, economy, test::one_service());
}

TEST(Appraisal, MergerOfKIdenticalIndependentOrganisationsDividesTheCvBySqrtK) {
  // Chance alone: the part of the risk that pooling divides.
  const auto r = appraise_fixture("[risk]\nsources = [\"chance\"]\n" + merge_and_federate());
  ASSERT_EQ(r.configurations.size(), 3u);
  const auto& sq = r.configurations[0].structure;
  const auto& merged = r.configurations[1].structure;
  ASSERT_EQ(sq.organisations.size(), static_cast<std::size_t>(kK));
  ASSERT_EQ(merged.organisations.size(), 1u);
  // Reference: the compound negative binomial's closed-form CV for one organisation,
  // E S = λ μ, Var S = λ(1+φ) μ² + λ σ² with λ = 0.2 × 10,000, gamma(2, 1500) severity.
  const double lambda = 0.2 * 10'000, mu = 3000, sev_var = 2 * 1500.0 * 1500.0;
  const double cv1 = std::sqrt(lambda * 1.3 * mu * mu + lambda * sev_var) / (lambda * mu);
  for (const auto& o : sq.organisations)
    EXPECT_NEAR(o.cv, cv1, 1e-9 * cv1);
  // Independent identical parts: the merger's CV is the part's divided by √k (the closed-form
  // moments, so to rounding).
  EXPECT_NEAR(merged.organisations[0].cv, cv1 / std::sqrt(kK), 1e-9 * cv1);
  // With every source (the default) merging does not divide the shared shock nor the area part
  // of formula error: the merger keeps more than the chance part's 1/√k.
  const auto all = appraise_fixture(merge_and_federate());
  const double merged_cv = all.configurations[1].structure.organisations[0].cv;
  const RiskSources defaults;
  EXPECT_GT(merged_cv * merged_cv, cv1 * cv1 / kK + defaults.shock_sd * defaults.shock_sd +
                                       defaults.formula_area_sd * defaults.formula_area_sd);
}

TEST(Appraisal, FederationWithSharedRiskPoolHasTheMergersRiskButKeepsThePartsEngagement) {
  const auto r = appraise_fixture(merge_and_federate());
  const auto& sq = r.configurations[0];
  const auto& merged = r.configurations[1];
  const auto& fed = r.configurations[2];
  EXPECT_EQ(fed.federations, 1u);
  ASSERT_EQ(fed.structure.organisations.size(), static_cast<std::size_t>(kK));
  const auto& pool = merged.structure.organisations[0];
  for (const auto& o : fed.structure.organisations) {
    EXPECT_DOUBLE_EQ(o.cv, pool.cv);
    EXPECT_DOUBLE_EQ(o.p_overspend_5pct, pool.p_overspend_5pct);
    EXPECT_EQ(o.risk_pool, "pool:C1");
  }
  EXPECT_NEAR(fed.structure.reserve99, merged.structure.reserve99,
              1e-9 * merged.structure.reserve99);
  // Engagement is the parts': same organisations, practices and proxy as the status quo.
  EXPECT_DOUBLE_EQ(fed.metrics.practices_per_organisation, sq.metrics.practices_per_organisation);
  EXPECT_DOUBLE_EQ(fed.metrics.engagement, sq.metrics.engagement);
  EXPECT_DOUBLE_EQ(fed.metrics.networks_per_organisation, 2.0);
  EXPECT_LT(merged.metrics.engagement, sq.metrics.engagement);
  // Nobody moves in a federation. In the merger the merged organisation continues one of the
  // k (the first of equals), so the other k − 1 organisations' people move; everyone is in a
  // reorganised organisation.
  EXPECT_EQ(fed.structure.people_moved, 0);
  EXPECT_EQ(fed.structure.people_reorganised, 0);
  EXPECT_EQ(merged.structure.people_moved, (kK - 1) * 10'000);
  EXPECT_EQ(merged.structure.people_reorganised, kK * 10'000);
  EXPECT_EQ(merged.structure.organisations_merged, static_cast<std::size_t>(kK));
}

TEST(Appraisal, ManagementCostOfMergerAndFederationByHand) {
  const auto r = appraise_fixture(merge_and_federate());
  const AppraisalParameters p;
  const double n = 10'000;
  // Each 10k organisation: £850k + n (£18 + £5 (1 − n/100k)).
  const double one = 850'000 + n * (18 + 5 * (1 - n / 100'000));
  EXPECT_NEAR(r.configurations[0].metrics.management_cost, kK * one, 1e-6);
  const double merged = 850'000 + kK * n * (18 + 5 * (1 - kK * n / 100'000));
  EXPECT_NEAR(r.configurations[1].metrics.management_cost, merged, 1e-6);
  // Federation sharing management (half the fixed cost) plus £100k of its own.
  const double fed = kK * one - (kK - 1) * 0.5 * 850'000 + 100'000;
  EXPECT_NEAR(r.configurations[2].metrics.management_cost, fed, 1e-6);
}

TEST(Appraisal, ZeroTransitionCostAndZeroDipMakeNpvTheDiscountedSavings) {
  const auto r = appraise_fixture(merge_and_federate(R"(draws = 0
transition_cost_per_head = 0
transition_cost_per_organisation = 0
federation_setup_cost = 0
dip_depth = 0
savings_lag_years = 0
)"));
  const double rate = 0.035;
  const int years = 10;
  for (std::size_t i = 1; i < r.configurations.size(); ++i) {
    const auto& c = r.configurations[i];
    // Constant annual saving S from year 0: S (1 − (1+r)^−H) / (1 − (1+r)^−1).
    const double annual = c.change.running_saving - rate * c.change.reserve_change;
    const double annuity = (1 - std::pow(1 + rate, -years)) / (1 - 1 / (1 + rate));
    EXPECT_NEAR(c.cashflow.npv, annual * annuity, 1e-6 * std::abs(annual * annuity));
    EXPECT_NEAR(c.cashflow.npv, c.cashflow.discounted_savings, 1e-6);
    EXPECT_GT(c.cashflow.npv, 0);
    EXPECT_EQ(c.cashflow.break_even_year, 1);
  }
}

TEST(Appraisal, TornadoCoversEveryNpvParameterAndUncertaintyHasStandardErrors) {
  const auto r = appraise_fixture(merge_and_federate());
  std::size_t npv_parameters = 0;
  for (const auto& p : r.parameters.all())
    npv_parameters += p.in_npv ? 1 : 0;
  EXPECT_EQ(r.tornado.size(), 2 * npv_parameters);
  auto r2 = appraise_fixture(merge_and_federate("draws = 400\n"));
  const auto& u = r2.configurations[1].npv_uncertainty;
  EXPECT_EQ(u.draws, 400);
  EXPECT_NEAR(u.standard_error, u.sd / 20, 1e-9);
  EXPECT_LE(u.p05, u.mean);
  EXPECT_GE(u.p95, u.mean);
  // The base-case NPV lies inside the spread of the draws.
  EXPECT_GE(r2.configurations[1].cashflow.npv, u.p05);
  EXPECT_LE(r2.configurations[1].cashflow.npv, u.p95);
}

TEST(Appraisal, BadConfigurationsListEveryProblem) {
  const auto economy = test::identical_organisations(kK);
  const auto scenario = test::scenario_with(R"(
[[appraisal.alternative]]
name = "bad"
[[appraisal.alternative.merge]]
codes = ["O1", "O2"]
code = "M1"
[[appraisal.alternative.merge]]
codes = ["O2", "NOPE"]
code = "M2"
[[appraisal.alternative.federation]]
code = "F1"
members = ["O3"]
shared_functions = ["catering"]
[[appraisal.alternative]]
name = "bad level"
level = "galaxy"
)");
  const auto lines = test::input_error_lines([&] { read_candidates(scenario, economy); });
  const auto has = [&](const std::string& text) {
    for (const auto& l : lines)
      if (l.find(text) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("test.toml:10:9:")) << ::testing::PrintToString(lines);
  EXPECT_TRUE(has("got \"O2\", expected each organisation in one merge only"));
  EXPECT_TRUE(has("its practices would be in two organisations"));
  EXPECT_TRUE(has("got \"NOPE\", expected a code of the organisation level"));
  EXPECT_TRUE(has("got \"1 member(s)\", expected a federation of at least two organisations"));
  EXPECT_TRUE(has("got \"catering\""));
  EXPECT_TRUE(has("got \"galaxy\", expected a level of the configuration"));
}

TEST(Appraisal, MembershipFileWithAPracticeInTwoOrganisationsIsRejected) {
  const auto economy = test::identical_organisations(2);
  const auto dir = std::filesystem::temp_directory_path() / "pco_appraisal_membership";
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir / "m.csv");
    f << "practice,org\nP1_1,X\nP1_2,X\nP2_1,Y\nP1_1,Y\nP2_2,Y\n";
  }
  const auto scenario = parse_scenario(R"(schema_version = 1
[synthetic]
[[appraisal.alternative]]
name = "file"
membership = "m.csv"
)",
                                       (dir / "s.toml").string(), dir);
  Scenario s = scenario;
  s.file = dir / "s.toml";
  const auto lines = test::input_error_lines([&] { read_candidates(s, economy); });
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines[0].find("P1_1"), std::string::npos) << lines[0];
  std::filesystem::remove_all(dir);
}

TEST(Appraisal, EngagementProxyAtItsMarks) {
  const AppraisalParameters p;
  EXPECT_DOUBLE_EQ(engagement_proxy(10'000, p), 1);
  EXPECT_DOUBLE_EQ(engagement_proxy(30'000, p), 1);
  EXPECT_DOUBLE_EQ(engagement_proxy(100'000, p), 0);
  // Geometric mean of the marks: half way in log population.
  EXPECT_NEAR(engagement_proxy(std::sqrt(30'000.0 * 100'000), p), 0.5, 1e-12);
}

}  // namespace
}  // namespace pco

namespace pco {
namespace {

TEST(Appraisal, EquityFromTheFormulaAllocationWhenTheScenarioHasOne) {
  const auto economy = test::identical_organisations(2);
  const auto scenario = test::scenario_with(R"([formula]
quantum_pence = 100000000
[[formula.component]]
name = "flat"
share = 1
weights = "flat"
[appraisal]
draws = 0
[[appraisal.alternative]]
name = "merger"
level = "cluster"
)");
  const auto r = appraise(scenario, economy, test::one_service());
  // Without pace of change every organisation is allocated exactly its target.
  for (const auto& c : r.configurations) {
    EXPECT_DOUBLE_EQ(c.metrics.mean_abs_distance_from_target_pct, 0);
    for (const auto& o : c.structure.organisations)
      EXPECT_DOUBLE_EQ(o.distance_from_target_pct, 0) << o.code;
  }
  // Without it, equity is not computable rather than zero.
  const auto none =
      appraise(test::scenario_with("[appraisal]\ndraws = 0\n"), economy, test::one_service());
  EXPECT_TRUE(std::isnan(none.configurations[0].metrics.mean_abs_distance_from_target_pct));
}

}  // namespace
}  // namespace pco

namespace pco {
namespace {

TEST(Appraisal, BargainingIsEachOrganisationsShareOfAProvidersIncome) {
  const auto economy = test::identical_organisations(kK);
  auto model = test::one_service();
  model.services[0].providers = {{"Trust A", 0.7}, {"Trust B", 0.3}};
  const auto r = appraise(test::scenario_with(merge_and_federate()), economy, model);
  // k identical organisations each buy 1/k of every provider's income; the merger buys it all.
  for (const auto& o : r.configurations[0].structure.organisations)
    EXPECT_NEAR(o.max_provider_share, 1.0 / kK, 1e-12);
  EXPECT_NEAR(r.configurations[1].metrics.max_provider_share, 1.0, 1e-12);
}

}  // namespace
}  // namespace pco

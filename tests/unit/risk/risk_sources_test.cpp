#include <cmath>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "risk/cost_distribution.hpp"
#include "risk/measures.hpp"
#include "risk/risk_sources.hpp"
#include "risk/total_cost.hpp"

namespace pco {
namespace {

TEST(RiskSources, ParsesAnySubsetAndRejectsUnknownOrRepeatedNames) {
  RiskSources s;
  parse_sources("chance", s);
  EXPECT_TRUE(s.chance);
  EXPECT_FALSE(s.formula);
  EXPECT_FALSE(s.shock);
  parse_sources(" shock , formula ", s);
  EXPECT_FALSE(s.chance);
  EXPECT_TRUE(s.formula);
  EXPECT_TRUE(s.shock);
  EXPECT_EQ(sources_list(s), "formula,shock");
  try {
    parse_sources("chance,luck,chance,fate", s);
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    const std::string what = e.what();
    // Every problem at once.
    EXPECT_NE(what.find("\"luck\" is not a source"), std::string::npos) << what;
    EXPECT_NE(what.find("\"fate\" is not a source"), std::string::npos) << what;
    EXPECT_NE(what.find("\"chance\" is given twice"), std::string::npos) << what;
  }
  EXPECT_THROW(parse_sources("", s), UsageError);
  // A failed parse leaves the sources as they were.
  EXPECT_EQ(sources_list(s), "formula,shock");
}

TEST(RiskSources, FormulaErrorAveragesOverPracticesButNotOverTheArea) {
  RiskSources s;
  s.formula_practice_sd = 0.08;
  s.formula_area_sd = 0.02;
  EXPECT_NEAR(list_concentration({5000}), 1.0, 1e-15);
  EXPECT_NEAR(list_concentration({5000, 5000, 5000, 5000}), 0.25, 1e-15);
  EXPECT_NEAR(list_concentration({3000, 1000}), 0.625, 1e-15);
  EXPECT_NEAR(formula_error_sd(s, 1.0), std::sqrt(0.08 * 0.08 + 0.02 * 0.02), 1e-15);
  EXPECT_NEAR(formula_error_sd(s, 0.25), std::sqrt(0.04 * 0.04 + 0.02 * 0.02), 1e-15);
  // However many practices, the area part stays.
  EXPECT_GT(formula_error_sd(s, 1e-9), 0.02 - 1e-12);
  s.formula = false;
  s.shock = false;
  EXPECT_EQ(formula_error_sd(s, 0.25), 0.0);
  EXPECT_EQ(shock_error_sd(s), 0.0);
}

TEST(RiskSources, RoundTripThroughJson) {
  RiskSources s;
  s.shock = false;
  s.formula_area_sd = 0.031;
  s.effective_list = 8000;
  const auto back = sources_from_json(sources_to_json(s));
  EXPECT_EQ(sources_list(back), "chance,formula");
  EXPECT_EQ(back.formula_area_sd, 0.031);
  EXPECT_EQ(back.effective_list, 8000);
}

// T = S × F_formula × F_shock: E T = E S, Var T = (1 + f²)(1 + s²)(Var S + (E S)²) − (E S)²; each
// source alone gives sd(S), E S·f, E S·s, and the total's sd lies between the largest of them
// and their sum. The grid's moments agree within the reported bounds.
TEST(TotalCost, ClosedFormMomentsAndTheSplitBySource) {
  const std::vector<CostComponent> components = {
      {"a", Frequency::negative_binomial(5000 / 0.5, 1 / 1.5), Severity::lognormal(7, 1.1)},
      {"b", Frequency::poisson(6), Severity::lognormal(10, 1.5)}};
  const auto chance = cost_distribution(components);
  const double mu = chance.exact_mean;
  const double f = 0.03;
  const double s = 0.01;
  const auto t = total_cost(chance, f, s, true);
  EXPECT_EQ(t.expected, mu);
  EXPECT_NEAR(t.sd_chance, std::sqrt(chance.exact_variance), 1e-9);
  EXPECT_NEAR(t.sd_formula, mu * f, 1e-9);
  EXPECT_NEAR(t.sd_shock, mu * s, 1e-9);
  const double var = (1 + f * f) * (1 + s * s) * (chance.exact_variance + mu * mu) - mu * mu;
  EXPECT_NEAR(t.variance, var, 1e-9 * var);
  const auto m = grid_moments(t.distribution);
  EXPECT_NEAR(m.mean, mu, 1e-9 * mu);
  EXPECT_GE(m.sd * m.sd, var - t.variance_deficit - 1e-9 * var);
  EXPECT_LE(m.sd * m.sd, var + t.variance_error_bound + 1e-9 * var);
  EXPECT_GE(m.sd, std::max({t.sd_chance, t.sd_formula, t.sd_shock}));
  EXPECT_LE(m.sd, t.sd_chance + t.sd_formula + t.sd_shock);
  EXPECT_LE(t.grid_tail_mass, 1e-9);
  EXPECT_GT(t.quadrature_nodes, 10u);
  // Without chance the cost is E S times the factors; with no factor it is S itself.
  const auto no_chance = total_cost(chance, f, 0, false);
  EXPECT_EQ(no_chance.sd_chance, 0.0);
  EXPECT_NEAR(grid_moments(no_chance.distribution).sd, mu * f, 0.01 * mu * f);
  const auto chance_only = total_cost(chance, 0, 0, true);
  EXPECT_EQ(chance_only.distribution.pmf, chance.distribution.pmf);
  EXPECT_EQ(chance_only.quadrature_nodes, 0u);
}

}  // namespace
}  // namespace pco

#include <cmath>

#include <gtest/gtest.h>

#include "governance/indicators.hpp"
#include "report/indicators_report.hpp"
#include "test_support.hpp"
#include "unit/governance/tree_fixture.hpp"

namespace pco {
namespace {

class Indicators : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = test::small_tree(population_, {{"P1", "O1", "R1"},
                                             {"P2", "O1", "R1"},
                                             {"P3", "O2", "R1"},
                                             {"P4", "O2", "R1"},
                                             {"P5", "O3", "R1"}});
  }

  IndicatorRollup roll(const std::string& definitions, const std::string& values) {
    defs_ = parse_indicator_definitions(definitions, "d.csv");
    const auto obs = parse_indicator_values(values, "v.csv", defs_);
    return roll_up_indicators(population_, config_, defs_, obs);
  }

  static const IndicatorLevel& level(const IndicatorResult& r, const std::string& name) {
    for (const auto& l : r.levels)
      if (l.level == name) return l;
    throw std::runtime_error("no level " + name);
  }

  Population population_;
  Configuration config_;
  std::vector<IndicatorDefinition> defs_;
};

TEST_F(Indicators, RatioOfSumsAtEveryLevelWithPercentilesRagAndParents) {
  const auto r = roll(
      "code,name,low_is_good,target,amber,multiplier\n"
      "abx,Antibiotics per unit,yes,0.5,0.6,1\n",
      "practice,indicator,numerator,denominator\n"
      "P1,abx,10,100\nP2,abx,90,100\nP3,abx,30,60\nP4,abx,0,40\nP5,abx,7,10\n");
  const auto& result = r.indicators.at(0);
  ASSERT_EQ(result.levels.size(), 4u);  // practice, organisation, parent, national
  const auto& orgs = level(result, "organisation");
  // Ratio of sums, not mean of ratios: O1 = (10 + 90) / (100 + 100) = 0.5.
  EXPECT_DOUBLE_EQ(*orgs.units[0].value, 0.5);
  EXPECT_DOUBLE_EQ(*orgs.units[1].value, 0.3);  // 30 / 100
  EXPECT_DOUBLE_EQ(*orgs.units[2].value, 0.7);
  EXPECT_DOUBLE_EQ(*level(result, "parent").units[0].value, 137.0 / 310.0);
  EXPECT_DOUBLE_EQ(*level(result, "national").units[0].value, 137.0 / 310.0);
  // Percent rank among the three organisations: 0.3 -> 0, 0.5 -> 50, 0.7 -> 100.
  EXPECT_DOUBLE_EQ(*orgs.units[1].percentile, 0.0);
  EXPECT_DOUBLE_EQ(*orgs.units[0].percentile, 50.0);
  EXPECT_DOUBLE_EQ(*orgs.units[2].percentile, 100.0);
  // Low is good, target 0.5, amber to 0.6.
  EXPECT_EQ(orgs.units[0].rag, Rag::green);  // exactly on target
  EXPECT_EQ(orgs.units[1].rag, Rag::green);
  EXPECT_EQ(orgs.units[2].rag, Rag::red);
  const auto& practices = level(result, "practice");
  EXPECT_EQ(practices.units[2].rag, Rag::green);  // 0.5
  EXPECT_EQ(practices.units[0].parent, "O1");
  // Both directions: each practice against its organisation, each organisation against its
  // parent.
  EXPECT_EQ(practices.units[0].vs_parent, "better");  // 0.1 vs 0.5, low is good
  EXPECT_EQ(practices.units[1].vs_parent, "worse");   // 0.9 vs 0.5
  EXPECT_DOUBLE_EQ(*orgs.units[2].parent_value, 137.0 / 310.0);
  EXPECT_EQ(orgs.units[2].vs_parent, "worse");
  EXPECT_EQ(level(result, "parent").units[0].vs_parent, "same");  // equals national
}

TEST_F(Indicators, TiesShareTheLowestRank) {
  const auto r = roll("code,name\nx,X\n",
                      "practice,indicator,numerator,denominator\n"
                      "P1,x,1,2\nP2,x,1,2\nP3,x,0,2\nP4,x,2,2\nP5,x,1,2\n");
  const auto& p = level(r.indicators[0], "practice");
  // Values 0.5, 0.5, 0, 1, 0.5: PERCENT_RANK = (rank - 1) / (n - 1) with ties at lowest rank.
  EXPECT_DOUBLE_EQ(*p.units[0].percentile, 25.0);
  EXPECT_DOUBLE_EQ(*p.units[1].percentile, 25.0);
  EXPECT_DOUBLE_EQ(*p.units[2].percentile, 0.0);
  EXPECT_DOUBLE_EQ(*p.units[3].percentile, 100.0);
  EXPECT_EQ(p.units[0].rag, Rag::no_target);
}

TEST(Quantiles, Type7AgreesWithTheClosedForm) {
  // For 0, 1, ..., 10 the type-7 quantile at q is exactly 10q.
  std::vector<double> v;
  for (int i = 0; i <= 10; ++i)
    v.push_back(i);
  for (int k = 0; k <= 10; ++k)
    EXPECT_NEAR(quantile_sorted(v, k / 10.0), k, 1e-12);
  EXPECT_NEAR(quantile_sorted(v, 0.25), 2.5, 1e-12);
  // R: quantile(c(1, 2, 4, 8), 0.1) = 1.3 (type 7).
  EXPECT_NEAR(quantile_sorted({1, 2, 4, 8}, 0.1), 1.3, 1e-12);
  EXPECT_NEAR(quantile_sorted({1, 2, 4, 8}, 0.9), 6.8, 1e-12);
}

TEST_F(Indicators, NationalDecilesAndDecileBands) {
  const auto r = roll("code,name,low_is_good,target,amber,multiplier\nf,Flu,no,70,60,100\n",
                      "practice,indicator,numerator,denominator\n"
                      "P1,f,10,100\nP2,f,20,100\nP3,f,40,100\nP4,f,80,100\nP5,f,65,100\n");
  const auto& p = level(r.indicators[0], "practice");
  // Values 10, 20, 40, 80, 65 (%); sorted 10 20 40 65 80; p10 = 10 + 0.4 * 10 = 14.
  ASSERT_EQ(p.deciles.size(), 9u);
  EXPECT_NEAR(p.deciles[0], 14.0, 1e-9);
  EXPECT_NEAR(p.deciles[4], 40.0, 1e-9);
  EXPECT_NEAR(p.deciles[8], 74.0, 1e-9);  // 65 + 0.6 * 15
  EXPECT_EQ(p.units[0].decile, 1);
  EXPECT_EQ(p.units[2].decile, 5);   // 40 is above p10..p40 (4 cut points)
  EXPECT_EQ(p.units[3].decile, 10);  // above p90
  // High is good, target 70, amber from 60.
  EXPECT_EQ(p.units[3].rag, Rag::green);
  EXPECT_EQ(p.units[4].rag, Rag::amber);
  EXPECT_EQ(p.units[2].rag, Rag::red);
}

TEST_F(Indicators, ZeroDenominatorsAreNotComputableNeverNaN) {
  const auto r = roll("code,name,low_is_good,target\nz,Zero,yes,1\n",
                      "practice,indicator,numerator,denominator\n"
                      "P1,z,0,0\nP2,z,0,0\nP3,z,0,0\nP4,z,0,0\nP5,z,0,0\n");
  for (const auto& l : r.indicators[0].levels) {
    EXPECT_EQ(l.computable, 0u) << l.level;
    EXPECT_TRUE(l.deciles.empty());
    for (const auto& u : l.units) {
      EXPECT_FALSE(u.value.has_value()) << l.level << " " << u.code;
      EXPECT_FALSE(u.percentile.has_value());
      EXPECT_EQ(u.rag, Rag::not_computable);
    }
  }
  const auto json = indicators_json(r, "national");
  const auto& top = json["indicators"][0]["levels"][0]["units"][0];
  EXPECT_TRUE(top["value"].is_null());
  EXPECT_EQ(top["status"], "not computable");
  EXPECT_EQ(top["rag"], "not computable");
  const auto table = indicators_table(r, "national").render_csv();
  EXPECT_NE(table.find("not computable"), std::string::npos);
  EXPECT_EQ(table.find("nan"), std::string::npos);
}

TEST_F(Indicators, PracticesWithoutDataCountAsMissingAndUnknownPracticesAreNoted) {
  const auto r =
      roll("code,name\nx,X\n", "practice,indicator,numerator,denominator\nP1,x,1,4\nQ9,x,1,1\n");
  const auto& orgs = level(r.indicators[0], "organisation");
  EXPECT_EQ(orgs.units[0].practices, 2u);
  EXPECT_EQ(orgs.units[0].practices_with_data, 1u);
  EXPECT_DOUBLE_EQ(*orgs.units[0].value, 0.25);
  EXPECT_FALSE(orgs.units[1].value.has_value());  // O2: no data at all
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(r.notes[0].find("Q9"), std::string::npos);
}

TEST(IndicatorInput, EveryProblemIsReported) {
  const auto def_lines = test::input_error_lines([] {
    parse_indicator_definitions(
        "code,name,low_is_good,target,amber,multiplier\n"
        "a,A,perhaps,1,,1\n"
        "b,B,yes,1,0.5,1\n"
        "c,C,no,,3,0\n"
        "a,A again,,,,\n",
        "d.csv");
  });
  EXPECT_EQ(def_lines,
            (std::vector<std::string>{
                "d.csv:2:3: low_is_good: got \"perhaps\", expected yes or no",
                "d.csv:3:5: amber: got \"0.5\", expected a threshold at or above the target 1 "
                "(low_is_good is yes)",
                "d.csv:4:5: amber: got \"3\", expected empty unless a target is given",
                "d.csv:4:6: multiplier: got \"0\", expected a number above 0",
                "d.csv:5:1: code: got \"a\", expected a code not already defined"}));
  const auto defs = parse_indicator_definitions("code,name\nx,X\n", "d.csv");
  const auto value_lines = test::input_error_lines([&] {
    parse_indicator_values(
        "practice,indicator,numerator,denominator\n"
        "P1,x,-1,10\nP1,y,1,1\nP2,x,1,nan\nP3,x,1,2\nP3,x,1,2\n",
        "v.csv", defs);
  });
  EXPECT_EQ(value_lines,
            (std::vector<std::string>{
                "v.csv:2:3: numerator: got \"-1\", expected a number of 0 or more",
                "v.csv:3:2: indicator: got \"y\", expected a defined indicator: x",
                "v.csv:4:4: denominator: got \"nan\", expected a number of 0 or more",
                "v.csv:6:1: practice: got \"P3\", expected one row per practice and indicator "
                "(already at line 5)"}));
}

}  // namespace
}  // namespace pco

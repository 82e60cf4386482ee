// The yearly update worked by hand (docs/simulation.md, "The yearly update"): two holders over
// three years with fixed costs, a corridor and both carry-over caps.
#include <gtest/gtest.h>

#include "sim/simulation.hpp"
#include "sim/year_rules.hpp"

namespace pco {
namespace {

constexpr double kTol = 1e-9;

struct Expected {
  double cost, available, carried, written_off, deficit;
};

void check_chain(const YearRules& rules, const std::vector<double>& gross,
                 const std::vector<double>& budgets, const std::vector<Expected>& expected) {
  double carried = 0;
  double written = 0;
  for (std::size_t y = 0; y < gross.size(); ++y) {
    SCOPED_TRACE(y + 1);
    const auto o = advance_year(rules, gross[y], budgets[y], budgets[y + 1], carried, written);
    EXPECT_NEAR(o.cost, expected[y].cost, kTol);
    EXPECT_NEAR(o.available, expected[y].available, kTol);
    EXPECT_NEAR(o.carried, expected[y].carried, kTol);
    EXPECT_NEAR(o.written_off, expected[y].written_off, kTol);
    EXPECT_NEAR(o.cumulative_deficit, expected[y].deficit, kTol);
    carried = o.carried;
    written += o.written_off;
  }
}

TEST(YearRules, TwoHoldersThreeYearsWorkedByHand) {
  const YearRules rules{0.02, 0.01, 0.05, 0.5};
  // Holder A, flat budget 100. Year 1: 3 over, 2 repaid next year (cap 2% of 100), 1 written
  // off. Year 2: 110 crosses the corridor edge 105, so the holder bears 105 + 0.5 × 5 = 107.5
  // against 100 − 2 = 98: 9.5 over, 2 repaid, 7.5 written off. Year 3: 95 against 98 leaves 3,
  // of which 1 (1% of 100) is kept.
  check_chain(rules, {103, 110, 95}, {100, 100, 100, 100},
              {{103, 100, -2, 1, 3}, {107.5, 98, -2, 7.5, 10.5}, {95, 98, 1, 0, 8.5}});
  // Holder B, budget growing 10% a year (200, 220, 242, then 266.2). Year 1: 10 under, 2.2 kept
  // (1% of 220). Year 2: 230 is inside the corridor (edge 231) against 222.2: 7.8 over, 4.84
  // repaid (2% of 242), 2.96 written off. Year 3: 260 crosses 254.1, borne
  // 254.1 + 2.95 = 257.05 against 242 − 4.84 = 237.16: 19.89 over, 5.324 repaid, 14.566
  // written off; deficit 2.96 + 14.566 + 5.324.
  check_chain(rules, {190, 230, 260}, {200, 220, 242, 266.2},
              {{190, 200, 2.2, 0, 0},
               {230, 222.2, -4.84, 2.96, 7.8},
               {257.05, 237.16, -5.324, 14.566, 22.85}});
}

TEST(YearRules, NoCapsMeansEveryOverspendIsWrittenOffAndNothingIsKept) {
  const YearRules none;
  const auto over = advance_year(none, 120, 100, 100, 0, 5);
  EXPECT_DOUBLE_EQ(over.cost, 120);
  EXPECT_DOUBLE_EQ(over.carried, 0);
  EXPECT_DOUBLE_EQ(over.written_off, 20);
  EXPECT_DOUBLE_EQ(over.cumulative_deficit, 25);
  const auto under = advance_year(none, 80, 100, 100, 0, 5);
  EXPECT_DOUBLE_EQ(under.carried, 0);
  EXPECT_DOUBLE_EQ(under.cumulative_deficit, 5);
}

// The engine applies the same update: with one-knot distributions every draw is fixed, so each
// replicate follows the chain worked by hand and every standard error is 0.
TEST(YearRules, EngineFollowsTheHandChainWithFixedDraws) {
  SimulationInput input;
  input.level = "test";
  input.rules.overspend_repay_cap = 0.01;
  SimulationHolder h;
  h.code = "A";
  h.budget = 100;
  h.distribution.step = 2;
  h.distribution.first = 51;  // the single knot 102
  h.distribution.pmf = {1.0};
  input.holders.push_back(h);
  SimulationSettings settings;
  settings.replications = 50;
  settings.years = 3;
  settings.shock_cv = 0;  // no shared shock: every draw fixed
  const auto samples = simulate_replicates(input, settings, 0, settings.replications, 2);
  const auto r = summarise(input, settings, samples);
  ASSERT_EQ(r.rows.size(), 3u);
  // Cost 102 each year against 100, then 99 after repaying 1: outturn 2%, 3%, 3%; deficit
  // 1 + 1 = 2, then 1 + 2 + 1 = 4, then 1 + 2 + 2 + 1 = 6.
  const double outturn[] = {0.02, 0.03, 0.03};
  const double deficit[] = {2, 4, 6};
  for (int y = 0; y < 3; ++y) {
    const auto& row = r.rows[static_cast<std::size_t>(y)];
    EXPECT_NEAR(row.cost_mean.value, 102, kTol);
    EXPECT_NEAR(row.outturn_q50.value, outturn[y], kTol);
    EXPECT_NEAR(row.deficit_mean.value, deficit[y], kTol);
    EXPECT_EQ(row.p_any_overspend.value, 1.0);
    EXPECT_EQ(row.deficit_mean.se, 0.0);
    EXPECT_EQ(row.p_overspend.se, 0.0);
  }
}

}  // namespace
}  // namespace pco

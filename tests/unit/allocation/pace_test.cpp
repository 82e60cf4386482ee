// The pace-of-change rule against the hand-worked example of docs/allocation.md
// ("Pace of change: a worked example"), step by step in whole pence.

#include <gtest/gtest.h>

#include "allocation/pace.hpp"
#include "core/error.hpp"

namespace pco {
namespace {

PaceRule example_rule() {
  PaceRule rule;
  rule.growth = 0.04;
  rule.years = 2;
  rule.floor = 0.02;
  rule.extra = 0.02;
  rule.cap = 0.025;
  rule.max_below_target = 0.05;
  return rule;
}

const std::vector<std::int64_t> kBaseline = {950'000, 1'000'000, 1'000'000, 1'050'000};
const std::vector<long double> kShares = {26, 25, 24, 25};

TEST(Pace, ReproducesTheWorkedExampleOfTheDocs) {
  const auto years = run_pace(kBaseline, kShares, example_rule());
  ASSERT_EQ(years.size(), 2u);
  const auto& y1 = years[0];
  EXPECT_EQ(y1.total_pence, 4'160'000);
  EXPECT_EQ(y1.target, (std::vector<std::int64_t>{1'081'600, 1'040'000, 998'400, 1'040'000}));
  EXPECT_EQ(y1.under_target, (std::vector<bool>{true, true, false, false}));
  EXPECT_EQ(y1.after, (std::vector<std::int64_t>{1'028'033, 1'040'000, 1'020'474, 1'071'493}));
  const auto& y2 = years[1];
  EXPECT_EQ(y2.before, y1.after);
  EXPECT_EQ(y2.total_pence, 4'326'400);
  EXPECT_EQ(y2.target, (std::vector<std::int64_t>{1'124'864, 1'081'600, 1'038'336, 1'081'600}));
  EXPECT_EQ(y2.under_target, (std::vector<bool>{true, true, false, false}));
  EXPECT_EQ(y2.after, (std::vector<std::int64_t>{1'100'534, 1'081'600, 1'045'986, 1'098'280}));
  // Distances as tabulated in the docs (2 decimals).
  const std::vector<double> before1 = {-12.17, -3.85, 0.16, 0.96};
  const std::vector<double> after1 = {-4.95, 0.00, 2.21, 3.03};
  const std::vector<double> before2 = {-8.61, -3.85, -1.72, -0.93};
  const std::vector<double> after2 = {-2.16, 0.00, 0.74, 1.54};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(y1.distance_before_pct(i), before1[i], 0.005) << i;
    EXPECT_NEAR(y1.distance_after_pct(i), after1[i], 0.005) << i;
    EXPECT_NEAR(y2.distance_before_pct(i), before2[i], 0.005) << i;
    EXPECT_NEAR(y2.distance_after_pct(i), after2[i], 0.005) << i;
  }
}

TEST(Pace, EveryYearSpendsExactlyTheGrownTotalAndKeepsTheFloorAndLimit) {
  const auto rule = example_rule();
  const auto years = run_pace(kBaseline, kShares, rule);
  for (const auto& y : years) {
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      sum += y.after[i];
      EXPECT_GE(y.after[i], std::llround(static_cast<double>(y.before[i]) * 1.02));
      EXPECT_GE(y.distance_after_pct(i), -5.0);
    }
    EXPECT_EQ(sum, y.total_pence);
  }
}

TEST(Pace, AnUnaffordableFloorIsAUsageError) {
  auto rule = example_rule();
  rule.max_below_target = 0.0;  // everyone at target at once cannot be paid for with 4%
  EXPECT_THROW(run_pace(kBaseline, kShares, rule), UsageError);
}

}  // namespace
}  // namespace pco

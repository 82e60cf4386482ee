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
  // Last year's targets: the formula's shares of last year's money.
  EXPECT_EQ(y1.target_before,
            (std::vector<std::int64_t>{1'040'000, 1'000'000, 960'000, 1'000'000}));
  EXPECT_EQ(y2.target_before, y1.target);
  // Distances as tabulated in the docs (2 decimals), each in one year's money.
  const std::vector<double> before1 = {-8.65, 0.00, 4.17, 5.00};
  const std::vector<double> after1 = {-4.95, 0.00, 2.21, 3.03};
  const std::vector<double> before2 = {-4.95, 0.00, 2.21, 3.03};
  const std::vector<double> after2 = {-2.16, 0.00, 0.74, 1.54};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(y1.distance_before_pct(i), before1[i], 0.005) << i;
    EXPECT_NEAR(y1.distance_after_pct(i), after1[i], 0.005) << i;
    EXPECT_NEAR(y2.distance_before_pct(i), before2[i], 0.005) << i;
    EXPECT_NEAR(y2.distance_after_pct(i), after2[i], 0.005) << i;
  }
}

// The distance before a year is the distance after the year before: both compare money with
// the formula's share of the same total. Comparing last year's money with this year's grown
// target would put everyone `growth` further below target than they are.
TEST(Pace, DistanceBeforeAYearIsTheDistanceAfterTheYearBefore) {
  auto rule = example_rule();
  rule.years = 4;
  const auto years = run_pace(kBaseline, kShares, rule);
  for (std::size_t y = 1; y < years.size(); ++y)
    for (std::size_t i = 0; i < 4; ++i)
      EXPECT_DOUBLE_EQ(years[y].distance_before_pct(i), years[y - 1].distance_after_pct(i));
  // An organisation exactly at its share of the money is at target before the first year,
  // whatever the growth.
  const std::vector<std::int64_t> at_share = {1'040'000, 1'000'000, 960'000, 1'000'000};
  for (const double growth : {0.0, 0.04, 0.10}) {
    rule.growth = growth;
    rule.floor = 0.0;
    rule.cap = growth;
    rule.extra.reset();
    rule.max_below_target.reset();
    const auto first = run_pace(at_share, kShares, rule).front();
    for (std::size_t i = 0; i < 4; ++i)
      EXPECT_DOUBLE_EQ(first.distance_before_pct(i), 0.0) << growth << " " << i;
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

#include <gtest/gtest.h>

#include "governance/autonomy.hpp"
#include "governance/governance_inputs.hpp"
#include "test_support.hpp"
#include "unit/governance/tree_fixture.hpp"

namespace pco {
namespace {

// Four organisations under two health authorities, two practices each.
Configuration tree(Population& population) {
  return test::small_tree(population,
                          {{"P0", "A", "H1"},
                           {"P1", "A", "H1"},
                           {"P2", "B", "H1"},
                           {"P3", "B", "H1"},
                           {"P4", "C", "H2"},
                           {"P5", "C", "H2"},
                           {"P6", "D", "H2"},
                           {"P7", "D", "H2"}},
                          "pcg", "ha");
}

TEST(Autonomy, EachLevelSaysWhoHoldsTheBudgetAndBearsTheRisk) {
  Population population;
  const auto config = tree(population);
  const std::vector<AutonomyRecord> records = {
      {"A", 1, "a.csv", 2}, {"B", 2, "a.csv", 3}, {"C", 3, "a.csv", 4}};
  const AutonomyMap map(config, "pcg", records, 4);
  const auto& a = map.budget_holder_for("A");
  EXPECT_EQ(a.budget_holder, "H1");
  EXPECT_EQ(a.budget_holder_level, "ha");
  EXPECT_EQ(a.risk_bearer, "H1");
  const auto& b = map.budget_holder_for("B");
  EXPECT_EQ(b.budget_holder, "B");
  EXPECT_EQ(b.risk_bearer, "H1");  // a subcommittee: the parent stays accountable
  const auto& c = map.budget_holder_for("C");
  EXPECT_EQ(c.budget_holder, "C");
  EXPECT_EQ(c.risk_bearer, "C");
  EXPECT_FALSE(c.provides_community_services);
  const auto& d = map.budget_holder_for("D");
  EXPECT_TRUE(d.assumed);
  EXPECT_EQ(d.autonomy, 4);
  EXPECT_TRUE(d.provides_community_services);
  EXPECT_EQ(d.risk_bearer, "D");
  EXPECT_THROW(map.budget_holder_for("Z"), UsageError);

  const auto pools = map.risk_pools();
  ASSERT_EQ(pools.size(), 3u);
  EXPECT_EQ(pools[0].bearer, "H1");
  EXPECT_EQ(pools[0].organisations, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(pools[0].practices, (std::vector<std::size_t>{0, 1, 2, 3}));
  EXPECT_EQ(pools[2].bearer, "D");
}

TEST(Autonomy, BadRecordsAreAllReported) {
  Population population;
  const auto config = tree(population);
  const auto lines = test::input_error_lines([&] {
    AutonomyMap(config, "ha", {{"H1", 1, "a.csv", 2}, {"X", 3, "a.csv", 3}, {"H2", 7, "a.csv", 4}},
                3);
  });
  EXPECT_EQ(lines,
            (std::vector<std::string>{
                "a.csv:2: autonomy level: got \"1\", expected 3 or 4 for H1: levels 1 and 2 need "
                "a parent organisation (the health authority) to hold the budget, and H1 has none",
                "a.csv:3: organisation: got \"X\", expected an organisation at level ha",
                "a.csv:4: autonomy level: got \"7\", expected 1, 2, 3 or 4"}));
}

TEST(Autonomy, CsvReader) {
  const auto records = parse_autonomy("organisation,level\nA,1\nB,4\n", "a.csv");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].level, 4);
  EXPECT_EQ(records[1].line, 3u);
  const auto lines = test::input_error_lines(
      [] { parse_autonomy("organisation,level\nA,0\nB,three\n,2\n", "a.csv"); });
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "a.csv:2:2: level: got \"0\", expected an autonomy level 1, 2, 3 or 4",
                       "a.csv:3:2: level: got \"three\", expected an autonomy level 1, 2, 3 or 4",
                       "a.csv:4:1: organisation: got \"\", expected an organisation code"}));
}

}  // namespace
}  // namespace pco

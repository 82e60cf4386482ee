#include "model/configuration.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "model/summary.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

Population make_population(const std::vector<std::pair<std::string, std::int64_t>>& lists) {
  Population pop;
  for (const auto& [code, n] : lists) {
    Practice p;
    p.code = code;
    p.counts[cell_index(Sex::female, 17)] = n / 10;  // 85-89: 10% of the list
    p.counts[cell_index(Sex::male, 6)] = n - n / 10;
    p.source = "pop.csv:1";
    pop.add(p);
  }
  return pop;
}

MappingTable make_mapping(const std::vector<std::vector<std::string>>& rows) {
  MappingTable t;
  t.levels = {"network", "organisation", "region"};
  t.source_file = "map.csv";
  int line = 2;
  for (const auto& r : rows) {
    MappingRow row{r[0], {}, "map.csv:" + std::to_string(line++)};
    for (std::size_t i = 1; i < r.size(); ++i)
      row.orgs.push_back({r[i], ""});
    t.rows.push_back(row);
  }
  return t;
}

class ConfigurationTest : public ::testing::Test {
 protected:
  Population pop =
      make_population({{"P1", 1000}, {"P2", 2000}, {"P3", 3000}, {"P4", 4000}, {"P5", 500}});
  MappingTable map = make_mapping({{"P1", "N1", "O1", "R1"},
                                   {"P2", "N1", "O1", "R1"},
                                   {"P3", "N2", "O2", "R1"},
                                   {"P4", "N3", "O3", "R2"},
                                   {"P9", "N3", "O3", "R2"}});
};

TEST_F(ConfigurationTest, BuildsLevelsReportsUnmappedAndSummarises) {
  JoinReport report;
  const auto c = Configuration::build(pop, map, report);
  ASSERT_EQ(c.levels().size(), 3u);
  EXPECT_EQ(c.level("organisation").organisations.size(), 3u);
  EXPECT_EQ(report.mapped_without_patients, 1u);  // P9
  ASSERT_EQ(report.unmapped.size(), 1u);          // P5
  EXPECT_EQ(report.unmapped[0].code, "P5");
  EXPECT_FALSE(c.is_mapped(4));
  const auto s = summarise_level(pop, c, "organisation");
  ASSERT_EQ(s.organisations.size(), 3u);
  EXPECT_EQ(s.organisations[0].code, "O1");
  EXPECT_EQ(s.organisations[0].parent, "R1");
  EXPECT_EQ(s.organisations[0].population, 3000);
  EXPECT_EQ(s.organisations[0].min_list, 1000);
  EXPECT_EQ(s.organisations[0].max_list, 2000);
  EXPECT_DOUBLE_EQ(s.organisations[0].pct_85_plus, 10.0);
  EXPECT_DOUBLE_EQ(s.organisations[0].pct_65_plus, 10.0);
  EXPECT_EQ(s.total.population, 10000);
  EXPECT_EQ(s.total.practices, 4u);
  EXPECT_THROW(c.level("ccg"), UsageError);
}

TEST_F(ConfigurationTest, MergeMoveAndFederate) {
  JoinReport report;
  auto c = Configuration::build(pop, map, report);
  c.merge("organisation", {"O1", "O2"}, "M12", "Merged");
  const auto& orgs = c.level("organisation");
  ASSERT_EQ(orgs.organisations.size(), 2u);
  const auto* merged = orgs.find("M12");
  ASSERT_NE(merged, nullptr);
  EXPECT_EQ(merged->members.size(), 3u);
  EXPECT_EQ(merged->name, "Merged");

  c.move_practice(pop, "P3", "organisation", "O3");
  EXPECT_EQ(c.level("organisation").find("M12")->members.size(), 2u);
  EXPECT_EQ(c.level("organisation").find("O3")->members.size(), 2u);
  // P3 now sits under O3's region.
  EXPECT_EQ(c.levels()[2].organisations[static_cast<std::size_t>(c.member_of(2, 2))].code, "R2");

  c.add_federation({"F1", "Federation", "organisation", {"M12", "O3"}, {"management"}, true});
  EXPECT_EQ(c.federations().size(), 1u);
  EXPECT_THROW(c.add_federation({"F2", "", "organisation", {"O3"}, {}, false}), UsageError);
  EXPECT_THROW(c.merge("organisation", {"NOPE"}, "X", ""), UsageError);
  EXPECT_THROW(c.move_practice(pop, "P5", "organisation", "O3"), UsageError);
  EXPECT_THROW(c.merge("organisation", {"O3"}, "M12", ""), UsageError);
}

TEST_F(ConfigurationTest, DuplicatesEmptyCodesAndSelfAncestryAreReportedTogether) {
  const auto bad = make_mapping({{"P1", "N1", "O1", "R1"},
                                 {"P1", "N1", "O1", "R1"},
                                 {"P2", "", "O1", "R1"},
                                 {"P3", "N2", "O2", "O2"}});
  JoinReport report;
  const auto lines = test::input_error_lines([&] { Configuration::build(pop, bad, report); });
  EXPECT_EQ(lines,
            (std::vector<std::string>{
                "map.csv:3: practice: got \"P1\", expected each practice mapped once (first at "
                "map.csv:2)",
                "map.csv:4: network: got \"\", expected a network code",
                "map.csv:5: region: got \"O2\", expected a code different from its organisation "
                "(an organisation cannot be its own ancestor)"}));
}

TEST_F(ConfigurationTest, StraddlingOrganisationsAreWarnedNotRejected) {
  const auto straddle =
      make_mapping({{"P1", "N1", "O1", "R1"}, {"P2", "N1", "O2", "R1"}, {"P3", "N1", "O2", "R1"}});
  JoinReport report;
  const auto c = Configuration::build(pop, straddle, report);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0],
            "network N1 straddles organisation O1 (1 practices), O2 (2 practices); shown under O2 "
            "in the tree, each practice keeps its own organisation");
  EXPECT_EQ(c.member_of(1, 0), 0);  // P1 stays in O1
}

}  // namespace
}  // namespace pco

// Effective-dated membership: the rows of a membership file in force on a date, overlapping
// periods rejected, dated edits and transfers applied from their date, and the changes between
// two dates (moved, opened, closed) with patients.

#include <gtest/gtest.h>

#include "economy/load_economy.hpp"
#include "model/changes.hpp"
#include "model/dated_mapping.hpp"
#include "readers/mapping_file.hpp"
#include "scenario_file/scenario_file.hpp"
#include "scratch_dir.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

class DatedMembership : public test::ScratchDirTest {
 protected:
  // Three practices; P2 moves from O1 to O2 on 2026-04-01; P3 closes on 2026-03-31; P4 opens
  // on 2026-04-01 (it has no list in the population file).
  void SetUp() override {
    test::ScratchDirTest::SetUp();
    write("pop.csv", "practice,sex,age_band,count\nP1,M,30-34,100\nP2,F,70-74,200\nP3,M,0-4,300\n");
    write("members.csv",
          "practice,org,org_name,parent_org,valid_from,valid_to\n"
          "P1,O1,One,R1,,\n"
          "P2,O1,One,R1,,2026-03-31\n"
          "P2,O2,Two,R1,2026-04-01,\n"
          "P3,O2,Two,R1,2019-04-01,2026-03-31\n"
          "P4,O2,Two,R1,2026-04-01,\n");
  }

  Economy load(const std::string& as_of, const std::string& extra = "") {
    write("s.toml",
          "schema_version = 1\n[population]\nfile = \"pop.csv\"\n[configuration]\n"
          "map = \"members.csv\"\n" +
              (as_of.empty() ? std::string() : "as_of = \"" + as_of + "\"\n") + extra);
    return load_economy(load_scenario(dir_ / "s.toml"));
  }

  static std::string org_of(const Economy& e, const std::string& practice) {
    const auto p = *e.population.index_of(practice);
    const auto& level = e.configuration.levels()[0];
    const int o = e.configuration.member_of(0, p);
    return o < 0 ? std::string() : level.organisations[static_cast<std::size_t>(o)].code;
  }
};

TEST_F(DatedMembership, TheRowsInForceOnEachDate) {
  const auto before = load("2026-03-31");
  EXPECT_EQ(org_of(before, "P2"), "O1");
  EXPECT_EQ(org_of(before, "P3"), "O2");
  const auto after = load("2026-04-01");
  EXPECT_EQ(org_of(after, "P2"), "O2");
  EXPECT_EQ(org_of(after, "P3"), "");  // closed
  // Without a date: the open-ended rows, the configuration as it stands now.
  const auto now = load("");
  EXPECT_EQ(org_of(now, "P2"), "O2");
  EXPECT_EQ(org_of(now, "P3"), "");
  const auto changes = compare_configurations(after.population, before.configuration, before.join,
                                              after.configuration, after.join, "organisation");
  ASSERT_EQ(changes.changes.size(), 3u);
  EXPECT_EQ(changes.changes[0].kind, ChangeKind::moved);
  EXPECT_EQ(changes.changes[0].practice, "P2");
  EXPECT_EQ(changes.changes[0].patients, 200);
  EXPECT_EQ(changes.changes[1].kind, ChangeKind::opened);
  EXPECT_EQ(changes.changes[1].practice, "P4");
  EXPECT_FALSE(changes.changes[1].in_population);
  EXPECT_EQ(changes.changes[2].kind, ChangeKind::closed);
  EXPECT_EQ(changes.changes[2].patients, 300);
  EXPECT_EQ(changes.unchanged, 1u);
  EXPECT_EQ((changes.flows.at({"O1", "O2"}).patients), 200);
}

TEST_F(DatedMembership, OverlappingPeriodsAreAllReported) {
  write("members.csv",
        "practice,org,valid_from,valid_to\n"
        "P1,O1,,2026-04-01\n"
        "P1,O2,2026-04-01,\n"
        "P2,O1,2020-01-01,\n"
        "P2,O2,2021-01-01,2021-12-31\n"
        "P3,O1,2026-05-01,2026-04-01\n");
  const auto lines = test::input_error_lines([&] { load("2026-04-01"); });
  ASSERT_EQ(lines.size(), 1u);  // the reversed period is a reading error, found first
  EXPECT_NE(lines[0].find("valid_to: got \"2026-04-01\", expected a date on or after valid_from"),
            std::string::npos)
      << lines[0];
  write("members.csv",
        "practice,org,valid_from,valid_to\n"
        "P1,O1,,2026-04-01\n"
        "P1,O2,2026-04-01,\n"
        "P2,O1,2020-01-01,\n"
        "P2,O2,2021-01-01,2021-12-31\n");
  const auto overlaps = test::input_error_lines([&] { load("2026-04-01"); });
  ASSERT_EQ(overlaps.size(), 2u);
  EXPECT_NE(overlaps[0].find(":3: valid_from: got \"2026-04-01\", expected a period after "
                             "practice P1's row"),
            std::string::npos)
      << overlaps[0];
  EXPECT_NE(overlaps[1].find("practice P2's row"), std::string::npos) << overlaps[1];
}

TEST_F(DatedMembership, DatedEditsAndTransfersApplyFromTheirDate) {
  const std::string edits =
      "[[configuration.transfer]]\nlevel = \"organisation\"\nfrom = \"O1\"\nto = \"N1\"\n"
      "to_name = \"New\"\neffective = \"2027-01-01\"\n"
      "[[configuration.merge]]\nlevel = \"organisation\"\ncodes = [\"O1\", \"O2\"]\ncode = \"M\"\n"
      "effective = \"2028-01-01\"\n";
  EXPECT_EQ(org_of(load("2026-06-01", edits), "P1"), "O1");
  const auto later = load("2027-06-01", edits);
  EXPECT_EQ(org_of(later, "P1"), "N1");  // O1's practices moved to the new N1
  EXPECT_EQ(org_of(later, "P2"), "O2");
  EXPECT_EQ(later.configuration.levels()[0].find("N1")->name, "New");
  EXPECT_EQ(later.configuration.levels()[0].find("O1"), nullptr);
  // On 2028-01-01 the merge names O1, which the transfer emptied: the error says so.
  EXPECT_THROW(load("2028-06-01", edits), UsageError);
}

TEST(DatedMapping, DatesInTheNhsFormsAreAccepted) {
  EXPECT_EQ(parse_iso_date("01APR2026", "x"), "2026-04-01");
  EXPECT_EQ(parse_iso_date("2026-04-01", "x"), "2026-04-01");
  EXPECT_THROW(parse_iso_date("April", "--as-of"), UsageError);
}

}  // namespace
}  // namespace pco

#include <gtest/gtest.h>

#include "governance/governance_inputs.hpp"
#include "scenario/scenario.hpp"
#include "scenario_file/scenario_file.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

const char* const kHead = R"(schema_version = 1
[population]
file = "p.csv"
)";

TEST(GovernanceInputs, BoardsAndAutonomyFromTheScenario) {
  const auto s = parse_scenario(std::string(kHead) + R"([governance]
level = "pcg"
rules = "icb2022"
default_autonomy = 2
typology = "t.csv"
[[governance.board]]
organisation = "O1"
autonomy_level = 4
[[governance.board.member]]
name = "A"
role = "Chair"
leads = ["finance", "quality"]
appointment = "secondment"
[[governance.board]]
organisation = "O2"
)",
                                "dir/s.toml", "dir");
  const auto in = governance_inputs(s);
  EXPECT_EQ(in.level, "pcg");
  EXPECT_EQ(in.rules, "icb2022");
  EXPECT_EQ(in.default_autonomy, 2);
  EXPECT_EQ(in.typology, (std::filesystem::path("dir") / "t.csv").string());
  ASSERT_EQ(in.boards.size(), 2u);
  ASSERT_EQ(in.boards[0].members.size(), 1u);
  EXPECT_EQ(in.boards[0].members[0].role, BoardRole::chair);
  EXPECT_EQ(in.boards[0].members[0].appointment, Appointment::secondment);
  EXPECT_EQ(in.boards[0].members[0].leads, (std::vector<std::string>{"finance", "quality"}));
  ASSERT_EQ(in.autonomy.size(), 1u);
  EXPECT_EQ(in.autonomy[0].organisation, "O1");
  EXPECT_EQ(in.autonomy[0].level, 4);
  EXPECT_EQ(in.autonomy[0].line, 11u);
}

TEST(GovernanceInputs, UnknownRolesAndKeysAreReportedWithTheirPosition) {
  const auto schema_lines = test::input_error_lines([] {
    parse_scenario(std::string(kHead) + R"([governance]
rulez = "pcg1999"
[[governance.board]]
autonomy_level = "two"
)",
                   "s.toml", ".");
  });
  ASSERT_EQ(schema_lines.size(), 3u);
  EXPECT_EQ(schema_lines[0].substr(0, 29), "s.toml:5:1: governance.rulez:");
  EXPECT_EQ(schema_lines[1],
            "s.toml:6:1: governance.board[0].organisation: got \"\", expected a key organisation "
            "(a string)");
  EXPECT_EQ(schema_lines[2],
            "s.toml:7:18: governance.board[0].autonomy_level: got \"two\", expected an integer");

  const auto s = parse_scenario(std::string(kHead) + R"([governance]
default_autonomy = 5
[[governance.board]]
organisation = "O1"
[[governance.board.member]]
name = "A"
role = "wizard"
appointment = "forever"
)",
                                "s.toml", ".");
  const auto lines = test::input_error_lines([&] { governance_inputs(s); });
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "s.toml:5:20: governance.default_autonomy: got \"5\", expected 1, 2, 3 or 4");
  EXPECT_EQ(lines[1].substr(0, 63),
            "s.toml:10:8: governance.board[0].member[0].role: got \"wizard\", ");
  EXPECT_EQ(lines[2],
            "s.toml:11:15: governance.board[0].member[0].appointment: got \"forever\", expected "
            "fixed, secondment or project");
}

}  // namespace
}  // namespace pco

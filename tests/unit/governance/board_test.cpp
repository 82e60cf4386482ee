#include <gtest/gtest.h>

#include "governance/board.hpp"
#include "governance/board_reader.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

const char* const kPcgBoard =
    "organisation,name,role,profession,from_organisation,leads,appointment\n"
    "O1,Dr A,GP,GP,P1,prescribing;clinical governance,fixed\n"
    "O1,Dr B,general practitioner,GP,P2,,fixed\n"
    "O1,Dr C,gp,GP,P3,,secondment\n"
    "O1,Dr D,gp,GP,P4,,\n"
    "O1,E,practice nurse,nurse,P1,nursing forum,project\n"
    "O1,F,social services,social worker,County,,fixed\n"
    "O1,G,lay member,,,,fixed\n"
    "O1,H,HA non-executive,,HA,,fixed\n"
    "O1,I,chief executive,manager,,,fixed\n";

TEST(Board, ThePcgBoardOf1999PassesEveryRule) {
  const auto boards = parse_board_members(kPcgBoard, "b.csv");
  ASSERT_EQ(boards.size(), 1u);
  ASSERT_EQ(boards[0].members.size(), 9u);
  const auto findings = check_board(boards[0], rule_set("pcg1999"));
  ASSERT_EQ(findings.size(), 7u);  // six rules and the clinical-majority note
  for (std::size_t i = 0; i < 6; ++i)
    EXPECT_EQ(findings[i].status, FindingStatus::pass) << findings[i].check;
  EXPECT_EQ(findings[6].found, "5 of 9 members are clinicians (majority)");
}

TEST(Board, MissingAndSurplusMembersFailTheirRules) {
  Board b{"O2", {}, "", 0};
  for (int i = 0; i < 8; ++i)
    b.members.push_back(
        {"gp" + std::to_string(i), BoardRole::gp, "", "", {}, Appointment::fixed, ""});
  b.members.push_back({"x", BoardRole::finance_director, "", "", {}, Appointment::fixed, ""});
  const auto findings = check_board(b, rule_set("pcg1999"));
  EXPECT_EQ(findings[0].found, "8");  // GPs 4 to 7
  EXPECT_EQ(findings[0].status, FindingStatus::fail);
  EXPECT_EQ(findings[5].check, "chief executive");
  EXPECT_EQ(findings[5].status, FindingStatus::fail);
  EXPECT_EQ(findings[6].check, "members in roles the rule set does not provide for");
  EXPECT_EQ(findings[6].found, "1 finance_director");
}

TEST(Board, IntegratedCareBoardRules) {
  Board b{"ICB", {}, "", 0};
  for (const auto r :
       {BoardRole::chair, BoardRole::chief_executive, BoardRole::finance_director,
        BoardRole::medical_director, BoardRole::nursing_director, BoardRole::non_executive,
        BoardRole::trust_partner, BoardRole::gp, BoardRole::local_authority_partner})
    b.members.push_back({"m", r, "", "", {}, Appointment::fixed, ""});
  auto findings = check_board(b, rule_set("icb2022"));
  int failed = 0;
  for (const auto& f : findings)
    failed += f.status == FindingStatus::fail;
  EXPECT_EQ(failed, 1);  // one independent non-executive; at least two are required
  b.members.push_back({"n", BoardRole::non_executive, "", "", {}, Appointment::fixed, ""});
  findings = check_board(b, rule_set("icb2022"));
  for (const auto& f : findings)
    EXPECT_NE(f.status, FindingStatus::fail) << f.check;
  EXPECT_THROW(rule_set("pcg2099"), UsageError);
}

TEST(Board, EveryUnknownRoleAndAppointmentIsReportedAtOnce) {
  const auto lines = test::input_error_lines([] {
    parse_board_members(
        "organisation,name,role,appointment\n"
        "O1,A,gp,fixed\n"
        "O1,B,wizard,fixed\n"
        "O1,C,gp,permanent-ish\n"
        "O1,,archdruid,\n",
        "b.csv");
  });
  const std::string roles = "a board role: " + role_codes_list();
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "b.csv:3:3: role: got \"wizard\", expected " + roles,
                       "b.csv:4:4: appointment: got \"permanent-ish\", expected fixed, "
                       "secondment or project",
                       "b.csv:5:2: name: got \"\", expected the member's name",
                       "b.csv:5:3: role: got \"archdruid\", expected " + roles}));
}

TEST(Board, MissingColumnsAreNamed) {
  const auto lines =
      test::input_error_lines([] { parse_board_members("organisation,name\nO1,A\n", "b.csv"); });
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("role"), std::string::npos) << lines[0];
}

TEST(Board, LeadershipViewShowsSubGroupsAndAppointments) {
  const auto boards = parse_board_members(kPcgBoard, "b.csv");
  const auto v = leadership_view(boards[0]);
  EXPECT_EQ(v.members, 9u);
  EXPECT_EQ(v.fixed, 7u);  // an empty appointment is fixed
  EXPECT_EQ(v.secondments, 1u);
  EXPECT_EQ(v.projects, 1u);
  EXPECT_EQ(v.leaders, 2u);
  ASSERT_EQ(v.sub_groups.size(), 3u);
  EXPECT_EQ(v.sub_groups[0].name, "clinical governance");
  EXPECT_EQ(v.sub_groups[0].leaders, (std::vector<std::string>{"Dr A (gp)"}));
  EXPECT_EQ(v.most_led_by_one, 2u);
  EXPECT_FALSE(v.concentrated());

  Board one{
      "O9", {{"Solo", BoardRole::gp, "", "", {"a", "b", "c"}, Appointment::fixed, ""}}, "", 0};
  EXPECT_TRUE(leadership_view(one).concentrated());
}

}  // namespace
}  // namespace pco

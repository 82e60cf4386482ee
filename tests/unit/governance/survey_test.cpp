#include <gtest/gtest.h>

#include "governance/survey.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

TEST(Survey, CodesOutsideTheSchemeAreAllListedAtOnce) {
  const auto lines = test::input_error_lines([] {
    parse_survey(
        "organisation,respondent,relationship_change,relationship_ha\n"
        "A,gp,strengthened,collaborative\n"
        "B,gp,much better,friendly;cooperative\n"
        "C,gp,weakened;mixed,cooperative;cooperative\n",
        "s.csv", tpp_survey_scheme());
  });
  const std::string change = "strengthened, weakened, unchanged, mixed, or empty for no response";
  const std::string ha =
      "paternal, collaborative, cooperative, hostile, adversarial (several separated by ';'), "
      "or empty for no response";
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "s.csv:3:3: relationship_change: got \"much better\", expected " + change,
                       "s.csv:3:4: relationship_ha: got \"friendly\", expected " + ha,
                       "s.csv:4:3: relationship_change: got \"weakened;mixed\", expected one "
                       "code: " +
                           change,
                       "s.csv:4:4: relationship_ha: got \"cooperative\", expected each code once "
                       "per answer"}));
}

TEST(Survey, UnknownQuestionColumnsAreReported) {
  const auto lines = test::input_error_lines([] {
    parse_survey("organisation,respondent,relationship,mood\nA,gp,x,y\n", "s.csv",
                 tpp_survey_scheme());
  });
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].substr(0, 39), "s.csv:1:3: header: got \"relationship\", ");
  EXPECT_EQ(lines[1].substr(0, 31), "s.csv:1:4: header: got \"mood\", ");
}

TEST(Survey, LabelsAndSpellingsAreAcceptedAndNonResponseKeptApart) {
  const auto data = parse_survey(
      "organisation,respondent,relationship_ha\n"
      "A,Site manager,Co-operative\n"
      "B,site_manager,Paternal/dictatorial;collaborative\n"
      "C,site_manager,no_response\n"
      "D,site_manager,\n",
      "s.csv", tpp_survey_scheme());
  const auto tabs = tabulate_survey(data, SurveyGrouping::all, nullptr, "");
  ASSERT_EQ(tabs.size(), 1u);
  const auto& t = tabs[0].tables[0];
  EXPECT_EQ(t.responders, 2);
  EXPECT_EQ(t.non_response, 2);
  EXPECT_EQ(t.categories[0].count, 1);  // paternal
  EXPECT_EQ(t.categories[1].count, 1);  // collaborative
  EXPECT_EQ(t.categories[2].count, 1);  // co-operative, given by its label
  // Several answers: shares of responders may sum to more than 100%.
  EXPECT_DOUBLE_EQ(*t.percent(0) + *t.percent(1) + *t.percent(2), 150.0);
}

TEST(Survey, CrossTabulatedByDevelopmentalType) {
  TypologyRecord a;
  a.organisation = "A";
  a.year = "1997";
  a.met.fill(true);  // type 6
  TypologyRecord b;
  b.organisation = "B";
  b.year = "1997";  // nothing met: type 1
  const std::vector<TypologyRecord> typology = {a, b};
  const auto data = parse_survey(
      "organisation,respondent,relationship_change\n"
      "A,gp,strengthened\nA,ha_lead,strengthened\nB,gp,weakened\nC,gp,mixed\n",
      "s.csv", tpp_survey_scheme());
  const auto tabs = tabulate_survey(data, SurveyGrouping::type, &typology, "");
  EXPECT_EQ(tabs[0].groups, (std::vector<std::string>{"type 1", "type 6", "untyped"}));
  EXPECT_EQ(tabs[0].tables[0].categories[1].count, 1);  // type 1 weakened
  EXPECT_EQ(tabs[0].tables[1].categories[0].count, 2);  // type 6 strengthened
  EXPECT_EQ(tabs[0].tables[2].categories[3].count, 1);  // untyped mixed
}

TEST(Survey, SchemesAreData) {
  const auto scheme = parse_survey_scheme(
      "question,code,label,multiple\n"
      "ppi_purpose,inform,Information-giving,yes\n"
      "ppi_purpose,consult,Consultation,\n"
      "ss_contact,none,No contact,no\n"
      "ss_contact,meetings,A few meetings a year,no\n",
      "scheme.csv");
  ASSERT_EQ(scheme.questions.size(), 2u);
  EXPECT_TRUE(scheme.questions[0].multiple);
  EXPECT_EQ(scheme.questions[1].codes[1].label, "A few meetings a year");
  const auto data =
      parse_survey("organisation,respondent,ss_contact\nA,ss,meetings\n", "s.csv", scheme);
  EXPECT_EQ(data.responses[0].answers[0], (std::vector<std::size_t>{1}));
  const auto lines = test::input_error_lines(
      [] { parse_survey_scheme("question,code\nq,a\nq,A\n,b\n", "scheme.csv"); });
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "scheme.csv:3:2: code: got \"A\", expected a code not already listed for "
                       "question q",
                       "scheme.csv:4:1: question: got \"\", expected a question code"}));
}

}  // namespace
}  // namespace pco

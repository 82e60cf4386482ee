// Reproduces, from the counts printed in Leese & Mahon, "Relationships between the key players
// in primary care groups and trusts: some lessons from total purchasing pilots" (the reading
// relationships-in-total-purchasing-pilots.txt), the percentages printed in its Tables 2, 3
// and 4 and in its text. Counts go through pco's own readers and tabulation: a survey CSV is
// generated from the printed counts and read back. Printed figures are compared to one decimal
// (Tables 3, 4) or to the integer printed (Table 2, text); where a printed figure disagrees
// with its own counts the test says so and checks the correct figure.

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "governance/share.hpp"
#include "governance/survey.hpp"
#include "governance/typology.hpp"

namespace pco {
namespace {

struct Column {
  std::string respondent;
  std::vector<int> counts;  // per code, in the order given to survey_csv
  int no_response = 0;
};

// A survey file with one row per printed response (and an empty cell per non-response).
std::string survey_csv(const std::string& question, const std::vector<std::string>& codes,
                       const std::vector<Column>& columns) {
  std::string text = "organisation,respondent," + question + "\n";
  int row = 0;
  for (const auto& col : columns) {
    for (std::size_t c = 0; c < codes.size(); ++c)
      for (int i = 0; i < col.counts[c]; ++i)
        text += "TPP" + std::to_string(++row) + "," + col.respondent + "," + codes[c] + "\n";
    for (int i = 0; i < col.no_response; ++i)
      text += "TPP" + std::to_string(++row) + "," + col.respondent + ",\n";
  }
  return text;
}

SurveyTabulation tabulate_one(const std::string& text) {
  const auto data = parse_survey(text, "table.csv", tpp_survey_scheme());
  auto tabs = tabulate_survey(data, SurveyGrouping::respondent, nullptr, "");
  EXPECT_EQ(tabs.size(), 1u);
  return tabs.at(0);
}

double pct1(const ShareTable& t, std::size_t category) {
  return round_to(*t.percent(category), 1);
}

TEST(PublishedTables, Table3RelationshipWithTheHealthAuthority) {
  const auto tab = tabulate_one(
      survey_csv("relationship_change", {"strengthened", "weakened", "unchanged", "mixed"},
                 {{"site_manager", {25, 4, 6, 3}, 11}, {"gp", {27, 5, 4, 3}, 11}}));
  ASSERT_EQ(tab.groups, (std::vector<std::string>{"site_manager", "gp"}));
  const auto& site = tab.tables[0];
  const auto& gp = tab.tables[1];
  // "Total responses" in the table is the number of responders; non-response is apart.
  EXPECT_EQ(site.responders, 38);
  EXPECT_EQ(site.non_response, 11);
  EXPECT_EQ(gp.responders, 39);
  EXPECT_EQ(gp.non_response, 11);
  // Printed: 25 (65.8%), 4 (10.5%), 6 (15.8%), 3 (7.9%) -- exact to one decimal.
  EXPECT_DOUBLE_EQ(pct1(site, 0), 65.8);
  EXPECT_DOUBLE_EQ(pct1(site, 1), 10.5);
  EXPECT_DOUBLE_EQ(pct1(site, 2), 15.8);
  EXPECT_DOUBLE_EQ(pct1(site, 3), 7.9);
  EXPECT_EQ(count_with_percent(site.categories[0].count, site.percent(0)), "25 (65.8%)");
  // Printed: 27 (69.2%), 5 (16.7%), 4 (10.3%), 3 (7.7%).
  EXPECT_DOUBLE_EQ(pct1(gp, 0), 69.2);
  EXPECT_DOUBLE_EQ(pct1(gp, 2), 10.3);
  EXPECT_DOUBLE_EQ(pct1(gp, 3), 7.7);
  // Discrepancy in the publication: GP "weakened" is printed as 5 (16.7%), but 5 of the 39
  // GP responders is 12.8% (16.7% would be 5 of 30). pco reports the figure the counts give.
  EXPECT_DOUBLE_EQ(pct1(gp, 1), 12.8);
  EXPECT_NE(pct1(gp, 1), 16.7);
  // The text's rounded figures: "25 (66%) of the site managers and 27 (69%) of the GPs".
  EXPECT_DOUBLE_EQ(round_to(*site.percent(0), 0), 66.0);
  EXPECT_DOUBLE_EQ(round_to(*gp.percent(0), 0), 69.0);
}

TEST(PublishedTables, Table4KeyDecisionMakers) {
  const std::vector<std::string> codes = {"gps", "gps_and_manager", "site_manager",
                                          "no_single_person", "other"};
  const auto tab = tabulate_one(survey_csv("key_individual", codes,
                                           {{"ha_lead", {17, 6, 4, 10, 5}, 7},
                                            {"site_manager", {13, 6, 3, 15, 3}, 9},
                                            {"gp", {13, 6, 7, 11, 0}, 12}}));
  const std::vector<std::pair<int, std::vector<double>>> printed = {
      {42, {40.5, 14.3, 9.5, 23.8, 11.9}},
      {40, {32.5, 15.0, 7.5, 37.5, 7.5}},
      {37, {35.1, 16.2, 18.9, 29.7, 0.0}}};
  const std::vector<int> no_response = {7, 9, 12};
  for (std::size_t g = 0; g < 3; ++g) {
    const auto& t = tab.tables[g];
    EXPECT_EQ(t.responders, printed[g].first) << tab.groups[g];
    EXPECT_EQ(t.non_response, no_response[g]) << tab.groups[g];
    for (std::size_t c = 0; c < codes.size(); ++c)
      EXPECT_DOUBLE_EQ(pct1(t, c), printed[g].second[c]) << tab.groups[g] << " " << codes[c];
  }
  // The GP "Other" cell is printed as a bare 0, as pco prints a zero count.
  EXPECT_EQ(count_with_percent(tab.tables[2].categories[4].count, tab.tables[2].percent(4)), "0");
}

TEST(PublishedTables, Table2TypologyOfTotalPurchasingPilots) {
  // One criteria pattern per type, each classified by pco's rule; repeated by the printed
  // numbers 2, 11, 8, 8, 23, 0 (total 52).
  using Pattern = std::array<bool, kCriterionCount>;
  // stayed, direct, change, shift, links, budget
  const std::vector<std::pair<Pattern, int>> patterns = {
      {{false, false, false, false, false, true}, 2}, {{true, true, false, false, false, true}, 11},
      {{true, false, false, false, true, true}, 8},   {{true, false, true, false, true, true}, 8},
      {{true, true, true, true, true, false}, 23},    {{true, true, true, true, true, true}, 0}};
  std::vector<TypologyRecord> records;
  for (std::size_t t = 0; t < patterns.size(); ++t) {
    for (int i = 0; i < patterns[t].second; ++i) {
      TypologyRecord r;
      r.organisation = "TPP" + std::to_string(records.size() + 1);
      r.year = "1996/97";
      r.met = patterns[t].first;
      EXPECT_EQ(classify(r), static_cast<int>(t) + 1);
      records.push_back(r);
    }
  }
  const auto table = typology_table(records, "1996/97");
  ASSERT_EQ(table.responders, 52);
  const std::vector<int> printed_percent = {4, 21, 15, 15, 44, 0};
  const std::vector<double> one_decimal = {3.8, 21.2, 15.4, 15.4, 44.2, 0.0};
  for (std::size_t t = 0; t < 6; ++t) {
    EXPECT_EQ(table.categories[t].count, patterns[t].second);
    EXPECT_DOUBLE_EQ(round_to(*table.percent(t), 0), printed_percent[t]) << "type " << t + 1;
    EXPECT_DOUBLE_EQ(pct1(table, t), one_decimal[t]) << "type " << t + 1;
  }
  // The printed column sums to 99, not the 100 printed as its total: each figure is rounded
  // on its own (3.8 + 21.2 + 15.4 + 15.4 + 44.2 = 100.0 before rounding).
  double sum = 0;
  for (std::size_t t = 0; t < 6; ++t)
    sum += *table.percent(t);
  EXPECT_NEAR(sum, 100.0, 1e-9);
  // Discrepancy in the text: "31 of the 52 TPPs ... (types 4 and 5) ... representing 59%".
  // 31/52 = 59.6%, which rounds to 60%; the printed 59% is truncated.
  const double types_4_5 =
      100.0 * static_cast<double>(table.categories[3].count + table.categories[4].count) / 52.0;
  EXPECT_DOUBLE_EQ(round_to(types_4_5, 1), 59.6);
  EXPECT_DOUBLE_EQ(round_to(types_4_5, 0), 60.0);
}

TEST(PublishedTables, PercentagesQuotedInTheText) {
  struct Quoted {
    const char* what;
    int count;
    int of;
    double printed;  // as printed, whole percent
  };
  // Each a share quoted in the text as "count (printed %)" with its denominator. The text does
  // not print the denominators of the first four; they are inferred: 42 interviews (as in
  // Table 4's HA column) and 39 HA respondents (29 + the 10 "in conflict").
  const std::vector<Quoted> quoted = {
      {"site managers collaborative/co-operative (of 42, inferred)", 35, 42, 83},
      {"GP leads collaborative/co-operative (of 42, inferred)", 36, 42, 86},
      {"HA respondents collaborative/co-operative (of 39, inferred)", 29, 39, 74},
      {"HA respondents: relationship in conflict (of 39, inferred)", 10, 39, 26},
      {"HA leads: elaboration", 13, 39, 33},
      {"HA leads: TPP a stimulus", 16, 47, 34},
      {"alternative responses of types 4 or 5", 12, 20, 60},
      {"TPPs involving patients, preparatory year", 34, 47, 72},
      {"no attempt to consult, preparatory year", 13, 46, 28},
      {"no attempt to involve, first live year", 9, 45, 20},
  };
  for (const auto& q : quoted) {
    ShareTable t{{{"x", q.what, q.count}}, q.of, 0};
    EXPECT_DOUBLE_EQ(round_to(*t.percent(0), 0), q.printed) << q.what;
  }
  // Discrepancies in the text, checked against the counts rather than the print:
  // "18 of 44 TPPs (40%)": 18/44 = 40.9%, which rounds to 41%, not 40%.
  ShareTable chc_live{{{"chc", "CHC contact, first live year", 18}}, 44, 0};
  EXPECT_DOUBLE_EQ(round_to(*chc_live.percent(0), 1), 40.9);
  EXPECT_DOUBLE_EQ(round_to(*chc_live.percent(0), 0), 41.0);
  // "12 of 41 TPPs, representing 25% of those who responded": 12/41 = 29.3%.
  ShareTable chc_prep{{{"chc", "CHC contact, preparatory year", 12}}, 41, 0};
  EXPECT_DOUBLE_EQ(round_to(*chc_prep.percent(0), 1), 29.3);
  EXPECT_NE(round_to(*chc_prep.percent(0), 0), 25.0);
}

TEST(Share, NobodyRespondedHasNoPercentage) {
  ShareTable t{{{"a", "A", 0}}, 0, 5};
  EXPECT_FALSE(t.percent(0).has_value());
  EXPECT_EQ(count_with_percent(3, std::nullopt), "3 (-)");
}

TEST(Share, RoundingIsHalfAwayFromZeroAsPrinted) {
  EXPECT_DOUBLE_EQ(round_to(0.125 * 100, 0), 13.0);
  EXPECT_DOUBLE_EQ(round_to(100.0 * 3 / 8, 1), 37.5);
  EXPECT_DOUBLE_EQ(round_to(2.675, 2), 2.68);  // 2.67499999... in binary
}

}  // namespace
}  // namespace pco

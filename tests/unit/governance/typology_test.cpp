#include <gtest/gtest.h>

#include "governance/typology.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

TypologyRecord with(std::initializer_list<Criterion> met) {
  TypologyRecord r;
  for (const auto c : met)
    r.met[static_cast<std::size_t>(c)] = true;
  return r;
}

// The documented rule, one case per branch, each stated from the evaluation's description.
TEST(Typology, TheRuleFollowsTheEvaluationsDescriptions) {
  using C = Criterion;
  // 6: every criterion met.
  EXPECT_EQ(classify(with({C::stayed_together, C::purchasing_directly, C::changing_provision,
                           C::shifting_care, C::external_links, C::within_budget})),
            6);
  // 5 "had their own budgets and independent contracts ... change in secondary as well as
  // primary care", even when over budget.
  EXPECT_EQ(classify(with({C::purchasing_directly, C::changing_provision, C::shifting_care})), 5);
  // 4 "developing services within primary care, but had not made any changes in secondary
  // care ... either co-purchasing or had independent contracts".
  EXPECT_EQ(classify(with({C::changing_provision, C::external_links})), 4);
  EXPECT_EQ(classify(with({C::purchasing_directly, C::changing_provision})), 4);
  EXPECT_EQ(classify(with({C::shifting_care})), 4);
  // 3 "did not hold a budget or purchase directly, but were attempting to change HA
  // purchasing".
  EXPECT_EQ(classify(with({C::stayed_together, C::external_links, C::within_budget})), 3);
  // 2 "at a preparatory stage": together and in budget, no change yet.
  EXPECT_EQ(classify(with({C::stayed_together, C::purchasing_directly, C::within_budget})), 2);
  EXPECT_EQ(classify(with({C::stayed_together, C::within_budget})), 2);
  // 1 "had not achieved any changes", and not holding together within budget.
  EXPECT_EQ(classify(with({C::stayed_together})), 1);
  EXPECT_EQ(classify(with({})), 1);
}

TEST(Typology, ReaderTakesWithinBudgetFromOutturnAndCountsByYear) {
  const auto records = parse_typology(
      "organisation,year,stayed_together,purchasing_directly,changing_provision,shifting_care,"
      "external_links,within_budget,budget,outturn,type\n"
      "A,1997,yes,yes,yes,yes,yes,,100,100,6\n"
      "B,1997,Y,N,N,N,y,,100,100.5,\n"
      "A,1998,true,1,1,1,1,no,,,5\n",
      "t.csv");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_TRUE(records[0].has(Criterion::within_budget));   // outturn = budget
  EXPECT_FALSE(records[1].has(Criterion::within_budget));  // overspent by 0.5
  EXPECT_EQ(classify(records[0]), 6);
  EXPECT_EQ(classify(records[1]), 3);
  EXPECT_EQ(records[2].recorded_type, 5);
  const auto t1997 = typology_table(records, "1997");
  EXPECT_EQ(t1997.responders, 2);
  EXPECT_EQ(t1997.categories[2].count, 1);
  EXPECT_DOUBLE_EQ(*t1997.percent(5), 50.0);
  EXPECT_EQ(typology_table(records, "").responders, 3);
  EXPECT_EQ(type_of(records, "A", ""), 5);  // latest year
  EXPECT_EQ(type_of(records, "A", "1997"), 6);
  EXPECT_FALSE(type_of(records, "Z", "").has_value());
}

TEST(Typology, EveryBadValueIsReported) {
  const auto lines = test::input_error_lines([] {
    parse_typology(
        "organisation,year,stayed_together,purchasing_directly,changing_provision,shifting_care,"
        "external_links,within_budget,type\n"
        "A,1997,maybe,yes,yes,yes,yes,yes,\n"
        "A,1997,yes,yes,yes,yes,yes,,9\n"
        "A,1997,yes,yes,yes,yes,yes,yes,\n"
        "A,1997,yes,yes,yes,yes,yes,yes,\n",
        "t.csv");
  });
  EXPECT_EQ(lines,
            (std::vector<std::string>{
                "t.csv:2:3: stayed_together: got \"maybe\", expected yes or no",
                "t.csv:3:8: within_budget: got \"\", expected yes or no (or empty with budget "
                "and outturn columns)",
                "t.csv:3:9: type: got \"9\", expected a number from 1 to 6",
                "t.csv:5:1: organisation: got \"A\", expected one row per organisation and year "
                "(1997 repeated)"}));
}

}  // namespace
}  // namespace pco

// Every rule of docs/report.md "How numbers are written", one table per function.
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "core/number_format.hpp"

namespace pco {
namespace {

const std::string kMinus = "\u2212";

TEST(NumberFormat, MoneyUsesAUnitThatFitsItsSizeWithThreeFigures) {
  const std::vector<std::pair<double, std::string>> cases = {
      {0, "£0"},
      {0.4, "£0"},
      {950, "£950"},
      {9'876, "£9,876"},
      {12'345, "£12.3k"},
      {123'456, "£123k"},
      {999'999, "£1.00m"},  // rounding moves up a unit rather than "£1,000k"
      {1'234'567, "£1.23m"},
      {45'600'000, "£45.6m"},
      {193'383'993, "£193m"},
      {1'234'000'000, "£1.23bn"},
      {15'440'000'000, "£15.4bn"},
      {-1'234'567, kMinus + "£1.23m"},
  };
  for (const auto& [value, text] : cases)
    EXPECT_EQ(money(value), text) << value;
  EXPECT_EQ(money_pence(1'544'000'000'000), "£15.4bn");
}

TEST(NumberFormat, MoneyChangeIsAlwaysSigned) {
  EXPECT_EQ(money_change(1'234'567), "+£1.23m");
  EXPECT_EQ(money_change(-450'000), kMinus + "£450k");
  EXPECT_EQ(money_change(0.2), "£0");
}

TEST(NumberFormat, ExactMoneyHasThousandsSeparators) {
  EXPECT_EQ(money_exact(193'383'993.4), "£193,383,993");
  EXPECT_EQ(money_exact(-1'000), kMinus + "£1,000");
}

TEST(NumberFormat, AColumnOfMoneyHasOneUnit) {
  EXPECT_EQ(money_unit_for(193e6), "£m");
  EXPECT_EQ(money_unit_for(15.4e9), "£bn");
  EXPECT_EQ(money_unit_for(250'000), "£k");
  EXPECT_EQ(money_unit_for(900), "£");
  EXPECT_EQ(money_in_unit(193'383'993, "£m"), "193.38");
  EXPECT_EQ(money_in_unit(1'234'567'890'123, "£m", 1), "1,234,567.9");
  EXPECT_EQ(money_in_unit(-2'500'000, "£m", 1), kMinus + "2.5");
  EXPECT_EQ(money_in_unit(-1'000, "£m", 1), "0.0");  // no "−0.0"
}

TEST(NumberFormat, ProbabilitiesNeverUseScientificNotation) {
  const std::vector<std::pair<double, std::string>> cases = {
      {3.2e-05, "< 0.1%"}, {0.0, "< 0.1%"},  {0.0004, "< 0.1%"}, {0.0005, "0.1%"},
      {0.004, "0.4%"},     {0.023, "2.3%"},  {0.5086, "50.9%"},  {0.9994, "99.9%"},
      {0.9996, "> 99.9%"}, {1.0, "> 99.9%"},
  };
  for (const auto& [p, text] : cases)
    EXPECT_EQ(probability(p), text) << p;
  EXPECT_EQ(probability(0.0, true), "0%");
  EXPECT_EQ(probability(1.0, true), "100%");
  EXPECT_EQ(probability_with_se(0.023, 0.0041), "2.3% ± 0.4");
  EXPECT_EQ(probability_with_se(0.99999, 0.00001), "> 99.9%");
}

TEST(NumberFormat, PercentagesHaveFixedDecimalsAndAnOptionalSign) {
  EXPECT_EQ(percent(0.0412), "4.1%");
  EXPECT_EQ(percent(0.0412, 2), "4.12%");
  EXPECT_EQ(percent(-0.041, 1, true), kMinus + "4.1%");
  EXPECT_EQ(percent(0.041, 1, true), "+4.1%");
  EXPECT_EQ(percent(-0.00001, 1, true), "0.0%");  // rounds to zero: no sign
  EXPECT_EQ(percent_value(-4.12), kMinus + "4.1%");
  EXPECT_EQ(percent_value(1234.6, 0), "1,235%");
}

TEST(NumberFormat, CountsAndPeople) {
  EXPECT_EQ(count(13'644'747), "13,644,747");
  EXPECT_EQ(count(-1'500), kMinus + "1,500");
  EXPECT_EQ(count(0), "0");
  EXPECT_EQ(people(950), "950");
  EXPECT_EQ(people(12'345), "12,345");
  EXPECT_EQ(people(177'216), "177k");
  EXPECT_EQ(people(13'644'747), "13.6m");
  EXPECT_EQ(fixed(1234.5, 2), "1,234.50");
  EXPECT_EQ(fixed(-0.001, 2), "0.00");
  EXPECT_EQ(plain_number(2e6), "2,000,000");
  EXPECT_EQ(plain_number(0.0015), "0.0015");
  EXPECT_EQ(plain_number(2.5), "2.5");
}

TEST(NumberFormat, IdentifiersBecomeLabels) {
  EXPECT_EQ(human_label("general_and_acute"), "General and acute");
  EXPECT_EQ(human_label("rare_costly"), "Rare costly");
  EXPECT_EQ(human_label("simulation-years"), "Simulation years");
  EXPECT_EQ(human_label("SO001"), "SO001");
  EXPECT_EQ(human_label("ae"), "A&E");
  EXPECT_EQ(human_label("non_elective"), "Non-elective");
}

}  // namespace
}  // namespace pco

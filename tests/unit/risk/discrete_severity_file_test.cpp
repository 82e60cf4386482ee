#include <gtest/gtest.h>

#include "risk/discrete_severity_file.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

TEST(DiscreteSeverityFile, ReadsValuesAndProbabilities) {
  const auto s = read_discrete_severity(test::test_data("risk/example_9_10.csv"));
  EXPECT_NEAR(s.mean(), 44.0 / 30, 1e-15);
  EXPECT_NEAR(s.cdf(1.5), 19.0 / 30, 1e-15);
  // Alternative headings and quoted fields.
  const auto t = parse_discrete_severity("t.csv", "Price,P\n\"1250.5\",0.25\n900,0.75\n");
  EXPECT_NEAR(t.mean(), 0.25 * 1250.5 + 0.75 * 900, 1e-9);
}

TEST(DiscreteSeverityFile, ListsEveryProblemWithItsPlace) {
  const auto lines = test::input_error_lines(
      [] { parse_discrete_severity("s.csv", "value,probability\n1,0.5\nx,0.2\n3,-1\n4\n"); });
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "s.csv:3:1: value: got \"x\", expected a cost of 0 or more");
  EXPECT_EQ(lines[1], "s.csv:4:2: probability: got \"-1\", expected a number from 0 to 1");
  EXPECT_NE(lines[2].find("s.csv:5"), std::string::npos) << lines[2];
}

TEST(DiscreteSeverityFile, SumsEmptyFilesAndWrongHeaders) {
  const auto sum = test::input_error_lines(
      [] { parse_discrete_severity("s.csv", "value,probability\n1,0.5\n2,0.4\n"); });
  ASSERT_EQ(sum.size(), 1u);
  EXPECT_EQ(sum[0],
            "s.csv: probability: got \"sum 0.9\", expected probabilities summing to 1 (within "
            "1e-9)");
  EXPECT_EQ(test::input_error_lines([] { parse_discrete_severity("e.csv", ""); }).size(), 1u);
  EXPECT_EQ(test::input_error_lines([] {
              parse_discrete_severity("h.csv", "value,probability\n");
            }).size(),
            1u);
  const auto header =
      test::input_error_lines([] { parse_discrete_severity("w.csv", "a,b\n1,1\n"); });
  ASSERT_EQ(header.size(), 1u);
  EXPECT_NE(header[0].find("value (or cost, amount, price)"), std::string::npos) << header[0];
}

}  // namespace
}  // namespace pco

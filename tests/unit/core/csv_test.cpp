#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace pco {
namespace {

std::vector<CsvRecord> parse_all(std::string_view text, DiagnosticList& problems) {
  CsvParser parser(text, "t.csv", problems);
  std::vector<CsvRecord> out;
  CsvRecord r;
  while (parser.next(r))
    out.push_back(r);
  return out;
}

TEST(CsvParser, QuotedFieldsCommasEscapesAndLineEndings) {
  DiagnosticList problems;
  const auto records =
      parse_all("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\r\nx,\"multi\nline\",z\n", problems);
  ASSERT_TRUE(problems.empty());
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(records[0].line, 1u);
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"x", "multi\nline", "z"}));
  EXPECT_EQ(records[1].line, 3u);
}

TEST(CsvParser, EmptyTrailingFieldIsKept) {
  DiagnosticList problems;
  const auto records = parse_all("a,b,\n", problems);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields.size(), 3u);
}

TEST(CsvParser, UnterminatedQuoteIsReportedWithItsLine) {
  DiagnosticList problems;
  parse_all("a,b\nc,\"open\n", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems.items()[0].to_string(),
            "t.csv:2:2: got \"open\\x0a\", expected a closing double quote before the end of "
            "the file");
}

TEST(CsvParser, TextAfterClosingQuoteIsReported) {
  DiagnosticList problems;
  parse_all("\"a\"x,b\n", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems.items()[0].to_string(),
            "t.csv:1:1: got \"x\", expected a comma or end of line after a closing double quote");
}

TEST(ParseNumbers, IntegersAndDoubles) {
  EXPECT_EQ(parse_int(" 42 "), 42);
  EXPECT_EQ(parse_int("+7"), 7);
  EXPECT_FALSE(parse_int("4x"));
  EXPECT_FALSE(parse_int(""));
  EXPECT_FALSE(parse_int("99999999999999999999"));
  EXPECT_DOUBLE_EQ(*parse_double("-0.5"), -0.5);
  EXPECT_FALSE(parse_double("nan"));
  EXPECT_FALSE(parse_double("inf"));
}

}  // namespace
}  // namespace pco

#include <gtest/gtest.h>

#include "core/text.hpp"
#include "readers/population_file.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

constexpr const char* kTotalsHeader =
    "PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,SEX,AGE,"
    "NUMBER_OF_PATIENTS\n";
constexpr const char* kSubIcbHeader =
    "PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,CODE,POSTCODE,"
    "SEX,AGE,NUMBER_OF_PATIENTS\n";
constexpr const char* kQuinaryHeader =
    "PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,ONS_CODE,POSTCODE,SEX,AGE_GROUP_5,"
    "NUMBER_OF_PATIENTS\n";

PopulationSource parse(const std::string& text) {
  return read_population({TextFile{"p.csv", decode_to_utf8(text)}});
}

std::vector<std::string> errors(const std::string& text) {
  return test::input_error_lines([&] { parse(text); });
}

TEST(NhsRegistered, TotalsFileSpreadsEachPracticeAndKeepsTheCcg) {
  const auto s =
      parse(std::string(kTotalsHeader) +
            "GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E38000130,A84002,NE65 7UW,ALL,ALL,5903\n"
            "GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E38000130,A84003,NE63 9UT,ALL,ALL,14738\n");
  EXPECT_EQ(s.format, PopulationFormat::nhs_registered);
  ASSERT_EQ(s.population.size(), 2u);
  EXPECT_EQ(s.population.total_patients(), 5903 + 14738);
  EXPECT_EQ(s.population.practices()[0].list_size(), 5903);
  EXPECT_TRUE(s.population.practices()[0].imputed_structure);
  EXPECT_EQ(s.population.practices()[0].postcode, "NE65 7UW");
  EXPECT_EQ(s.population.extract_date, "2021-01-01");
  ASSERT_TRUE(s.embedded_mapping);
  EXPECT_EQ(s.embedded_mapping->levels, std::vector<std::string>{"ccg"});
  EXPECT_EQ(s.embedded_mapping->rows[1].orgs[0].code, "00L");
}

TEST(NhsRegistered, SubIcbHeaderVariantAndIsoDate) {
  const auto s =
      parse(std::string(kSubIcbHeader) +
            "GP_PRAC_PAT_LIST,2026-04-01,GP,00L,E38000130,A84002,NE65 7UW,ALL,ALL,100\n");
  EXPECT_EQ(s.population.extract_date, "2026-04-01");
  ASSERT_TRUE(s.embedded_mapping);
  EXPECT_EQ(s.embedded_mapping->levels, std::vector<std::string>{"sub_icb"});
}

TEST(NhsRegistered, QuinaryFileKeepsGpRowsAndChecksTotals) {
  std::string text = kQuinaryHeader;
  text += "GP_PRAC_PAT_LIST,01SEP2017,CCG,03R,,,ALL,ALL,999999\n";
  text += "GP_PRAC_PAT_LIST,01SEP2017,GP,B85010,,HD5 8DY,ALL,ALL,30\n";
  text += "GP_PRAC_PAT_LIST,01SEP2017,GP,B85010,,HD5 8DY,FEMALE,0_4,10\n";
  text += "GP_PRAC_PAT_LIST,01SEP2017,GP,B85010,,HD5 8DY,MALE,95+,15\n";
  text += "GP_PRAC_PAT_LIST,01SEP2017,GP,B85010,,HD5 8DY,MALE,ALL,15\n";
  text += "GP_PRAC_PAT_LIST,01SEP2017,GP,B85010,,HD5 8DY,FEMALE,90_94,5\n";
  const auto s = parse(text);
  ASSERT_EQ(s.population.size(), 1u);
  const auto& p = s.population.practices()[0];
  EXPECT_FALSE(p.imputed_structure);
  EXPECT_EQ(p.counts[cell_index(Sex::female, 0)], 10);
  EXPECT_EQ(p.counts[cell_index(Sex::male, 19)], 15);
  EXPECT_EQ(p.counts[cell_index(Sex::female, 18)], 5);
  EXPECT_EQ(p.list_size(), 30);
  EXPECT_EQ(s.notes.front(),
            "1 rows for organisations other than practices (ORG_TYPE not GP) were skipped");
}

TEST(NhsRegistered, SingleYearMaleAndFemaleFilesCombine) {
  const std::string header =
      "PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,ORG_CODE,POSTCODE,SEX,AGE,"
      "NUMBER_OF_PATIENTS\n";
  const std::string male = header +
                           "GP_PRAC_PAT_LIST,01Jan2022,GP,00L,E38000130,A1,X1 1AA,MALE,0,3\n"
                           "GP_PRAC_PAT_LIST,01Jan2022,GP,00L,E38000130,A1,X1 1AA,MALE,4,2\n"
                           "GP_PRAC_PAT_LIST,01Jan2022,GP,00L,E38000130,A1,X1 1AA,MALE,95+,1\n";
  const std::string female =
      header + "GP_PRAC_PAT_LIST,01Jan2022,GP,00L,E38000130,A1,X1 1AA,FEMALE,7,4\n";
  const auto s = read_population({{"m.csv", male}, {"f.csv", female}});
  ASSERT_EQ(s.population.size(), 1u);
  const auto& p = s.population.practices()[0];
  EXPECT_EQ(p.counts[cell_index(Sex::male, 0)], 5);
  EXPECT_EQ(p.counts[cell_index(Sex::male, 19)], 1);
  EXPECT_EQ(p.counts[cell_index(Sex::female, 1)], 4);
  EXPECT_EQ(s.population.extract_date, "2022-01-01");
}

TEST(NhsRegistered, EveryExtractDateStyle) {
  for (const auto& [text, iso] :
       std::vector<std::pair<std::string, std::string>>{{"01JAN2021", "2021-01-01"},
                                                        {"01-Sep-20", "2020-09-01"},
                                                        {"01Jan2022", "2022-01-01"},
                                                        {"2026-04-01", "2026-04-01"}}) {
    const auto s = parse(std::string(kTotalsHeader) + "GP_PRAC_PAT_LIST," + text +
                         ",GP,00L,E1,A1,X1,ALL,ALL,5\n");
    EXPECT_EQ(s.population.extract_date, iso) << text;
  }
}

TEST(NhsRegistered, Latin1AndBomInputWork) {
  const std::string bom = "\xEF\xBB\xBF";
  const auto s =
      parse(bom + kTotalsHeader + "GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E1,A1,X1,ALL,ALL,5\n");
  EXPECT_EQ(s.population.size(), 1u);
  // A Latin-1 e-acute in a postcode-like field decodes to UTF-8 rather than failing.
  const auto latin = parse(std::string(kTotalsHeader) +
                           "GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E1,A1,Caf\xE9,ALL,ALL,5\n");
  EXPECT_EQ(latin.population.practices()[0].postcode, "Caf\xC3\xA9");
}

TEST(NhsRegistered, ZeroListsAreExcludedExplicitly) {
  const auto s = parse(std::string(kTotalsHeader) +
                       "GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E1,A1,X1,ALL,ALL,0\n"
                       "GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E1,A2,X1,ALL,ALL,7\n");
  EXPECT_EQ(s.population.size(), 1u);
  ASSERT_EQ(s.population.excluded.size(), 1u);
  EXPECT_EQ(s.population.excluded[0].code, "A1");
  EXPECT_EQ(s.population.excluded[0].reason, "registered list of 0 patients");
}

TEST(NhsRegistered, MalformedRowsAreAllReportedWithExactMessages) {
  const auto lines = errors(std::string(kTotalsHeader) +
                            "GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E1,A1,X1,ALL,ALL,12\n"
                            "GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E1,A2,X1,ALL\n"
                            "GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E1,A3,X1,ALL,ALL,many\n"
                            "GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E1,A4,X1,ALL,ALL,-3\n"
                            "GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E1,A5,X1,BOTH,ALL,3\n"
                            "GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E1,A6,X1,ALL,ELDERLY,3\n"
                            "GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E1,A1,X1,ALL,ALL,12\n"
                            "GP_PRAC_PAT_LIST,31FEB2021,GP,00L,E1,A7,X1,ALL,ALL,1\n");
  EXPECT_EQ(
      lines,
      (std::vector<std::string>{
          "p.csv:3: got \"GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E1,A2,X1,ALL\", expected 10 "
          "comma-separated fields, found 8",
          "p.csv:4:10: NUMBER_OF_PATIENTS: got \"many\", expected a whole number of 0 or more",
          "p.csv:5:10: NUMBER_OF_PATIENTS: got \"-3\", expected a whole number of 0 or more",
          "p.csv:6:8: SEX: got \"BOTH\", expected MALE, FEMALE or ALL",
          "p.csv:7:9: AGE: got \"ELDERLY\", expected an age 0 ... 94, 95+ or ALL",
          "p.csv:8:6: CODE: got \"A1\", expected one row per practice, sex and age (this "
          "one repeats p.csv:2)",
          "p.csv:9:2: EXTRACT_DATE: got \"31FEB2021\", expected a date like 01JAN2021, "
          "01-Sep-20, 01Jan2022 or 2026-04-01",
      }));
}

TEST(NhsRegistered, TotalThatDisagreesWithCellsIsReported) {
  const auto lines = errors(std::string(kQuinaryHeader) +
                            "GP_PRAC_PAT_LIST,01SEP2017,GP,B1,,X,ALL,ALL,31\n"
                            "GP_PRAC_PAT_LIST,01SEP2017,GP,B1,,X,FEMALE,0_4,30\n");
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "p.csv:2: NUMBER_OF_PATIENTS: got \"31\", expected the sum of practice "
                       "B1's age-sex rows (30)"}));
}

TEST(NhsRegistered, TruncatedLastLineIsReported) {
  // The file ends in the middle of a row, as a partial download would.
  const auto lines = errors(std::string(kTotalsHeader) +
                            "GP_PRAC_PAT_LIST,01JAN2021,GP,00L,E1,A1,X1,ALL,ALL,12\n"
                            "GP_PRAC_PAT_LIST,01JAN2021,GP,00");
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "p.csv:3: got \"GP_PRAC_PAT_LIST,01JAN2021,GP,00\", expected 10 "
                       "comma-separated fields, found 4"}));
}

TEST(NhsRegistered, HeaderWithoutCountsIsReportedOnce) {
  const auto lines = test::input_error_lines([] {
    parse_nhs_registered({{"p.csv", "PUBLICATION,CODE,SEX,AGE\nX,A1,ALL,ALL\n"}});
  });
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "p.csv:1: header: got \"PUBLICATION,CODE,SEX,AGE\", expected a column "
                       "named NUMBER_OF_PATIENTS"}));
}

TEST(PopulationFile, EmptyFileAndBinaryGarbageAreReported) {
  EXPECT_EQ(errors(""), (std::vector<std::string>{
                            "p.csv:1: header: got \"\", expected the header of an NHS Digital "
                            "registered-patients file (...,SEX,...,NUMBER_OF_PATIENTS), a "
                            "list-size file (Practice Code,Male 0-4,...), NHS England's "
                            "weighted populations (Practice_Code,...,Final WP,...) or a plain "
                            "file (practice,sex,age_band,count)"}));
  const std::string garbage("\x00\xff\x13\x88PK\x03\x04\x00\x00", 10);
  const auto lines = errors(garbage);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].substr(0, 40), "p.csv:1: header: got \"\\x00\xC3\xBF\\x13\xCB\x86PK\\x03");
}

}  // namespace
}  // namespace pco

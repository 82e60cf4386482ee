#include <gtest/gtest.h>

#include "model/reference_profile.hpp"
#include "readers/population_file.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

const std::string kHeader =
    "Regional Office Name,Regional Office Code,Area Team Name,Area Team Code,PCO Name,PCO "
    "Code,Practice Name,Practice Code,Male 0-4,Female 0-4,Male 5-14,Female 5-14,Male "
    "15-24,Female 15-24,Male 25-34,Female 25-34,Male 35-44,Female 35-44,Male 45-54,Female "
    "45-54,Male 55-64,Female 55-64,Male 65-74,Female 65-74,Male 75+,Female 75+\n";

std::string row(const std::string& code, const std::string& counts) {
  return "EASTERN,Y09,EAST OF ENGLAND,Q35,BEDFORDSHIRE,5P200,THE SURGERY," + code + "," + counts +
         "\n";
}

const std::string kCounts = "10,11,20,21,30,31,40,41,50,51,60,61,70,71,80,81,90,91";

PopulationSource parse(const std::string& text) {
  return read_population({TextFile{"l.csv", text}});
}

TEST(ListSize9Band, SpreadsBandsExactlyAndKeepsTheTree) {
  const auto s = parse(kHeader + row("E81001", kCounts) +
                       row("Y00001", "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0"));
  EXPECT_EQ(s.format, PopulationFormat::list_size_9band);
  ASSERT_EQ(s.population.size(), 1u);
  const auto& p = s.population.practices()[0];
  EXPECT_TRUE(p.imputed_structure);
  EXPECT_EQ(p.name, "THE SURGERY");
  // Each coarse band's count is preserved exactly by the spread.
  EXPECT_EQ(p.counts[cell_index(Sex::male, 1)] + p.counts[cell_index(Sex::male, 2)], 20);
  std::int64_t female_75_plus = 0;
  for (int b = 15; b < kAgeBands; ++b)
    female_75_plus += p.counts[cell_index(Sex::female, b)];
  EXPECT_EQ(female_75_plus, 91);
  EXPECT_EQ(p.list_size(), 909);
  ASSERT_EQ(s.population.excluded.size(), 1u);
  EXPECT_EQ(s.population.excluded[0].code, "Y00001");
  ASSERT_TRUE(s.embedded_mapping);
  EXPECT_EQ(s.embedded_mapping->levels, (std::vector<std::string>{"pco", "area_team", "region"}));
  EXPECT_EQ(s.embedded_mapping->rows[0].orgs[0].code, "5P200");
  EXPECT_EQ(s.embedded_mapping->rows[0].orgs[0].name, "BEDFORDSHIRE");
}

TEST(ListSize9Band, MalformedRowsAreAllReported) {
  const auto lines = test::input_error_lines([&] {
    parse(kHeader + row("E1", kCounts) + row("E2", "1,2,3") +
          row("E3", "10,11,20,21,30,31,40,41,50,51,60,61,70,71,80,81,90,x") +
          row("E4", "10,11,20,21,30,31,40,41,50,51,60,61,70,71,80,81,90,-1") + row("E1", kCounts) +
          row("", kCounts));
  });
  EXPECT_EQ(lines,
            (std::vector<std::string>{
                "l.csv:3: got \"EASTERN,Y09,EAST OF ENGLAND,Q35,BEDFORDSHIRE,5P200,THE "
                "SURGERY,E2,1,2,3\", expected 26 comma-separated fields, found 11",
                "l.csv:4:26: Female 75+: got \"x\", expected a whole number of 0 or more",
                "l.csv:5:26: Female 75+: got \"-1\", expected a whole number of 0 or more",
                "l.csv:6:8: Practice Code: got \"E1\", expected each practice once (first at "
                "line 2)",
                "l.csv:7:8: Practice Code: got \"\", expected a practice code"}));
}

TEST(ListSize9Band, MissingColumnsAreListedTogether) {
  const auto lines = test::input_error_lines([] {
    parse_list_size_9band({"l.csv", "Practice Code,Male 0-4,Female 0-4\nA,1,2\n"});
  });
  ASSERT_EQ(lines.size(), 20u);  // name, 3 org codes and 16 of the 18 band columns
  EXPECT_EQ(lines[0],
            "l.csv:1: header: got \"Practice Code,Male 0-4,Female 0-4\", expected a column named "
            "Practice Name");
}

TEST(ListSize9Band, HeaderOnlyFileIsReported) {
  const auto lines = test::input_error_lines([] { parse(kHeader); });
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "l.csv: got \"\", expected at least one practice row after the header"}));
}

TEST(PlainCells, ReadsCellsAndReportsBadRows) {
  const auto s = read_population({{"c.csv",
                                   "practice,sex,age_band,count,name\n"
                                   "P1,M,0-4,10,First\nP1,F,95+,3,First\nP2,female,40-44,7,\n"}});
  ASSERT_EQ(s.population.size(), 2u);
  EXPECT_FALSE(s.population.practices()[0].imputed_structure);
  EXPECT_EQ(s.population.practices()[0].name, "First");
  EXPECT_EQ(s.population.practices()[0].counts[cell_index(Sex::female, 19)], 3);
  EXPECT_EQ(s.population.practices()[1].counts[cell_index(Sex::female, 8)], 7);

  const auto lines = test::input_error_lines([] {
    read_population({{"c.csv",
                      "practice,sex,age_band,count\nP1,M,0-4,10\nP1,X,0-4,1\nP1,M,0-5,1\n"
                      "P1,M,5-9,1.5\nP1,M,0-4,2\nP1,M\n"}});
  });
  EXPECT_EQ(lines,
            (std::vector<std::string>{
                "c.csv:3:2: sex: got \"X\", expected M, F, male or female",
                "c.csv:4:3: age_band: got \"0-5\", expected an age band 0-4, 5-9, ..., 90-94 or "
                "95+",
                "c.csv:5:4: count: got \"1.5\", expected a whole number of 0 or more",
                "c.csv:6:1: practice: got \"P1\", expected one row per practice and age-sex cell "
                "(male 0-4 repeats line 2)",
                "c.csv:7: got \"P1,M\", expected 4 comma-separated fields, found 2"}));
}

TEST(ReferenceProfile, SumsToTheNational2013ListAndSpreadsExactly) {
  double sum = 0;
  for (const double v : national_reference_profile())
    sum += v;
  EXPECT_NEAR(sum, 56025327.0, 1e-6);
  for (const std::int64_t n : {0LL, 1LL, 7LL, 5903LL, 89786LL}) {
    EXPECT_EQ(total(spread_total(n)), n);
  }
  // Largest remainder: 3 people over weights 1,1,1,1 go to the first three cells.
  CellValues w{};
  w.fill(1.0);
  CellCounts out{};
  spread_count(3, 0, 3, w, out);
  EXPECT_EQ(out[0] + out[1] + out[2] + out[3], 3);
  EXPECT_EQ(out[3], 0);
}

}  // namespace
}  // namespace pco

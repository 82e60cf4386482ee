#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scratch_dir.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

using PopulationCli = test::ScratchDirTest;

TEST_F(PopulationCli, PlainFilesGiveTheDocumentedJson) {
  const auto practices = write("p.csv",
                               "practice,sex,age_band,count\nP1,M,0-4,60\nP1,F,85-89,40\n"
                               "P2,F,65-69,300\nP3,M,30-34,50\n");
  const auto map = write("m.csv", "practice,org,parent_org\nP1,O1,R1\nP2,O1,R1\nP3,O2,R1\n");
  const auto r = test::run_cli("population --practices " + practices + " --map " + map +
                               " --level organisation --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["level"], "organisation");
  ASSERT_EQ(json["organisations"].size(), 2u);
  const auto& o1 = json["organisations"][0];
  EXPECT_EQ(o1["code"], "O1");
  EXPECT_EQ(o1["practices"], 2);
  EXPECT_EQ(o1["population"], 400);
  EXPECT_DOUBLE_EQ(o1["pct_65_plus"].get<double>(), 85.0);  // (40 + 300) / 400
  EXPECT_DOUBLE_EQ(o1["pct_85_plus"].get<double>(), 10.0);
  EXPECT_EQ(o1["min_list"], 100);
  EXPECT_EQ(o1["max_list"], 300);
  EXPECT_EQ(json["total"]["practices"], 3);
  EXPECT_EQ(json["total"]["population"], 450);
}

TEST_F(PopulationCli, CsvAndTableFormats) {
  const auto practices = write("p.csv", "practice,sex,age_band,count\nP1,M,0-4,1000\n");
  const auto map = write("m.csv", "practice,org\nP1,O1\n");
  const auto csv =
      test::run_cli("population --practices " + practices + " --map " + map + " --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out,
            "code,name,parent,practices,population,pct_65_plus,pct_85_plus,min_list,max_list,"
            "imputed\nO1,O1,,1,1000,0.00,0.00,1000,1000,0\n");
  const auto table = test::run_cli("population --practices " + practices + " --map " + map);
  ASSERT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("All organisations"), std::string::npos);
  EXPECT_NE(table.out.find("1,000"), std::string::npos);
}

TEST_F(PopulationCli, BadDataExitsTwoListingEveryProblemAndWritesNothing) {
  const auto practices = write("p.csv", "practice,sex,age_band,count\nP1,M,0-4,x\nP2,Q,0-4,1\n");
  const auto out = (dir_ / "out.json").string();
  const auto r = test::run_cli("population --practices " + practices + " --out " + out);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: 2 problems in the input:\n" + practices +
                       ":2:4: count: got \"x\", expected a whole number of 0 or more\n" +
                       practices + ":3:2: sex: got \"Q\", expected M, F, male or female\n");
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(out + ".partial"));
}

TEST_F(PopulationCli, UsageErrorsExitTwo) {
  const auto practices = write("p.csv", "practice,sex,age_band,count\nP1,M,0-4,3\n");
  const auto map = write("m.csv", "practice,org\nP1,O1\n");
  EXPECT_EQ(test::run_cli("population").exit_code, 2);
  const auto level =
      test::run_cli("population --practices " + practices + " --map " + map + " --level ccg");
  EXPECT_EQ(level.exit_code, 2);
  EXPECT_EQ(level.err, "error: unknown level \"ccg\"; this configuration has: organisation\n");
  EXPECT_EQ(test::run_cli("population --practices /nonexistent.csv").exit_code, 2);
  EXPECT_EQ(test::run_cli("population --practices " + practices + " --format xml").exit_code, 2);
  const auto no_map = test::run_cli("population --practices " + practices);
  EXPECT_EQ(no_map.exit_code, 2);
  EXPECT_EQ(no_map.err,
            "error: the population file names no organisations; give [configuration] map = FILE "
            "(or --map FILE)\n");
}

TEST_F(PopulationCli, UnwritableOutputExitsThree) {
  const auto practices = write("p.csv", "practice,sex,age_band,count\nP1,M,0-4,3\n");
  const auto map = write("m.csv", "practice,org\nP1,O1\n");
  const auto r = test::run_cli("population --practices " + practices + " --map " + map +
                               " --out /proc/pco-cannot-write/x.json");
  EXPECT_EQ(r.exit_code, 3);
}

TEST(Cli, HelpAndVersionExitZero) {
  const auto help = test::run_cli("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("population"), std::string::npos);
  EXPECT_EQ(test::run_cli("population --help").exit_code, 0);
  EXPECT_EQ(test::run_cli("--version").exit_code, 0);
  EXPECT_EQ(test::run_cli("no-such-command").exit_code, 2);
}

}  // namespace
}  // namespace pco

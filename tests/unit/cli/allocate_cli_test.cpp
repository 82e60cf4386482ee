#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace pco {
namespace {

class AllocateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("pco_allocate_cli_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    write("p.csv",
          "practice,sex,age_band,count\nP1,M,0-4,100\nP2,F,75-79,100\nP3,M,30-34,200\n"
          "P4,F,40-44,100\n");
    write("m.csv", "practice,org,parent_org\nP1,O1,R1\nP2,O1,R1\nP3,O2,R1\nP4,O3,R1\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

const char* const kScenario = R"(schema_version = 1
[population]
files = ["p.csv"]
[configuration]
map = "m.csv"
[formula]
quantum_pence = 1000000
[[formula.component]]
name = "hospital"
share = 0.7
weights = "flat"
[[formula.component]]
name = "prescribing"
share = 0.3
weights = "astro_pu_2013"
ring_fenced = true
[pace]
baseline_file = "baseline.csv"
growth = 0.04
years = 2
floor = 0.02
[[pool]]
name = "Intermediate care"
[[pool.partner]]
name = "O1"
contribution_pence = 20000
[[pool.partner]]
name = "Social services"
contribution_pence = 30000
)";

TEST_F(AllocateCli, ScenarioGivesReconcilingJsonWithPacePoolsAndPractices) {
  write("baseline.csv", "code,allocation_pence\nO1,400000\nO2,350000\nO3,250000\n");
  const auto scenario = write("s.toml", kScenario);
  const auto r =
      test::run_cli("allocate --scenario " + scenario +
                    " --level organisation --format json --practices-out " + path("practices.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["level"], "organisation");
  ASSERT_EQ(json["organisations"].size(), 3u);
  std::int64_t allocation = 0;
  std::int64_t target = 0;
  for (const auto& o : json["organisations"]) {
    for (const auto* key :
         {"code", "population", "weighted_population", "need_index", "target_pence",
          "allocation_pence", "distance_from_target_pct", "components", "practices"}) {
      EXPECT_TRUE(o.contains(key)) << key;
    }
    std::int64_t split = 0;
    for (const auto& [name, pence] : o["components"].items())
      split += pence.get<std::int64_t>();
    EXPECT_EQ(split, o["allocation_pence"].get<std::int64_t>());
    std::int64_t practices = 0;
    for (const auto& p : o["practices"])
      practices += p["indicative_budget_pence"].get<std::int64_t>();
    EXPECT_EQ(practices, o["allocation_pence"].get<std::int64_t>());
    allocation += o["allocation_pence"].get<std::int64_t>();
    target += o["target_pence"].get<std::int64_t>();
  }
  // Two years of 4% growth on the £10,000 baseline, to the penny: 1,040,000 then 1,081,600.
  EXPECT_EQ(allocation, 1'081'600);
  EXPECT_EQ(target, 1'081'600);
  EXPECT_EQ(json["pace"]["years"].size(), 2u);
  EXPECT_EQ(json["pace"]["years"][1]["total_pence"], 1'081'600);
  EXPECT_EQ(json["components"][1]["ring_fenced"], true);
  EXPECT_EQ(json["organisations"][0]["pooled_pence"], 20000);
  EXPECT_EQ(json["pools"][0]["total_pence"], 50000);
  EXPECT_DOUBLE_EQ(json["pools"][0]["partners"][1]["share"].get<double>(), 0.6);
  EXPECT_EQ(json["pools"][0]["partners"][1]["organisation"], false);
  std::ifstream in(path("practices.csv"));
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header,
            "code,organisation,population,weighted_population,indicative_budget_pence,"
            "hospital_pence,prescribing_pence");
}

TEST_F(AllocateCli, DirectFlagsUseTheDefaultFormulaAndShowATable) {
  const auto r = test::run_cli("allocate --practices " + path("p.csv") + " --map " + path("m.csv") +
                               " --level parent");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("R1"), std::string::npos);
  // The default quantum is £63.4bn pro rata to 2013's 56,025,327 registered patients; all of
  // it for these 500 patients goes to the one region: 6.34e12 x 500 / 56,025,327 pence.
  EXPECT_NE(r.out.find("565,815.53"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("astro_pu_2013"), std::string::npos);
  const auto csv = test::run_cli("allocate --practices " + path("p.csv") + " --map " +
                                 path("m.csv") + " --level organisation --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "code,name,population,weighted_population,need_index,target_pence,allocation_pence,"
            "distance_from_target_pct,pooled_pence,general_and_acute_pence,community_pence,"
            "mental_health_pence,prescribing_pence,primary_medical_care_pence");
}

TEST_F(AllocateCli, BadBaselineAndPoolAreAllReportedWithExitCode2) {
  write("baseline.csv", "code,allocation_pence\nO1,400000\nO9,350000\nO3,-5\n");
  const auto scenario = write("s.toml", kScenario);
  const auto r =
      test::run_cli("allocate --scenario " + scenario + " --level organisation --format json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  const auto baseline = path("baseline.csv");
  EXPECT_NE(r.err.find(baseline + ":3:1: code: got \"O9\", expected an organisation of level "
                                  "organisation"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(baseline + ":4:2: allocation_pence: got \"-5\""), std::string::npos);
  EXPECT_NE(r.err.find(baseline + ": code: got \"O2\", expected a baseline row for every "
                                  "organisation of level organisation"),
            std::string::npos);
}

// A baseline is money, not a count of people: an ICB's £3.6bn (360,170,535,335 pence) is read,
// and only a sum beyond any budget (more than 10^15 pence) is refused.
TEST_F(AllocateCli, ABaselineOfBillionsOfPoundsIsRead) {
  std::string text = kScenario;
  text.replace(text.find("quantum_pence = 1000000"), 23, "quantum_pence = 1000000000000");
  text.replace(text.find("contribution_pence = 20000"), 26, "contribution_pence = 2");
  text.replace(text.find("contribution_pence = 30000"), 26, "contribution_pence = 3");
  const auto scenario = write("s.toml", text);
  write("baseline.csv",
        "code,allocation_pence\nO1,360170535335\nO2,350000000000\nO3,250000000000\n");
  const auto ok =
      test::run_cli("allocate --scenario " + scenario + " --level organisation --format json");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(nlohmann::json::parse(ok.out)["pace"]["years"][0]["organisations"][0]["before_pence"],
            360'170'535'335);
  write("baseline.csv",
        "code,allocation_pence\nO1,10000000000000000\nO2,350000000000\nO3,250000000000\n");
  const auto bad = test::run_cli("allocate --scenario " + scenario + " --level organisation");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find(":2:2: allocation_pence: got \"10000000000000000\", expected a whole "
                         "number of pence, 0 to 1000000000000000"),
            std::string::npos)
      << bad.err;
}

TEST_F(AllocateCli, PoolingMoreThanTheTransferableBudgetIsAnError) {
  write("baseline.csv", "code,allocation_pence\nO1,400000\nO2,350000\nO3,250000\n");
  std::string text = kScenario;
  text.replace(text.find("contribution_pence = 20000"), 26, "contribution_pence = 999999");
  const auto scenario = write("s.toml", text);
  const auto r = test::run_cli("allocate --scenario " + scenario + " --level organisation");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(scenario + ":24:1: pool[0].partner[0].contribution_pence: got \"999999 "
                                  "(all pools: 999999)\", expected at most O1's transferable "
                                  "(not ring-fenced) allocation"),
            std::string::npos)
      << r.err;
}

TEST_F(AllocateCli, HelpDescribesTheCommand) {
  const auto r = test::run_cli("allocate --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("weighted capitation"), std::string::npos);
  EXPECT_NE(r.out.find("--practices-out"), std::string::npos);
}

}  // namespace
}  // namespace pco

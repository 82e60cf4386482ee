#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "parallel/process_group.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

std::string write_scenario(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("pco_simulate_cli_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(path) << text;
  return path.string();
}

const char* const kScenario =
    "schema_version = 1\n[synthetic]\npractices = 40\n"
    "[simulation]\nreplications = 400\nyears = 3\nseed = 9\nshock_cv = 0.02\n"
    "budget_growth = 0.03\ndemand_growth = 0.035\noverspend_repay_cap = 0.01\n"
    "underspend_keep_cap = 0.005\n";

TEST(SimulateCli, JsonIsTheSameBytesForOneTwoAndFourThreads) {
  const auto file = write_scenario("threads.toml", kScenario);
  std::string reference;
  for (int threads : {1, 2, 4}) {
    const auto r = test::run_cli("simulate --scenario " + file + " --format json --threads " +
                                 std::to_string(threads));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Not a terminal: no progress bar.
    EXPECT_EQ(r.err.find("simulate ["), std::string::npos) << r.err;
    if (threads == 1)
      reference = r.out;
    else
      EXPECT_EQ(r.out, reference) << threads << " threads";
  }
  std::filesystem::remove(file);
  const auto j = nlohmann::json::parse(reference);
  EXPECT_EQ(j.at("settings").at("replications"), 400);
  ASSERT_FALSE(j.at("holders").empty());
  for (const auto& h : j.at("holders")) {
    ASSERT_EQ(h.at("years").size(), 3u);
    for (const auto& y : h.at("years"))
      for (const char* key :
           {"cost_mean", "p_overspend", "p_any_overspend", "outturn_q95", "deficit_q95"}) {
        EXPECT_TRUE(y.at(key).contains("value")) << key;
        EXPECT_GE(y.at(key).at("se").get<double>(), 0) << key;
      }
    // P(any overspend so far) never falls.
    EXPECT_LE(h["years"][0]["p_any_overspend"]["value"].get<double>(),
              h["years"][2]["p_any_overspend"]["value"].get<double>());
  }
}

TEST(SimulateCli, FlagsOverrideTheScenarioAndCsvHasAStandardErrorPerEstimate) {
  const auto file = write_scenario("flags.toml", kScenario);
  const auto r = test::run_cli("simulate --scenario " + file +
                               " --replications 50 --years 2 --seed 4 --format csv");
  std::filesystem::remove(file);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto header = r.out.substr(0, r.out.find('\n'));
  EXPECT_EQ(header.find("code,year,budget,cost_mean,cost_mean_se,cost_sd,cost_sd_se"), 0u)
      << header;
  EXPECT_NE(header.find("deficit_q99,deficit_q99_se"), std::string::npos) << header;
  // Every holder has two rows (years 1 and 2).
  const auto rows = std::count(r.out.begin(), r.out.end(), '\n') - 1;
  EXPECT_EQ(rows % 2, 0);
  EXPECT_GT(rows, 0);
}

TEST(SimulateCli, BadInputIsAllListedWithExitCode2) {
  const auto file = write_scenario("bad.toml",
                                   "schema_version = 1\n[synthetic]\npractices = 10\n"
                                   "[simulation]\nyears = 0\nshock_cv = 5\nfoo = 1\n");
  const auto r = test::run_cli("simulate --scenario " + file);
  std::filesystem::remove(file);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("simulation.foo"), std::string::npos) << r.err;
  const auto arrangement =
      write_scenario("arr.toml", std::string(kScenario) + "arrangement = \"nope\"\n");
  const auto a = test::run_cli("simulate --scenario " + arrangement);
  std::filesystem::remove(arrangement);
  EXPECT_EQ(a.exit_code, 2);
  EXPECT_NE(a.err.find("no arrangement \"nope\""), std::string::npos) << a.err;
}

}  // namespace
}  // namespace pco

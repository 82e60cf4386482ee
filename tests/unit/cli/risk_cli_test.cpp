#include <cmath>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace pco {
namespace {

std::string write_scenario(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("pco_risk_cli_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(path) << text;
  return path.string();
}

TEST(RiskCli, SizeCurveJsonFallsAsOneOverRootN) {
  const auto r = test::run_cli("risk --size-curve --populations 10000,1000000 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& rows = j.at("size_curve");
  ASSERT_EQ(rows.size(), 2u);
  // CV ∝ 1/√N: 100 times the people, a tenth of the CV (independent services), within 1%.
  EXPECT_NEAR(rows[1].at("cv").get<double>() / rows[0].at("cv").get<double>(), 0.1, 0.001);
}

TEST(RiskCli, EveryHolderOfASyntheticScenarioAsJson) {
  const auto file = write_scenario("ok.toml",
                                   "schema_version = 1\n[synthetic]\npractices = 30\n"
                                   "[risk]\nmargin = 0.02\n");
  const auto r = test::run_cli("risk --scenario " + file + " --format json");
  std::filesystem::remove(file);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_FALSE(j.at("holders").empty());
  for (const auto& h : j.at("holders")) {
    for (const char* key : {"code", "level", "population", "budget_pence", "mean", "sd", "cv",
                            "p_overspend", "p_overspend_5pct", "p_overspend_10pct", "var95",
                            "var99", "tvar99", "reserve95", "reserve99"})
      EXPECT_TRUE(h.contains(key)) << key;
    // Budget = expected cost × 1.02, in pence.
    EXPECT_NEAR(h.at("budget_pence").get<double>(), h.at("expected_cost").get<double>() * 102, 1.0);
  }
}

TEST(RiskCli, BadArrangementsExitTwoListingEveryProblem) {
  const auto file = write_scenario("bad.toml",
                                   "schema_version = 1\n[synthetic]\npractices = 10\n"
                                   "[[arrangement]]\nname = \"a\"\ntype = "
                                   "\"high_cost_pool\"\nlevel = \"ccg\"\nthreshold = -1\n");
  const auto r = test::run_cli("risk --scenario " + file);
  std::filesystem::remove(file);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("arrangement[0].level: got \"ccg\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("arrangement[0].threshold: got \"-1\""), std::string::npos) << r.err;
}

}  // namespace
}  // namespace pco

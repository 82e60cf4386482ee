#include <algorithm>
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
  const auto r =
      test::run_cli("risk --size-curve --populations 10000,1000000 --sources chance --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& rows = j.at("size_curve");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(j.at("sources").at("included"), "chance");
  // CV ∝ 1/√N by chance: 100 times the people, a tenth of the CV (independent services),
  // within 1%.
  EXPECT_NEAR(rows[1].at("cv").get<double>() / rows[0].at("cv").get<double>(), 0.1, 0.001);
  // With every source the formula error's area part and the shock do not fall with N.
  const auto all = nlohmann::json::parse(
      test::run_cli("risk --size-curve --populations 10000,1000000 --format json").out);
  const auto& a = all.at("size_curve");
  EXPECT_GT(a[1].at("cv").get<double>() / a[0].at("cv").get<double>(), 0.3);
  EXPECT_EQ(a[1].at("cv_chance").get<double>(), rows[1].at("cv_chance").get<double>());
}

// The size curve's table states its sources and the grid's precision above the figures.
TEST(RiskCli, SizeCurveTableStatesSourcesAndGridPrecision) {
  const auto r = test::run_cli("risk --size-curve --populations 10000,1000000");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("sources of risk: chance", 0), 0u) << r.out;
  const std::string head = "grid precision: at most ";
  const auto at = r.out.find(head);
  ASSERT_NE(at, std::string::npos) << r.out;
  // The largest grid_tail_mass of the points, printed, is within the 1e-9 target.
  EXPECT_LE(std::stod(r.out.substr(at + head.size(), 7)), 1e-9) << r.out;
}

TEST(RiskCli, BadSourcesExitTwoNamingEachProblem) {
  const auto r = test::run_cli("risk --size-curve --sources chance,luck,chance");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("\"luck\" is not a source"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\"chance\" is given twice"), std::string::npos) << r.err;
  // In a scenario: every bad [risk] value at once, each with its line.
  const auto file = write_scenario("bad_sources.toml",
                                   "schema_version = 1\n[synthetic]\npractices = 10\n[risk]\n"
                                   "sources = [\"chance\", \"fate\"]\nshock_sd = -0.01\n"
                                   "formula_area_sd = 2\n");
  const auto s = test::run_cli("risk --scenario " + file);
  std::filesystem::remove(file);
  EXPECT_EQ(s.exit_code, 2);
  EXPECT_NE(s.err.find("risk.sources"), std::string::npos) << s.err;
  EXPECT_NE(s.err.find("risk.shock_sd: got \"-0.01\""), std::string::npos) << s.err;
  EXPECT_NE(s.err.find("risk.formula_area_sd: got \"2\""), std::string::npos) << s.err;
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
  EXPECT_EQ(j.at("sources").at("included"), "chance,formula,shock");
  for (const auto& h : j.at("holders")) {
    for (const char* key : {"code",
                            "level",
                            "population",
                            "budget_pence",
                            "mean",
                            "sd",
                            "cv",
                            "p_overspend",
                            "p_overspend_5pct",
                            "p_overspend_10pct",
                            "var95",
                            "var99",
                            "tvar99",
                            "reserve95",
                            "reserve99",
                            "sd_chance",
                            "sd_formula",
                            "sd_shock",
                            "grid_tail_mass",
                            "exact_sd",
                            "variance_error_bound",
                            "variance_deficit"})
      EXPECT_TRUE(h.contains(key)) << key;
    // The total's sd lies between the largest source's and their sum; the grid holds all but
    // 1e-9 of the probability.
    const double sd = h.at("sd").get<double>();
    const double c = h.at("sd_chance").get<double>();
    const double f = h.at("sd_formula").get<double>();
    const double k = h.at("sd_shock").get<double>();
    EXPECT_GE(sd, std::max({c, f, k}));
    EXPECT_LE(sd, c + f + k);
    EXPECT_LE(h.at("grid_tail_mass").get<double>(), 1e-9);
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

namespace pco {
namespace {

// A quantum and a service model that describe different money: the default quantum (£1,131.63
// a head, 2013/14 CCG allocations) against the default model's expected cost (about £1,450 a
// head on the synthetic economy) is a warning naming both totals and the gap; a quantum set to
// the model's expected cost is not.
TEST(RiskCli, AQuantumFarFromTheModelsExpectedCostIsAWarningThatSaysByHowMuch) {
  const auto file = write_scenario("gap.toml",
                                   "schema_version = 1\n[synthetic]\npractices = 30\n"
                                   "[formula]\n");
  const auto r = test::run_cli("risk --scenario " + file + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: the allocation ("), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("disagree nationally by"), std::string::npos) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& basis = j.at("budget_basis");
  const double gap = basis.at("gap_pct").get<double>();
  EXPECT_LT(gap, -15);
  EXPECT_GT(gap, -30);
  EXPECT_TRUE(basis.at("warning").is_string());
  // Budgets are the allocation all the same: they add up to the quantum.
  std::int64_t total = 0;
  for (const auto& h : j.at("holders"))
    total += h.at("budget_pence").get<std::int64_t>();
  EXPECT_EQ(total, basis.at("allocation_pence").get<std::int64_t>());
  // The quantum the warning suggests silences it.
  const auto expected = basis.at("expected_cost").get<double>();
  const auto fixed = write_scenario(
      "nogap.toml", "schema_version = 1\n[synthetic]\npractices = 30\n[formula]\nquantum_pence = " +
                        std::to_string(std::llround(expected * 100)) + "\n");
  const auto f = test::run_cli("risk --scenario " + fixed + " --format json");
  ASSERT_EQ(f.exit_code, 0) << f.err;
  EXPECT_EQ(f.err.find("disagree nationally"), std::string::npos) << f.err;
  EXPECT_TRUE(nlohmann::json::parse(f.out).at("budget_basis").at("warning").is_null());
  std::filesystem::remove(file);
  std::filesystem::remove(fixed);
}

}  // namespace
}  // namespace pco

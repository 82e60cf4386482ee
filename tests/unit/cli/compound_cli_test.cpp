#include <cmath>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scratch_dir.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

using CompoundCli = test::ScratchDirTest;

// Loss Models example 9.10 through the command line: the JSON shape of the issue, and the
// textbook CDF (actuar's Fs(0:5)).
TEST_F(CompoundCli, Example9_10JsonHasTheDocumentedShape) {
  const auto r = test::run_cli(
      "compound --frequency poisson:3 --severity discrete:" +
      test::test_data("risk/example_9_10.csv").string() +
      " --step 1 --max 4 --at 0,1,2,3,4,5 --quantiles 0.5,0.99 --tvar 0.9 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  for (const char* key : {"method", "mean", "sd", "skewness", "cdf", "quantiles", "tvar", "grid",
                          "mass_beyond_grid", "seconds"})
    EXPECT_TRUE(json.contains(key)) << key;
  EXPECT_EQ(json["method"], "fft");
  EXPECT_NEAR(json["mean"].get<double>(), 4.4, 1e-12);  // λ E[X] = 3 × 44/30
  const double cdf[] = {0.04978707, 0.14438250, 0.27407781, 0.42160519, 0.56484280, 0.68982700};
  ASSERT_EQ(json["cdf"].size(), 6u);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(json["cdf"][i]["x"].get<double>(), i);
    EXPECT_NEAR(json["cdf"][i]["p"].get<double>(), cdf[i], 5e-9);
  }
  EXPECT_EQ(json["quantiles"][0]["p"].get<double>(), 0.5);
  EXPECT_EQ(json["quantiles"][0]["x"].get<double>(), 4.0);  // F(3) < 0.5 <= F(4)
  EXPECT_EQ(json["grid"]["step"].get<double>(), 1.0);
  EXPECT_GT(json["grid"]["points"].get<int>(), 20);
  EXPECT_LT(json["mass_beyond_grid"].get<double>(), 1e-12);
}

TEST_F(CompoundCli, EveryMethodRunsAndSimulationReportsStandardErrors) {
  for (const char* method : {"fft", "recursive", "normal", "npower", "simulation"}) {
    const auto r =
        test::run_cli(std::string("compound --frequency negbin:4,0.5 --severity "
                                  "lognormal:1,0.8 --step 0.5 --max 200 --method ") +
                      method + " --replications 2000 --at 10,20 --budget 30 --format json");
    ASSERT_EQ(r.exit_code, 0) << method << ": " << r.err;
    const auto json = nlohmann::json::parse(r.out);
    EXPECT_EQ(json["method"], method);
    EXPECT_NEAR(json["mean"].get<double>(), 4 * std::exp(1 + 0.32), 0.05 * 4 * std::exp(1.32));
    EXPECT_TRUE(json["budget"].contains("reserve"));
    if (std::string(method) == "simulation") {
      EXPECT_EQ(json["replications"], 2000);
      EXPECT_GT(json["standard_errors"]["mean"].get<double>(), 0);
      EXPECT_GT(json["cdf"][0]["se"].get<double>(), 0);
    }
  }
}

TEST_F(CompoundCli, TableFormatAndHelp) {
  const auto r = test::run_cli(
      "compound --frequency binomial:10,0.2 --severity gamma:2,50 --step 5 --max 2000 "
      "--budget 300");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Quantiles (value at risk)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Budget 300"), std::string::npos) << r.out;
  const auto help = test::run_cli("compound --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--frequency"), std::string::npos);
  EXPECT_NE(help.out.find("--discretize"), std::string::npos);
}

struct BadCase {
  std::string args;
  std::string message;
};

TEST_F(CompoundCli, BadArgumentsGiveClearMessagesAndExitCode2) {
  const std::string ok_sev = " --severity exponential:1 --step 1 --max 10";
  const std::string ok_freq = " --frequency poisson:2";
  const auto unsummed = write("unsummed.csv", "value,probability\n10,0.5\n20,0.4\n");
  const auto malformed = write("malformed.csv", "value,probability\n10,abc\n-5,0.5\n20,1.5\n");
  const auto wrong = write("wrong.csv", "cost_band,share\n10,0.5\n");
  const std::vector<BadCase> cases = {
      {"--frequency poisson:-1" + ok_sev, "lambda must be a finite number >= 0, got -1"},
      {"--frequency negbin:2,1.5" + ok_sev, "prob must be in (0, 1], got 1.5"},
      {"--frequency binomial:10,-0.1" + ok_sev, "prob must be in [0, 1], got -0.1"},
      {"--frequency binomial:2.5,0.1" + ok_sev, "size must be a whole number >= 0, got 2.5"},
      {"--frequency geometric:0.5" + ok_sev, "unknown model \"geometric\""},
      {"--frequency poisson" + ok_sev, "expected poisson:LAMBDA"},
      {"--frequency poisson:1,2" + ok_sev, "expected poisson:LAMBDA"},
      {ok_freq + " --severity exponential:1 --step 0 --max 10", "--step: got 0"},
      {ok_freq + " --severity exponential:1 --step -1 --max 10", "--step: got -1"},
      {ok_freq + " --severity exponential:1 --step 2 --max 1", "--max: got 1"},
      {ok_freq + " --severity gamma:0,1 --step 1 --max 10", "shape must be > 0, got 0"},
      {ok_freq + " --severity lognormal:1,x --step 1 --max 10", "got \"x\", expected a number"},
      {ok_freq + " --severity discrete:" + unsummed + " --step 1 --max 10",
       "expected probabilities summing to 1"},
      {ok_freq + " --severity discrete:" + malformed + " --step 1 --max 10",
       "3 problems in the input"},
      {ok_freq + " --severity discrete:" + wrong + " --step 1 --max 10",
       "value (or cost, amount, price)"},
      {ok_freq + ok_sev + " --p0 1.2", "p0 must be in [0, 1], got 1.2"},
      {ok_freq + ok_sev + " --quantiles 0.5,1", "--quantiles: got 1"},
      {ok_freq + ok_sev + " --method fast", "--method"},
  };
  for (const auto& c : cases) {
    const auto r = test::run_cli("compound " + c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
    EXPECT_TRUE(r.out.empty()) << c.args;
  }
  // Every problem in the malformed file is listed with its line and column.
  const auto r = test::run_cli("compound" + ok_freq + " --severity discrete:" + malformed +
                               " --step 1 --max 10");
  EXPECT_NE(r.err.find("malformed.csv:2:2: probability: got \"abc\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("malformed.csv:3:1: value: got \"-5\", expected a cost of 0 or more"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("malformed.csv:4:2: probability: got \"1.5\""), std::string::npos) << r.err;
  // A missing file is a file error (exit code 3).
  EXPECT_EQ(test::run_cli("compound" + ok_freq + " --severity discrete:" +
                          (dir_ / "none.csv").string() + " --step 1 --max 10")
                .exit_code,
            3);
}

}  // namespace
}  // namespace pco

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace pco {
namespace {

TEST(AppraiseCli, JsonSideBySideOfTheStatusQuoAndTwoAlternatives) {
  const auto r = test::run_cli("appraise --format json --scenario " +
                               test::test_data("appraisal/scenario.toml").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["configurations"].size(), 3u);
  EXPECT_EQ(j["configurations"][0]["name"], "status quo");
  EXPECT_EQ(j["configurations"][1]["metrics"]["organisations"], 2);
  EXPECT_EQ(j["configurations"][2]["metrics"]["federations"], 2);
  // Pooled federations carry the regions' risk.
  EXPECT_DOUBLE_EQ(j["configurations"][2]["metrics"]["reserve99_gbp"].get<double>(),
                   j["configurations"][1]["metrics"]["reserve99_gbp"].get<double>());
  EXPECT_FALSE(j["tornado"].empty());
}

TEST(AppraiseCli, CsvHasOneColumnPerConfiguration) {
  const auto r = test::run_cli("appraise --format csv --scenario " +
                               test::test_data("appraisal/scenario.toml").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "metric,status quo,regions,federations");
}

TEST(AppraiseCli, BadAlternativesExitWithCode2ListingEveryProblem) {
  const auto r =
      test::run_cli("appraise --scenario " + test::test_data("appraisal/bad.toml").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("3 problems"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad.toml:19:9"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("got \"O9\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("a federation of at least two organisations"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

}  // namespace
}  // namespace pco

// The shipped appraisal examples stay valid scenarios with the alternatives docs/appraisal.md
// describes (running them needs the shared data or ~20 s; see examples/appraisal/).
#include <gtest/gtest.h>

#include "appraisal/parameters.hpp"
#include "scenario/scenario.hpp"
#include "scenario_file/scenario_file.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

std::filesystem::path example(const std::string& name) {
  return test::test_data("../../examples/appraisal/" + name);
}

std::size_t alternatives(const Scenario& s) {
  return s.table["appraisal"]["alternative"].as_array()->size();
}

TEST(AppraisalExamples, RealAndSyntheticScenariosParseWithThreeAlternatives) {
  const auto real = load_scenario(example("real2020.toml"));
  EXPECT_EQ(alternatives(real), 3u);
  EXPECT_EQ(real.configuration.level, "ccg");
  const auto synthetic = load_scenario(example("synthetic.toml"));
  EXPECT_EQ(alternatives(synthetic), 3u);
  ASSERT_TRUE(synthetic.synthetic.has_value());
  // Neither overrides a parameter: the documented defaults apply.
  const AppraisalParameters defaults;
  EXPECT_DOUBLE_EQ(read_appraisal_parameters(real).get("discount_rate"), 0.035);
  EXPECT_DOUBLE_EQ(read_appraisal_parameters(synthetic).get("fixed_cost"),
                   defaults.get("fixed_cost"));
}

TEST(AppraisalExamples, ParameterOverridesAndBadRangesAreReportedTogether) {
  const auto s = parse_scenario(R"(schema_version = 1
[synthetic]
[appraisal]
discount_rate = 0.05
dip_depth = -1
[appraisal.range]
discount_rate = [0.01, 0.03]
fixed_cost = [900000, 800000]
)",
                                "p.toml", ".");
  const auto lines = test::input_error_lines([&] { read_appraisal_parameters(s); });
  ASSERT_EQ(lines.size(), 3u) << ::testing::PrintToString(lines);
  const auto joined = ::testing::PrintToString(lines);
  EXPECT_NE(joined.find("p.toml:5:13: appraisal.dip_depth: got \\\"-1\\\""), std::string::npos)
      << joined;
  EXPECT_NE(joined.find("appraisal.range.discount_rate"), std::string::npos);  // excludes 0.05
  EXPECT_NE(joined.find("appraisal.range.fixed_cost"), std::string::npos);     // low > high
  const auto ok = parse_scenario(R"(schema_version = 1
[synthetic]
[appraisal]
discount_rate = 0.05
)",
                                 "p.toml", ".");
  const auto p = read_appraisal_parameters(ok);
  EXPECT_DOUBLE_EQ(p.get("discount_rate"), 0.05);
  // A value beyond the default range widens the range to include it.
  EXPECT_DOUBLE_EQ(p.all()[0].high, 0.05);
}

}  // namespace
}  // namespace pco

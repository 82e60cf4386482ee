#include "scenario/scenario.hpp"
#include "scenario_file/scenario_file.hpp"
#include "scenario_file/schema.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace pco {
namespace {

TEST(Scenario, ReadsFoundationSectionsAndResolvesPaths) {
  const auto s = parse_scenario(R"(schema_version = 1
name = "Test"
seed = 5
[population]
files = ["pop.csv"]
ods = "/abs/epraccur.csv"
[configuration]
map = "map.csv"
level = "ccg"
[[configuration.merge]]
level = "ccg"
codes = ["A", "B"]
code = "AB"
[[configuration.federation]]
code = "F"
level = "ccg"
members = ["AB", "C"]
shared_functions = ["management"]
shared_risk_pool = true
)",
                                "s.toml", "/data");
  EXPECT_EQ(s.name, "Test");
  EXPECT_EQ(s.seed, 5u);
  EXPECT_EQ(s.population.files, std::vector<std::filesystem::path>{"/data/pop.csv"});
  EXPECT_EQ(*s.population.ods, "/abs/epraccur.csv");
  EXPECT_EQ(s.configuration.source, ConfigurationInputs::Source::map);
  EXPECT_EQ(*s.configuration.map, "/data/map.csv");
  ASSERT_EQ(s.configuration.merges.size(), 1u);
  EXPECT_EQ(s.configuration.merges[0].codes, (std::vector<std::string>{"A", "B"}));
  ASSERT_EQ(s.configuration.federations.size(), 1u);
  EXPECT_TRUE(s.configuration.federations[0].shared_risk_pool);
}

// The top-level keys as the schema lists them, so each new section does not edit this test.
std::string known_top_keys() {
  std::string keys;
  for (const auto& spec : scenario_schema())
    keys += (keys.empty() ? "" : ", ") + std::string(spec.name);
  return keys;
}

TEST(Scenario, KnownTopLevelKeysStartWithTheFoundationSections) {
  EXPECT_TRUE(known_top_keys().starts_with(
      "schema_version, name, description, seed, population, synthetic, configuration"));
}

TEST(Scenario, EveryUnknownMistypedOrMissingKeyIsReportedWithItsPosition) {
  const auto lines = test::input_error_lines([] {
    parse_scenario(R"(schema_version = 2
nmae = "typo"
[population]
files = "pop.csv"
[configuration]
source = "ods"
[[configuration.merge]]
level = "ccg"
codes = ["A"]
)",
                   "s.toml", ".");
  });
  EXPECT_EQ(lines,
            (std::vector<std::string>{
                "s.toml:1:18: schema_version: got \"2\", expected 1 (the version this pco reads)",
                "s.toml:2:1: nmae: got \"nmae\", expected a known key: " + known_top_keys(),
                "s.toml:4:9: population.files: got \"pop.csv\", expected an array of strings",
                "s.toml:6:10: configuration.source: got \"ods\", expected a population.ods file "
                "when source is ods",
                "s.toml:7:1: configuration.merge[0].code: got \"\", expected a key code (a "
                "string)",
                "s.toml: population: got \"\", expected a [population] section with files, or a "
                "[synthetic] section"}));
}

TEST(Scenario, InvalidTomlIsReportedWithLineAndColumn) {
  const auto lines = test::input_error_lines([] { parse_scenario("a = [1,\n", "s.toml", "."); });
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].substr(0, 12), "s.toml:1:9: ");
}

}  // namespace
}  // namespace pco

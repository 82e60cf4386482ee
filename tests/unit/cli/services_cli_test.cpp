// `pco services`: the service model in force as TOML that a scenario accepts back unchanged
// (the same risk to the last bit), and as CSV and JSON.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <toml++/toml.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace pco {
namespace {

std::filesystem::path temp(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("pco_services_cli_" + std::to_string(::getpid()) + "_" + name);
}

// A synthetic scenario with its own [risk] settings and one line of its own over the defaults.
const char* kScenario = R"(schema_version = 1
[synthetic]
seed = 4
practices = 40
[risk]
margin = 0.02
shock_sd = 0.012
sources = ["chance", "formula", "shock"]
[[service]]
name = "non_elective"
level = "organisation"
rate_per_head = 0.11
age_slope = 0.04
infant = 1.2
floor = 0.3
phi = 0.6
cost = "lognormal:7.3,1.1"
)";

TEST(ServicesCli, PrintedTomlFedBackGivesIdenticalRisk) {
  const auto original = temp("original.toml");
  std::ofstream(original) << kScenario;
  const auto printed = test::run_cli("services --scenario " + original.string());
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  // The scenario without its [risk] and [[service]], and the printed sections in their place.
  auto table = toml::parse(kScenario);
  table.erase("risk");
  table.erase("service");
  const auto sections = toml::parse(printed.out);
  for (const auto& [key, node] : sections)
    table.insert(key, node);
  std::ostringstream text;
  text << table << "\n";
  const auto round = temp("round.toml");
  std::ofstream(round) << text.str();
  const auto a = test::run_cli("risk --scenario " + original.string() + " --format json");
  const auto b = test::run_cli("risk --scenario " + round.string() + " --format json");
  std::filesystem::remove(original);
  std::filesystem::remove(round);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  const auto ja = nlohmann::json::parse(a.out);
  const auto jb = nlohmann::json::parse(b.out);
  ASSERT_FALSE(ja.at("holders").empty());
  EXPECT_EQ(ja.at("holders").dump(), jb.at("holders").dump());
  EXPECT_EQ(ja.at("sources").dump(), jb.at("sources").dump());
  EXPECT_EQ(jb.at("sources").at("shock_sd"), 0.012);
  // And printing the round-tripped scenario's model gives the same text.
  std::ofstream(round) << text.str();
  const auto again = test::run_cli("services --scenario " + round.string());
  std::filesystem::remove(round);
  EXPECT_EQ(sections, toml::parse(again.out));
}

TEST(ServicesCli, DefaultModelAsCsvAndJsonWithTheDocumentedCostPerHead) {
  const auto csv = test::run_cli("services --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::istringstream lines(csv.out);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header.rfind("name,level,rate_per_head,mean_cost,cost_per_head,phi,cost,need_scaled,"
                         "m_0_4,",
                         0),
            0u)
      << header;
  EXPECT_NE(header.find(",f_95_plus"), std::string::npos);
  int rows = 0;
  for (std::string line; std::getline(lines, line);)
    ++rows;
  EXPECT_EQ(rows, 9);
  const auto json = test::run_cli("services --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  double per_head = 0;
  for (const auto& s : j.at("services")) {
    EXPECT_EQ(s.at("rates").size(), 40u);
    per_head += s.at("cost_per_head").get<double>();
  }
  // docs/services.md: the default model costs about £1,411 a head.
  EXPECT_NEAR(per_head, 1411.5, 1.0);
  EXPECT_EQ(j.at("sources").at("included"), "chance,formula,shock");
  EXPECT_EQ(test::run_cli("services --format xml").exit_code, 2);
}

}  // namespace
}  // namespace pco

#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "parallel/process_group.hpp"
#include "synth/synthetic_land.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

std::filesystem::path temp(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("pco_design_cli_" + std::to_string(::getpid()) + "_" + name);
}

TEST(DesignCli, WritesAMembershipTheAppraisalReads) {
  const auto scenario = temp("s.toml");
  const auto membership = temp("m.csv");
  const auto map = temp("map.svg");
  const auto land = temp("land.geojson");
  std::ofstream(land) << land_geojson(synthetic_land_outline(1), "LAND", "land");
  std::ofstream(scenario) << "schema_version = 1\n[synthetic]\nseed = 1\npractices = 120\n"
                          << "[report]\nboundaries = \"" << land.string() << "\"\n";
  const auto r = test::run_cli("design --scenario " + scenario.string() +
                               " --atoms practice --min-pop 50000 --max-pop 150000 --restarts 2 "
                               "--sweeps 20 --threads 2 --format json --compare organisation "
                               "--out " +
                               membership.string() + " --map-out " + map.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j.at("designed").at("contiguous").get<bool>());
  EXPECT_TRUE(j.at("designed").at("within_bounds").get<bool>());
  EXPECT_EQ(j.at("restarts").size(), 2u);
  // The appraisal compared the current organisations with the designed membership and with
  // today's organisations federated within each designed one ("federate, don't merge").
  const auto& configs = j.at("appraisal").at("configurations");
  ASSERT_EQ(configs.size(), 3u);
  EXPECT_EQ(configs[1].at("name"), "designed");
  EXPECT_EQ(configs[2].at("name"), "federated");
  EXPECT_TRUE(j.at("rules").at("met").get<bool>());
  const auto csv = read_text_file(membership);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "practice,org,org_name");
  // The map draws every designed organisation as a filled area of the land (not a hull).
  const auto svg = read_text_file(map);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);  // a standalone SVG file: nothing after </svg>
  EXPECT_EQ(svg.find("</svg>"), svg.size() - 6);
  std::set<std::string> codes;
  for (std::size_t at = csv.find('\n'); at + 1 < csv.size(); at = csv.find('\n', at + 1)) {
    const auto comma = csv.find(',', at + 1);
    codes.insert(csv.substr(comma + 1, csv.find(',', comma + 1) - comma - 1));
  }
  ASSERT_FALSE(codes.empty());
  for (const auto& code : codes)
    EXPECT_NE(svg.find("<path data-code=\"" + code + "\""), std::string::npos) << code;
  EXPECT_NE(svg.find("Land: the union of the 1 boundaries given"), std::string::npos);

  // The membership file works as an [[appraisal.alternative]].
  const auto appraise = temp("a.toml");
  std::ofstream(appraise) << "schema_version = 1\n[synthetic]\npractices = 120\n"
                          << "[[appraisal.alternative]]\nname = \"designed\"\nmembership = \""
                          << membership.string() << "\"\n";
  const auto a = test::run_cli("appraise --scenario " + appraise.string() + " --format json");
  EXPECT_EQ(a.exit_code, 0) << a.err;
  for (const auto& f : {scenario, membership, map, appraise, land})
    std::filesystem::remove(f);
}

TEST(DesignCli, ImpossibleBoundsAreABadInput) {
  const auto scenario = temp("b.toml");
  std::ofstream(scenario) << "schema_version = 1\n[synthetic]\npractices = 30\n";
  const auto out = temp("never.csv");
  const auto r = test::run_cli("design --scenario " + scenario.string() +
                               " --min-pop 10000000 --max-pop 20000000 --out " + out.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("widen the bounds"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  std::filesystem::remove(scenario);
}

TEST(DesignCli, AScenarioWithoutLocationsIsABadInput) {
  const auto out = temp("none.csv");
  const auto r =
      test::run_cli("design --scenario " + test::test_data("appraisal/scenario.toml").string() +
                    " --min-pop 1000 --max-pop 100000 --out " + out.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no practice has a location"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(DesignCli, SamePlanOnOneProcessAndOnThreeMpiRanks) {
  if (!built_with_mpi() || std::system("command -v mpirun >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "skipped: built without Open MPI or no mpirun";
  const auto scenario = temp("mpi.toml");
  std::ofstream(scenario) << "schema_version = 1\n[synthetic]\npractices = 120\n";
  const auto one = temp("one.csv"), three = temp("three.csv");
  const std::string args = "design --scenario " + scenario.string() +
                           " --min-pop 50000 --max-pop 150000 --restarts 5 --sweeps 20 --out ";
  ASSERT_EQ(test::run_cli(args + one.string()).exit_code, 0);
  // run_cli puts the pco path first: "--version &&" makes that a harmless first command so the
  // line can go on to start mpirun. ASan would report Open MPI's own allocations as leaks.
  const auto r = test::run_cli(
      "--version >/dev/null && OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 "
      "ASAN_OPTIONS=detect_leaks=0 mpirun --oversubscribe -np 3 " PCO_CLI_PATH " " +
      args + three.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_text_file(one), read_text_file(three));
  for (const auto& f : {scenario, one, three})
    std::filesystem::remove(f);
}

}  // namespace
}  // namespace pco

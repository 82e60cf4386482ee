// The main job on the real national files: England's January 2021 lists, the September 2020
// map, postcode-district locations and the ONS CCG boundaries.
#include <fstream>

#include <gtest/gtest.h>

#include "real_data.hpp"
#include "run/run_job.hpp"
#include "scenario_file/scenario_file.hpp"
#include "store/stored_run.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

using RealRun = test::RealDataTest;

TEST_F(RealRun, EnglandByCcgWithBoundaries) {
  const auto data = test::shared_data_dir();
  const auto dir =
      std::filesystem::temp_directory_path() / ("pco_real_run_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "england.toml")
      << "schema_version = 1\nname = \"England\"\n[population]\nfiles = [\""
      << (data / "population" / "gp-reg-pat-prac-all_2021-01.csv").string()
      << "\"]\npostcode_districts = \"" << (data / "geography" / "postcode-districts.csv").string()
      << "\"\n[configuration]\nmap = \""
      << (data / "organisation" / "gp-reg-pat-prac-map_2020-09.csv").string()
      << "\"\nlevel = \"ccg\"\n[report]\nboundaries = \""
      << (data / "geography" / "ccg20_apr2020_en_buc.geojson").string() << "\"\n";
  const auto scenario = load_scenario(dir / "england.toml");
  const ProgressFn quiet = [](int, int, std::string_view) {};
  const auto results = compute_run(scenario, quiet);
  const auto files = write_run(scenario, results, dir / "out", "t0", quiet);

  SqliteDb db(dir / "out" / "results.db");
  const auto run = read_run(db, files.run_id);
  ASSERT_EQ(run.levels, (std::vector<std::string>{"network", "ccg", "stp", "region"}));
  EXPECT_EQ(run.organisations[1].size(), 135u);
  EXPECT_EQ(run.organisations[2].size(), 42u);
  EXPECT_EQ(run.boundaries.size(), 135u);
  // Every level's allocations reconcile to the same total, to the penny.
  std::vector<std::int64_t> totals;
  for (const auto& level : run.allocations) {
    std::int64_t total = 0;
    for (const auto& a : level)
      total += a.allocation_pence;
    totals.push_back(total);
  }
  for (const auto t : totals)
    EXPECT_EQ(t, totals[0]);
  std::ifstream in(dir / "out" / "report.html");
  const std::string html{std::istreambuf_iterator<char>(in), {}};
  // Every CCG is drawn as an area of England (the union of the boundaries), with its code.
  for (const auto& o : run.organisations[1])
    EXPECT_NE(html.find("<path data-code=\"" + o.code + "\""), std::string::npos) << o.code;
  EXPECT_NE(html.find("Land: the union of the 135 boundaries given"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pco

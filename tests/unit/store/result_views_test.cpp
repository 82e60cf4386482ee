// The appraisal and the simulation stored with a run read back exactly as computed, and a
// store without their tables (written before they existed) reads as having none.
#include <filesystem>

#include <gtest/gtest.h>

#include "report/appraisal_report.hpp"
#include "run/run_job.hpp"
#include "scenario_file/scenario_file.hpp"
#include "sim/simulation_report.hpp"
#include "store/appraisal_tables.hpp"
#include "store/simulation_tables.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

TEST(ResultViews, AppraisalAndSimulationReadBackAsComputed) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("pco_views_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto scenario = parse_scenario(
      "schema_version = 1\nname = \"views\"\nseed = 5\n[synthetic]\nseed = 2\npractices = 60\n"
      "[appraisal]\nyears = 5\ndraws = 20\n[[appraisal.alternative]]\nname = \"one per "
      "region\"\nlevel = \"region\"\n"
      "[simulation]\nreplications = 200\nyears = 3\nshock_cv = 0.02\n",
      "views.toml", ".");
  const ProgressFn quiet = [](int, int, std::string_view) {};
  const auto results = compute_run(scenario, quiet);
  ASSERT_TRUE(results.appraisal);
  ASSERT_TRUE(results.simulation);
  write_run(scenario, results, dir, "2026-01-01T00:00:00Z", quiet);

  SqliteDb db(dir / "results.db", SqliteDb::Mode::read_only);
  const auto appraisal = read_appraisal(db, 1);
  ASSERT_TRUE(appraisal);
  EXPECT_EQ(appraisal->dump(), appraisal_json(*results.appraisal).dump());
  EXPECT_EQ((*appraisal)["configurations"].size(), 2u);

  const auto simulation = read_simulation(db, 1);
  ASSERT_TRUE(simulation);
  // Every estimate, standard error, budget, name and setting, to the last bit.
  EXPECT_EQ(simulation_json(*simulation).dump(), simulation_json(*results.simulation).dump());
  EXPECT_EQ(simulation->rows.size(), results.simulation->rows.size());
  EXPECT_EQ(simulation->rows.size(), 3 * results.risk.holders.size());

  EXPECT_FALSE(read_appraisal(db, 2));
  EXPECT_FALSE(read_simulation(db, 2));
  std::filesystem::remove_all(dir);
}

TEST(ResultViews, AStoreWithoutTheTablesHasNoAppraisalOrSimulation) {
  const auto path =
      std::filesystem::temp_directory_path() / ("pco_views_old_" + std::to_string(::getpid()));
  std::filesystem::remove(path);
  {
    SqliteDb old(path);
    old.exec("CREATE TABLE runs (run_id INTEGER PRIMARY KEY)");
  }
  SqliteDb db(path, SqliteDb::Mode::read_only);
  EXPECT_FALSE(db.has_table("appraisal"));
  EXPECT_TRUE(db.has_table("runs"));
  EXPECT_FALSE(read_appraisal(db, 1));
  EXPECT_FALSE(read_simulation(db, 1));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace pco

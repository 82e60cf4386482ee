// The risk of every holder stored with a run, split by source of risk, and a store written by
// version 1 (chance alone, no split) read as it is and upgraded in place by the next run.
#include <filesystem>

#include <gtest/gtest.h>

#include "run/run_job.hpp"
#include "scenario_file/scenario_file.hpp"
#include "store/results_store.hpp"
#include "store/sqlite_db.hpp"
#include "store/stored_run.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

TEST(RiskStore, SplitBySourceReadsBackAndVersionOneStoresAreUpgraded) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("pco_risk_store_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto scenario = parse_scenario(
      "schema_version = 1\nname = \"risk\"\nseed = 5\n[synthetic]\nseed = 2\npractices = 40\n",
      "risk.toml", ".");
  const ProgressFn quiet = [](int, int, std::string_view) {};
  const auto results = compute_run(scenario, quiet);
  write_run(scenario, results, dir, "2026-01-01T00:00:00Z", quiet);
  const auto db_path = dir / "results.db";
  {
    SqliteDb db(db_path, SqliteDb::Mode::read_only);
    const auto run = read_run(db, 1);
    ASSERT_EQ(run.risk.holders.size(), results.risk.holders.size());
    for (std::size_t i = 0; i < run.risk.holders.size(); ++i) {
      const auto& a = run.risk.holders[i];
      const auto& b = results.risk.holders[i];
      EXPECT_EQ(a.sd_chance, b.sd_chance);
      EXPECT_EQ(a.sd_formula, b.sd_formula);
      EXPECT_EQ(a.sd_shock, b.sd_shock);
      EXPECT_EQ(a.grid_tail_mass, b.grid_tail_mass);
      EXPECT_EQ(a.exact_sd, b.exact_sd);
      EXPECT_EQ(a.variance_deficit, b.variance_deficit);
    }
    EXPECT_EQ(sources_list(run.risk.sources), "chance,formula,shock");
    EXPECT_EQ(run.risk.sources.shock_sd, results.risk.sources.shock_sd);
    EXPECT_EQ(run.size_curve.back().cv_shock, results.size_curve.back().cv_shock);
  }
  // Make it a version 1 store, as pco wrote it before issue 15.
  {
    SqliteDb db(db_path);
    db.exec(
        "ALTER TABLE risk_measures DROP COLUMN sd_chance;"
        "ALTER TABLE risk_measures DROP COLUMN sd_formula;"
        "ALTER TABLE risk_measures DROP COLUMN sd_shock;"
        "ALTER TABLE risk_measures DROP COLUMN exact_sd;"
        "ALTER TABLE risk_measures DROP COLUMN variance_deficit;"
        "ALTER TABLE risk_measures RENAME COLUMN grid_tail_mass TO mass_beyond_grid;"
        "ALTER TABLE size_curve DROP COLUMN cv_chance;"
        "ALTER TABLE size_curve DROP COLUMN cv_formula;"
        "ALTER TABLE size_curve DROP COLUMN cv_shock;"
        "ALTER TABLE risk_settings DROP COLUMN sources;"
        "UPDATE meta SET value = '1' WHERE key = 'schema_version';");
  }
  const auto check_chance_only = [&] {
    SqliteDb db(db_path, SqliteDb::Mode::read_only);
    const auto run = read_run(db, 1);
    ASSERT_FALSE(run.risk.holders.empty());
    for (const auto& h : run.risk.holders) {
      EXPECT_EQ(h.sd_chance, h.measures.sd);
      EXPECT_EQ(h.sd_formula, 0.0);
    }
    EXPECT_EQ(sources_list(run.risk.sources), "chance");
  };
  check_chance_only();
  { ResultsStore upgraded(db_path); }
  check_chance_only();
  {
    SqliteDb db(db_path, SqliteDb::Mode::read_only);
    auto version = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    version.bind({});
    ASSERT_TRUE(version.step());
    EXPECT_EQ(version.column_text(0), std::to_string(kResultsSchemaVersion));
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pco

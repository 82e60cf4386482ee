// `pco run` with [simulation]: the simulation is stored with the run (settings and every
// holder-year's estimates) and drawn in the report from the store, with a fan chart.
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "run/run_job.hpp"
#include "scenario_file/scenario_file.hpp"
#include "store/sqlite_db.hpp"
#include "store/stored_run.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

TEST(RunSimulation, StoredWithTheRunAndShownInTheReport) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("pco_run_sim_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto scenario = parse_scenario(
      "schema_version = 1\nname = \"sim\"\nseed = 5\n[synthetic]\nseed = 2\npractices = 60\n"
      "[simulation]\nreplications = 200\nyears = 3\nshock_cv = 0.02\n",
      "sim.toml", ".");
  const ProgressFn quiet = [](int, int, std::string_view) {};
  const auto results = compute_run(scenario, quiet);
  ASSERT_TRUE(results.simulation.has_value());
  const auto holders = results.risk.holders.size();
  ASSERT_EQ(results.simulation->rows.size(), 3 * holders);
  write_run(scenario, results, dir, "2026-01-01T00:00:00Z", quiet);
  {
    SqliteDb db(dir / "results.db");
    // Every holder-year is stored, and reads back to the same estimates.
    const auto stored = read_run(db, 1);
    ASSERT_TRUE(stored.simulation.has_value());
    ASSERT_EQ(stored.simulation->rows.size(), results.simulation->rows.size());
    for (std::size_t i = 0; i < stored.simulation->rows.size(); ++i) {
      const auto& a = stored.simulation->rows[i];
      const auto& b = results.simulation->rows[i];
      EXPECT_EQ(a.code, b.code);
      EXPECT_EQ(a.year, b.year);
      EXPECT_DOUBLE_EQ(a.budget, b.budget);
      EXPECT_DOUBLE_EQ(a.p_any_overspend.value, b.p_any_overspend.value);
      EXPECT_DOUBLE_EQ(a.cost_quantiles[3].value, b.cost_quantiles[3].value);
      EXPECT_DOUBLE_EQ(a.deficit_q95.se, b.deficit_q95.se);
    }
    EXPECT_EQ(stored.simulation->settings.years, 3);
    EXPECT_EQ(stored.simulation->holder_names, results.simulation->holder_names);
  }
  std::ifstream in(dir / "report.html");
  const std::string html(std::istreambuf_iterator<char>(in), {});
  EXPECT_NE(html.find("Budgets over the years (simulation)"), std::string::npos);
  EXPECT_NE(html.find("P(any overspend in 3 years)"), std::string::npos);
  EXPECT_NE(html.find("class=\"fan-chart\""), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pco

// `pco run` with [simulation]: the simulation's report sections are stored with the run and
// drawn in the report.
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "run/run_job.hpp"
#include "store/sqlite_db.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

TEST(RunSimulation, StoredAsReportSectionsAndShownInTheReport) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("pco_run_sim_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto scenario = parse_scenario(
      "schema_version = 1\nname = \"sim\"\nseed = 5\n[synthetic]\nseed = 2\npractices = 60\n"
      "[simulation]\nreplications = 200\nyears = 3\nshock_cv = 0.02\n",
      "sim.toml", ".");
  const ProgressFn quiet = [](int, int, std::string_view) {};
  const auto results = compute_run(scenario, quiet);
  ASSERT_EQ(results.simulation_report.size(), 2u);
  // One summary row per holder at the run's level, one row per holder and year after it.
  const auto holders = results.risk.holders.size();
  write_run(scenario, results, dir, "2026-01-01T00:00:00Z", quiet);
  {
    SqliteDb db(dir / "results.db");
    auto q = db.prepare("SELECT id, html FROM report_sections WHERE run_id = 1 ORDER BY ordinal");
    q.bind({});
    std::vector<std::string> ids;
    std::string years_html;
    while (q.step()) {
      ids.push_back(q.column_text(0));
      if (ids.back() == "simulation-years") years_html = q.column_text(1);
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"simulation", "simulation-years"}));
    std::size_t rows = 0;
    for (auto at = years_html.find("<tr>"); at != std::string::npos;
         at = years_html.find("<tr>", at + 1))
      ++rows;
    EXPECT_EQ(rows, 1 + 3 * holders);  // header + holder × year
  }
  std::ifstream in(dir / "report.html");
  const std::string html(std::istreambuf_iterator<char>(in), {});
  EXPECT_NE(html.find("Budgets over the years (simulation)"), std::string::npos);
  EXPECT_NE(html.find("P(any overspend in 3 years)"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pco

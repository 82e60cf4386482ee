#include <fstream>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "risk/measures.hpp"
#include "run/run_job.hpp"
#include "scenario_file/scenario_file.hpp"
#include "store/results_store.hpp"
#include "store/stored_run.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

class RunJob : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("pco_run_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::int64_t count(const std::string& sql) {
    SqliteDb db(dir_ / "out" / "results.db");
    auto q = db.prepare(sql);
    q.bind({});
    EXPECT_TRUE(q.step());
    return q.column_int(0);
  }

  static Scenario small_scenario() {
    return parse_scenario(
        "schema_version = 1\nname = \"small\"\nseed = 5\n[synthetic]\nseed = 2\npractices = 60\n",
        "small.toml", ".");
  }

  std::filesystem::path dir_;
  const ProgressFn quiet_ = [](int, int, std::string_view) {};
};

TEST_F(RunJob, WritesStoreReportAndTablesAndAddsRuns) {
  const auto scenario = small_scenario();
  const auto results = compute_run(scenario, quiet_);
  const auto first = write_run(scenario, results, dir_ / "out", "2026-01-01T00:00:00Z", quiet_);
  const auto second = write_run(scenario, results, dir_ / "out", "2026-01-01T00:00:01Z", quiet_);
  EXPECT_EQ(first.run_id, 1);
  EXPECT_EQ(second.run_id, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM runs"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM practices WHERE run_id = 2"), 60);
  EXPECT_EQ(count("SELECT SUM(list_size) FROM practices WHERE run_id = 1"),
            results.economy.population.total_patients());
  // Every practice belongs to one organisation at each of the three levels.
  EXPECT_EQ(count("SELECT COUNT(*) FROM memberships WHERE run_id = 1"), 180);
  EXPECT_EQ(count("SELECT SUM(population) FROM organisations WHERE run_id = 1 AND level = "
                  "'region'"),
            results.economy.population.total_patients());
  EXPECT_EQ(count("SELECT COUNT(DISTINCT scenario_hash) FROM runs"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM runs WHERE finished_at IS NULL"), 0);
  for (const auto* f : {"report.html", "organisations.csv", "practices.csv"})
    EXPECT_TRUE(std::filesystem::exists(dir_ / "out" / f)) << f;
}

TEST_F(RunJob, ReportIsSelfContained) {
  const auto scenario = small_scenario();
  write_run(scenario, compute_run(scenario, quiet_), dir_ / "out", "2026-01-01T00:00:00Z", quiet_);
  std::ifstream in(dir_ / "out" / "report.html");
  const std::string html{std::istreambuf_iterator<char>(in), {}};
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("Map of the organisations"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
}

TEST_F(RunJob, AnInterruptedRunLeavesTheStoreAsItWas) {
  const auto scenario = small_scenario();
  write_run(scenario, compute_run(scenario, quiet_), dir_ / "out", "t0", quiet_);
  {
    ResultsStore store(dir_ / "out" / "results.db");
    store.begin_run({"v", "interrupted", "text", "0", 1, "organisation", "t1", "", ""});
    store.db().exec("INSERT INTO levels (run_id, level_index, name) VALUES (2, 0, 'x')");
    // Destroyed without commit_run: as if the process stopped here.
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM runs"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM levels WHERE run_id = 2"), 0);
}

TEST_F(RunJob, AStoreOfAnotherSchemaVersionIsRefused) {
  std::filesystem::create_directories(dir_ / "out");
  {
    SqliteDb db(dir_ / "out" / "results.db");
    db.exec(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('schema_version', '99');");
  }
  EXPECT_THROW(ResultsStore(dir_ / "out" / "results.db"), IoError);
}

TEST(ScenarioHash, IsFnv1a64) {
  // Reference values of the FNV-1a 64-bit hash (Fowler, Noll and Vo's test vectors).
  EXPECT_EQ(fnv1a64_hex(""), "cbf29ce484222325");
  EXPECT_EQ(fnv1a64_hex("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(fnv1a64_hex("foobar"), "85944171f73967e8");
}

TEST(DemoCli, RunsTheEmbeddedEconomyAndAddsARunEachTime) {
  const auto out =
      std::filesystem::temp_directory_path() / ("pco_demo_cli_" + std::to_string(::getpid()));
  std::filesystem::remove_all(out);
  const auto r1 = test::run_cli("demo --quiet --out " + out.string());
  ASSERT_EQ(r1.exit_code, 0) << r1.err;
  EXPECT_NE(r1.out.find("Run 1 of \"pco demo: synthetic economy\": 1500 practices"),
            std::string::npos)
      << r1.out;
  const auto r2 = test::run_cli("demo --quiet --out " + out.string());
  EXPECT_NE(r2.out.find("Run 2 of"), std::string::npos) << r2.out;
  std::filesystem::remove_all(out);
}

TEST(RunCli, ABadScenarioWritesNothingAndExitsTwo) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("pco_run_cli_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "bad.toml") << "schema_version = 1\n[synthetic]\npractices = 3\n";
  const auto r = test::run_cli("run --scenario " + (dir / "bad.toml").string() + " --out " +
                               (dir / "out").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("synthetic.practices"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pco

namespace pco {
namespace {

TEST(ReportCli, RegeneratesTheSameReportFromTheStore) {
  const auto out =
      std::filesystem::temp_directory_path() / ("pco_report_cli_" + std::to_string(::getpid()));
  std::filesystem::remove_all(out);
  ASSERT_EQ(test::run_cli("demo --quiet --out " + out.string()).exit_code, 0);
  const auto r = test::run_cli("report " + (out / "results.db").string() + " --run 1 --out " +
                               (out / "again.html").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream a(out / "report.html"), b(out / "again.html");
  const std::string first{std::istreambuf_iterator<char>(a), {}};
  const std::string second{std::istreambuf_iterator<char>(b), {}};
  EXPECT_EQ(first, second);
  const auto region = test::run_cli("report " + (out / "results.db").string() +
                                    " --level region --out " + (out / "r.html").string());
  EXPECT_EQ(region.exit_code, 0) << region.err;
  const auto missing = test::run_cli("report " + (out / "results.db").string() + " --run 9");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("has no run 9; its runs are: 1"), std::string::npos) << missing.err;
  const auto bad_level = test::run_cli("report " + (out / "results.db").string() +
                                       " --level ward --out " + (out / "x.html").string());
  EXPECT_EQ(bad_level.exit_code, 2);
  EXPECT_NE(bad_level.err.find("its levels are: network, organisation, region"), std::string::npos)
      << bad_level.err;
  std::filesystem::remove_all(out);
}

}  // namespace
}  // namespace pco

namespace pco {
namespace {

TEST(RunRisk, EveryOrganisationAtTheLeadLevelHasItsRiskDistributionAndTheSizeCurveIsStored) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("pco_run_risk_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto scenario = parse_scenario(
      "schema_version = 1\nname = \"r\"\n[synthetic]\npractices = 60\n", "r.toml", ".");
  const ProgressFn quiet = [](int, int, std::string_view) {};
  const auto results = compute_run(scenario, quiet);
  write_run(scenario, results, dir, "t0", quiet);
  SqliteDb db(dir / "results.db");
  const auto run = read_run(db, 1);
  const auto lead = std::find(run.levels.begin(), run.levels.end(), run.info.lead_level);
  ASSERT_NE(lead, run.levels.end());
  const auto& orgs = run.organisations[static_cast<std::size_t>(lead - run.levels.begin())];
  ASSERT_EQ(run.risk.holders.size(), orgs.size());
  for (const auto& h : run.risk.holders) {
    EXPECT_GT(h.measures.mean, 0) << h.code;
    // The stored CDF rises from below 1% to above 99% and never falls.
    const auto& cdf = run.cdfs.at(h.level + "/" + h.code);
    ASSERT_GE(cdf.size(), 50u) << h.code;
    EXPECT_LT(cdf.front().second, 0.01);
    EXPECT_GT(cdf.back().second, 0.99);
    for (std::size_t i = 1; i < cdf.size(); ++i) {
      EXPECT_GE(cdf[i].first, cdf[i - 1].first);
      EXPECT_GE(cdf[i].second, cdf[i - 1].second);
    }
    // The stored measures are the in-memory ones.
    const auto& mem = *std::find_if(results.risk.holders.begin(), results.risk.holders.end(),
                                    [&](const auto& x) { return x.code == h.code; });
    EXPECT_DOUBLE_EQ(h.measures.reserve99, mem.measures.reserve99);
    // Each stored point is the distribution read as the measures read it (a histogram), so the
    // curve and P(overspend) agree.
    for (const auto& [cost, p] : cdf)
      EXPECT_NEAR(p, mem.distribution.total() - histogram_exceedance(mem.distribution, cost), 1e-12)
          << h.code << " at " << cost;
  }
  ASSERT_FALSE(run.size_curve.empty());
  // CV falls with pool size.
  EXPECT_GT(run.size_curve.front().cv, run.size_curve.back().cv);
  std::ifstream in(dir / "report.html");
  const std::string html{std::istreambuf_iterator<char>(in), {}};
  EXPECT_NE(html.find("id=\"exceedance\""), std::string::npos);
  EXPECT_NE(html.find("id=\"size-curve\""), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pco

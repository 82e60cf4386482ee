#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "run/run_job.hpp"
#include "scenario_file/scenario_file.hpp"
#include "serve/api.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

class DashboardApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / ("pco_api_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    const auto scenario = parse_scenario(
        "schema_version = 1\nname = \"api\"\n[synthetic]\nseed = 4\npractices = 40\n", "a.toml",
        ".");
    const ProgressFn quiet = [](int, int, std::string_view) {};
    const auto results = compute_run(scenario, quiet);
    write_run(scenario, results, dir_, "2026-01-01T00:00:00Z", quiet);
    write_run(scenario, results, dir_, "2026-01-01T00:00:01Z", quiet);
    expected_population_ = results.economy.population.total_patients();
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }

  static std::filesystem::path dir_;
  static std::int64_t expected_population_;
};
std::filesystem::path DashboardApiTest::dir_;
std::int64_t DashboardApiTest::expected_population_ = 0;

TEST_F(DashboardApiTest, ListsRunsAndServesEachView) {
  DashboardApi api(dir_ / "results.db");
  const auto runs = api.handle_request("GET", "/api/runs", "");
  ASSERT_EQ(runs.status, 200);
  const auto list = nlohmann::json::parse(runs.body)["runs"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1]["run_id"], 2);
  EXPECT_EQ(list[0]["lead_level"], "organisation");

  const auto run = nlohmann::json::parse(api.handle_request("GET", "/api/runs/1", "").body);
  EXPECT_EQ(run["levels"], (nlohmann::json{"network", "organisation", "region"}));
  EXPECT_EQ(run["practices"], 40);

  const auto orgs = api.handle_request("GET", "/api/runs/2/organisations", "level=region");
  ASSERT_EQ(orgs.status, 200) << orgs.body;
  std::int64_t total = 0;
  const auto org_json = nlohmann::json::parse(orgs.body);
  for (const auto& o : org_json["organisations"])
    total += o["population"].get<std::int64_t>();
  EXPECT_EQ(total, expected_population_);

  const auto practices = nlohmann::json::parse(
      api.handle_request("GET", "/api/runs/1/practices", "level=network").body);
  EXPECT_EQ(practices["level"], "network");
  EXPECT_EQ(practices["practices"].size(), 40u);
  EXPECT_FALSE(practices["practices"][0]["organisation"].get<std::string>().empty());
}

TEST_F(DashboardApiTest, RefusesBadRequestsWithProperStatusCodes) {
  DashboardApi api(dir_ / "results.db");
  EXPECT_EQ(api.handle_request("GET", "/api/runs/9", "").status, 404);
  EXPECT_EQ(api.handle_request("GET", "/api/runs/x", "").status, 400);
  EXPECT_EQ(api.handle_request("GET", "/api/runs/-1", "").status, 400);
  EXPECT_EQ(api.handle_request("GET", "/api/runs/1/organisations", "level=ward").status, 404);
  EXPECT_EQ(api.handle_request("GET", "/api/runs/1/nothing", "").status, 404);
  EXPECT_EQ(api.handle_request("GET", "/api/../results.db", "").status, 400);
  EXPECT_EQ(api.handle_request("GET", "/..%2f..%2fetc/passwd", "").status, 400);
  EXPECT_EQ(api.handle_request("GET", "relative", "").status, 400);
  EXPECT_EQ(api.handle_request("POST", "/api/runs", "").status, 405);
  EXPECT_EQ(api.handle_request("DELETE", "/api/runs/1", "").status, 405);
  EXPECT_EQ(api.handle_request("GET", "/api/runs", "level=%zz").status, 400);
  EXPECT_EQ(api.handle_request("GET", "/api/runs", "level=%4").status, 400);
  EXPECT_EQ(api.handle_request("GET", "/" + std::string(600, 'a'), "").status, 414);
  EXPECT_EQ(api.handle_request("GET", "/api/runs", std::string(2000, 'q')).status, 414);
  EXPECT_EQ(api.handle_request("GET", "/nope.html", "").status, 404);
  const auto error = nlohmann::json::parse(api.handle_request("GET", "/api/runs/9", "").body);
  EXPECT_NE(error["error"].get<std::string>().find("has no run 9"), std::string::npos);
}

TEST_F(DashboardApiTest, ServesTheFrontEnd) {
  DashboardApi api(dir_ / "results.db");
  const auto index = api.handle_request("GET", "/", "");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("pco dashboard"), std::string::npos);
  EXPECT_EQ(api.handle_request("GET", "/app.js", "").content_type,
            "text/javascript; charset=utf-8");
  EXPECT_EQ(api.handle_request("GET", "/style.css", "").status, 200);
}

TEST_F(DashboardApiTest, NeverWritesToTheStore) {
  const auto path = dir_ / "results.db";
  std::ifstream before_in(path, std::ios::binary);
  const std::string before{std::istreambuf_iterator<char>(before_in), {}};
  const auto mtime = std::filesystem::last_write_time(path);
  {
    DashboardApi api(path);
    for (const auto* p : {"/api/runs", "/api/runs/1", "/api/runs/2/practices"})
      api.handle_request("GET", p, "");
  }
  std::ifstream after_in(path, std::ios::binary);
  const std::string after{std::istreambuf_iterator<char>(after_in), {}};
  EXPECT_EQ(before, after);
  EXPECT_EQ(mtime, std::filesystem::last_write_time(path));
}

TEST(DashboardApiOpen, AMissingOrForeignStoreIsAnIoError) {
  EXPECT_THROW(DashboardApi("/nonexistent/results.db"), IoError);
  const auto foreign = std::filesystem::temp_directory_path() /
                       ("pco_api_foreign_" + std::to_string(::getpid()) + ".db");
  std::ofstream(foreign) << "not a database at all, just text that is long enough to matter";
  EXPECT_THROW(DashboardApi{foreign}, IoError);
  std::filesystem::remove(foreign);
}

}  // namespace
}  // namespace pco

namespace pco {
namespace {

TEST(DashboardApiRuns, ARunAddedWhileServingAppearsInTheList) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("pco_api_new_run_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto scenario = parse_scenario(
      "schema_version = 1\nname = \"n\"\n[synthetic]\npractices = 12\n", "n.toml", ".");
  const ProgressFn quiet = [](int, int, std::string_view) {};
  const auto results = compute_run(scenario, quiet);
  write_run(scenario, results, dir, "t0", quiet);
  DashboardApi api(dir / "results.db");
  const auto count = [&] {
    return nlohmann::json::parse(api.handle_request("GET", "/api/runs", "").body)["runs"].size();
  };
  EXPECT_EQ(count(), 1u);
  EXPECT_EQ(count(), 1u);
  write_run(scenario, results, dir, "t1", quiet);
  EXPECT_EQ(count(), 2u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pco

namespace pco {
namespace {

TEST(DashboardApiAllocations, EveryLevelReconcilesToTheSameTotal) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("pco_api_alloc_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto scenario = parse_scenario(
      "schema_version = 1\nname = \"a\"\n[synthetic]\npractices = 30\n", "a.toml", ".");
  const ProgressFn quiet = [](int, int, std::string_view) {};
  write_run(scenario, compute_run(scenario, quiet), dir, "t0", quiet);
  DashboardApi api(dir / "results.db");
  std::vector<std::int64_t> totals;
  for (const auto* level : {"network", "organisation", "region"}) {
    const auto r =
        api.handle_request("GET", "/api/runs/1/allocations", std::string("level=") + level);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = nlohmann::json::parse(r.body);
    std::int64_t total = 0;
    for (const auto& a : body["allocations"]) {
      total += a["allocation_pence"].get<std::int64_t>();
      std::int64_t components = 0;
      for (const auto& [name, pence] : a["components"].items())
        components += pence.get<std::int64_t>();
      EXPECT_EQ(components, a["allocation_pence"].get<std::int64_t>()) << a["code"];
    }
    totals.push_back(total);
  }
  EXPECT_EQ(totals[0], totals[1]);
  EXPECT_EQ(totals[1], totals[2]);
  EXPECT_GT(totals[0], 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pco

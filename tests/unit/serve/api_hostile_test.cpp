// Issue 18, items 7 and 8: a client's mistakes get 400 or 404 (never 500), and no sequence of
// requests grows the server's cache without bound.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "run/run_job.hpp"
#include "scenario_file/scenario_file.hpp"
#include "serve/api.hpp"
#include "serve/response_cache.hpp"

namespace pco {
namespace {

class HostileClients : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / ("pco_hostile_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    const auto scenario = parse_scenario(
        "schema_version = 1\nname = \"h\"\n[synthetic]\nseed = 4\npractices = 30\n", "h.toml", ".");
    const ProgressFn quiet = [](int, int, std::string_view) {};
    write_run(scenario, compute_run(scenario, quiet), dir_, "2026-01-01T00:00:00Z", quiet);
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }
  static std::filesystem::path dir_;
};
std::filesystem::path HostileClients::dir_;

TEST_F(HostileClients, BadPathsAndParametersAreTheClientsError) {
  DashboardApi api(dir_ / "results.db");
  const std::vector<std::tuple<std::string, std::string, int>> cases = {
      {"/api/", "", 404},
      {"/api", "", 404},
      {"/api/run", "", 404},
      {"/api/runs/", "", 400},
      {"/api/runs/x", "", 400},
      {"/api/runs/99999999999999999999", "", 400},
      {"/api/runs/1/nothing", "", 404},
      {"/api/runs/1/organisations", "level=%FF%FE", 400},
      {"/api/runs/1/organisations", "level=\xC3\x28", 400},
      {"/api/runs/1/organisations", "level=%ED%A0%80", 400},  // a UTF-16 surrogate
      {"/api/runs/1/organisations", "level=nowhere", 404},
      {"/api/runs/1/organisations", "level=%zz", 400},
      {"/api/runs/1/\xFF", "", 400},
      {"/api/runs/2", "", 404},
  };
  for (const auto& [path, query, status] : cases) {
    const auto r = api.handle_request("GET", path, query);
    EXPECT_EQ(r.status, status) << path << "?" << query << " -> " << r.body;
    EXPECT_NO_THROW((void)nlohmann::json::parse(r.body)) << path;
  }
  // A valid multi-byte level name is fine (answers 404: no such level, not 400).
  EXPECT_EQ(api.handle_request("GET", "/api/runs/1/organisations", "level=%C3%A9").status, 404);
}

TEST_F(HostileClients, DistinctParametersDoNotGrowTheCache) {
  DashboardApi api(dir_ / "results.db");
  for (int i = 0; i < 5000; ++i) {
    const auto q = "level=" + std::to_string(i);
    EXPECT_EQ(api.handle_request("GET", "/api/runs/1", q).status, 200);
    EXPECT_EQ(api.handle_request("GET", "/api/runs/1/practices", q).status, 404);
  }
  // One response for the run's own page, whatever ?level= said.
  EXPECT_EQ(api.cached_responses(), 1u);
  EXPECT_LE(api.cached_bytes(), DashboardApi::kCacheBytes);
}

TEST(ResponseCacheTest, KeepsTheMostRecentlyUsedWithinBothBounds) {
  ResponseCache cache(3, 1000);
  const auto response = [](std::size_t bytes) {
    return ApiResponse{200, "t", std::string(bytes, 'x')};
  };
  cache.put("a", response(100));
  cache.put("b", response(100));
  cache.put("c", response(100));
  ASSERT_NE(cache.find("a"), nullptr);  // now the most recently used
  cache.put("d", response(100));        // over 3 entries: "b" goes
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.find("b"), nullptr);
  EXPECT_NE(cache.find("a"), nullptr);
  cache.put("e", response(800));  // over 1000 bytes: the oldest go until it fits
  EXPECT_LE(cache.bytes(), 1000u);
  EXPECT_NE(cache.find("e"), nullptr);
  cache.put("huge", response(5000));  // larger than the whole budget: not kept
  EXPECT_EQ(cache.find("huge"), nullptr);
  EXPECT_LE(cache.bytes(), 1000u);
}

}  // namespace
}  // namespace pco

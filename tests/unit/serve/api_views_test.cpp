// The dashboard API's appraisal, simulation and run-comparison views (docs/api.md).
#include <filesystem>
#include <fstream>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "run/run_job.hpp"
#include "scenario_file/scenario_file.hpp"
#include "serve/api.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

class DashboardApiViewsTest : public ::testing::Test {
 protected:
  // Run 1: 60 practices with an appraisal and a simulation. Run 2: 40 practices (so some
  // organisations exist in one run only) and budgets 5% above expected cost.
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / ("pco_api_views_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    const ProgressFn quiet = [](int, int, std::string_view) {};
    const auto first = parse_scenario(
        "schema_version = 1\nname = \"first\"\nseed = 5\n[synthetic]\nseed = 2\npractices = 60\n"
        "[appraisal]\nyears = 5\ndraws = 20\n[[appraisal.alternative]]\nname = \"one per "
        "region\"\nlevel = \"region\"\n"
        "[simulation]\nreplications = 200\nyears = 3\nshock_cv = 0.02\n",
        "first.toml", ".");
    write_run(first, compute_run(first, quiet), dir_, "2026-01-01T00:00:00Z", quiet);
    const auto second = parse_scenario(
        "schema_version = 1\nname = \"second\"\n[synthetic]\nseed = 2\npractices = 40\n"
        "[risk]\nmargin = 0.05\n",
        "second.toml", ".");
    write_run(second, compute_run(second, quiet), dir_, "2026-01-01T00:00:01Z", quiet);
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }

  static nlohmann::json get(DashboardApi& api, const std::string& path,
                            const std::string& query = "") {
    const auto r = api.handle_request("GET", path, query);
    EXPECT_EQ(r.status, 200) << path << "?" << query << ": " << r.body;
    return nlohmann::json::parse(r.body);
  }

  static std::filesystem::path dir_;
};
std::filesystem::path DashboardApiViewsTest::dir_;

TEST_F(DashboardApiViewsTest, ServesTheStoredAppraisal) {
  DashboardApi api(dir_ / "results.db");
  const auto a = get(api, "/api/runs/1/appraisal");
  EXPECT_EQ(a["run_id"], 1);
  EXPECT_EQ(a["years"], 5);
  ASSERT_EQ(a["configurations"].size(), 2u);
  EXPECT_TRUE(a["configurations"][0]["status_quo"].get<bool>());
  EXPECT_EQ(a["configurations"][1]["name"], "one per region");
  EXPECT_EQ(a["configurations"][1]["npv_uncertainty"]["draws"], 20);
  EXPECT_FALSE(a["tornado"].empty());
  const auto none = api.handle_request("GET", "/api/runs/2/appraisal", "");
  EXPECT_EQ(none.status, 404);
  EXPECT_NE(none.body.find("no [appraisal] section"), std::string::npos) << none.body;
  EXPECT_EQ(api.handle_request("GET", "/api/runs/7/appraisal", "").status, 404);
}

TEST_F(DashboardApiViewsTest, ServesTheStoredSimulationWithItsFanChartQuantiles) {
  DashboardApi api(dir_ / "results.db");
  const auto s = get(api, "/api/runs/1/simulation");
  EXPECT_EQ(s["settings"]["replications"], 200);
  EXPECT_EQ(s["settings"]["years"], 3);
  const auto risk = get(api, "/api/runs/1/risk");
  ASSERT_EQ(s["holders"].size(), risk["risk"].size());
  for (const auto& h : s["holders"]) {
    ASSERT_EQ(h["years"].size(), 3u);
    for (const auto& y : h["years"]) {
      double previous = -1e300;
      for (const auto* q : {"cost_q05", "cost_q25", "cost_q50", "cost_q75", "cost_q95"}) {
        const double v = y[q]["value"].get<double>();
        EXPECT_GE(v, previous) << h["code"] << " year " << y["year"] << " " << q;
        previous = v;
      }
      EXPECT_GE(y["p_overspend"]["se"].get<double>(), 0);
    }
  }
  // Year 1's budget is the risk budget of the same holder.
  for (std::size_t i = 0; i < risk["risk"].size(); ++i) {
    const auto& r = risk["risk"][i];
    const auto& h = s["holders"][i];
    ASSERT_EQ(h["code"], r["code"]);
    EXPECT_NEAR(h["years"][0]["budget"].get<double>(), r["budget_pence"].get<double>() / 100.0,
                0.01);
  }
  EXPECT_EQ(api.handle_request("GET", "/api/runs/2/simulation", "").status, 404);
}

// Every delta equals the difference of the values the per-run views serve, organisations in
// one run only have no delta, and totals add up the rows.
TEST_F(DashboardApiViewsTest, CompareGivesEveryOrganisationsChangeBetweenRuns) {
  DashboardApi api(dir_ / "results.db");
  const auto c = get(api, "/api/runs/1/compare", "with=2&level=organisation");
  EXPECT_EQ(c["level"], "organisation");
  EXPECT_EQ(c["with"], 2);
  EXPECT_FALSE(c["same_scenario"].get<bool>());
  std::map<std::string, std::map<std::string, double>> served[2];
  for (int run : {1, 2}) {
    const auto q = std::string("level=organisation");
    const auto path = "/api/runs/" + std::to_string(run);
    auto& m = served[run - 1];
    const auto organisations = get(api, path + "/organisations", q);
    const auto allocations = get(api, path + "/allocations", q);
    const auto risk = get(api, path + "/risk", q);
    for (const auto& o : organisations["organisations"]) {
      m[o["code"].get<std::string>()]["population"] = o["population"].get<double>();
      m[o["code"].get<std::string>()]["practices"] = o["practices"].get<double>();
    }
    for (const auto& a : allocations["allocations"]) {
      m[a["code"].get<std::string>()]["allocation_pence"] = a["allocation_pence"].get<double>();
      m[a["code"].get<std::string>()]["need_index"] = a["need_index"].get<double>();
    }
    for (const auto& r : risk["risk"]) {
      m[r["code"].get<std::string>()]["p_overspend_5pct"] = r["p_overspend_5pct"].get<double>();
      m[r["code"].get<std::string>()]["reserve99"] = r["reserve99"].get<double>();
      m[r["code"].get<std::string>()]["budget_pence"] = r["budget_pence"].get<double>();
    }
  }
  std::size_t both = 0;
  std::size_t one = 0;
  double population_change = 0;
  for (const auto& o : c["organisations"]) {
    const std::string code = o["code"];
    EXPECT_EQ(o["in_base"].get<bool>(), served[0].count(code) == 1) << code;
    EXPECT_EQ(o["in_other"].get<bool>(), served[1].count(code) == 1) << code;
    if (o["in_base"].get<bool>() && o["in_other"].get<bool>()) {
      ++both;
      for (const auto& [key, base] : served[0][code]) {
        EXPECT_EQ(o["base"][key].get<double>(), base) << code << " " << key;
        EXPECT_EQ(o["change"][key].get<double>(), served[1].at(code).at(key) - base)
            << code << " " << key;
      }
    } else {
      ++one;
      EXPECT_TRUE(o["change"]["population"].is_null()) << code;
    }
    population_change += (o["in_other"].get<bool>() ? o["other"]["population"].get<double>() : 0) -
                         (o["in_base"].get<bool>() ? o["base"]["population"].get<double>() : 0);
  }
  EXPECT_GT(both, 0u);
  EXPECT_GT(one, 0u);  // 60 and 40 practices make different numbers of organisations
  EXPECT_EQ(c["totals"]["change"]["population"].get<double>(), population_change);
  // Budgets 5% above expected cost in run 2 lower every shared holder's P(overspend >= 5%).
  for (const auto& o : c["organisations"]) {
    if (!o["change"]["p_overspend_5pct"].is_null()) {
      EXPECT_LE(o["change"]["p_overspend_5pct"].get<double>(), 0) << o["code"];
    }
  }
}

TEST_F(DashboardApiViewsTest, CompareRefusesBadArguments) {
  DashboardApi api(dir_ / "results.db");
  EXPECT_EQ(api.handle_request("GET", "/api/runs/1/compare", "").status, 400);
  EXPECT_EQ(api.handle_request("GET", "/api/runs/1/compare", "with=x").status, 400);
  EXPECT_EQ(api.handle_request("GET", "/api/runs/1/compare", "with=9").status, 404);
  EXPECT_EQ(api.handle_request("GET", "/api/runs/1/compare", "with=2&level=ward").status, 404);
}

// Organisations as areas (the shapes the report draws): one per organisation with located
// practices, tiling the land, every located practice counted once; an unknown level is a 404.
TEST_F(DashboardApiViewsTest, ServesEachOrganisationAsAnAreaTilingTheLand) {
  DashboardApi api(dir_ / "results.db");
  const auto run = get(api, "/api/runs/1");
  const std::string level = run["lead_level"];
  const auto a = get(api, "/api/runs/1/areas", "level=" + level);
  const auto orgs = get(api, "/api/runs/1/organisations", "level=" + level);
  EXPECT_EQ(a["level"], level);
  ASSERT_EQ(a["areas"].size(), orgs["organisations"].size());
  double total_km2 = 0;
  std::size_t practices = 0;
  for (std::size_t i = 0; i < a["areas"].size(); ++i) {
    const auto& area = a["areas"][i];
    EXPECT_EQ(area["code"], orgs["organisations"][i]["code"]);  // both sorted by code
    EXPECT_GT(area["area_km2"].get<double>(), 0) << area["code"];
    ASSERT_FALSE(area["polygons"].empty()) << area["code"];
    const auto& ring = area["polygons"][0][0];
    EXPECT_EQ(ring.front(), ring.back()) << "rings are closed";
    EXPECT_EQ(ring.front().size(), 2u) << "[longitude, latitude]";
    total_km2 += area["area_km2"].get<double>();
    practices += area["practices"].get<std::size_t>();
  }
  EXPECT_NEAR(total_km2, a["land_area_km2"].get<double>(), 1e-6 * total_km2);
  EXPECT_EQ(
      practices + a["shared_locations"].get<std::size_t>() + a["outside_land"].get<std::size_t>(),
      a["practices"].get<std::size_t>());
  EXPECT_NE(a["land_source"].get<std::string>().find("hull"), std::string::npos)
      << "without boundaries the land is the widened hull, and says so: " << a["land_source"];
  EXPECT_EQ(api.handle_request("GET", "/api/runs/1/areas", "level=ward").status, 404);
  // Each practice says whether its ages were imputed (the dashboard warns from it); the
  // synthetic economy has every practice's age-sex counts.
  const auto practices_json = get(api, "/api/runs/1/practices", "level=" + level);
  for (const auto& p : practices_json["practices"]) {
    ASSERT_TRUE(p["imputed_ages"].is_boolean()) << p["code"];
    EXPECT_FALSE(p["imputed_ages"].get<bool>()) << p["code"];
  }
}

// The outlines of [report] boundaries come back as [longitude, latitude] rings; a run
// without them has an empty list.
TEST(DashboardApiBoundaries, ServesTheScenariosOutlines) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("pco_api_bounds_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "b.geojson")
        << R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": )"
        << R"({"code": "B1", "name": "Outline one"}, "geometry": {"type": "Polygon", )"
        << R"("coordinates": [[[-1.5, 52.0], [-1.0, 52.0], [-1.0, 52.5], [-1.5, 52.0]]]}}]})";
  }
  const ProgressFn quiet = [](int, int, std::string_view) {};
  const auto with = parse_scenario(
      "schema_version = 1\nname = \"b\"\n[synthetic]\npractices = 12\n[report]\nboundaries = "
      "\"b.geojson\"\n",
      (dir / "b.toml").string(), dir);
  write_run(with, compute_run(with, quiet), dir / "out", "t0", quiet);
  const auto without = parse_scenario(
      "schema_version = 1\nname = \"n\"\n[synthetic]\npractices = 12\n", "n.toml", ".");
  write_run(without, compute_run(without, quiet), dir / "out", "t1", quiet);
  DashboardApi api(dir / "out" / "results.db");
  const auto b =
      nlohmann::json::parse(api.handle_request("GET", "/api/runs/1/boundaries", "").body);
  ASSERT_EQ(b["boundaries"].size(), 1u);
  EXPECT_EQ(b["boundaries"][0]["code"], "B1");
  EXPECT_EQ(b["boundaries"][0]["name"], "Outline one");
  EXPECT_EQ(b["boundaries"][0]["rings"][0][1], (nlohmann::json{-1.0, 52.0}));
  EXPECT_EQ(b["boundaries"][0]["rings"][0].size(), 4u);
  const auto none =
      nlohmann::json::parse(api.handle_request("GET", "/api/runs/2/boundaries", "").body);
  EXPECT_TRUE(none["boundaries"].empty());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pco

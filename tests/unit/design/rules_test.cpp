// The published design rules on the synthetic economy: coterminosity with areas drawn over it
// (every area's practices end in one organisation; a block larger than the upper bound is
// explained as infeasible), the providers rule (every organisation holds the minimum), and the
// graph of blocks built from their practices' neighbours.

#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "design/constraints.hpp"
#include "design/rules_report.hpp"
#include "scratch_dir.hpp"
#include "unit/design/design_fixture.hpp"

namespace pco {
namespace {

const ServiceModel& model() {
  static const ServiceModel m = default_service_model();
  return m;
}

const Economy& economy() {
  static const Economy e = test::synthetic_design_economy(300);
  return e;
}

class DesignRulesTest : public test::ScratchDirTest {
 protected:
  // A GeoJSON of `columns` x `rows` rectangles over the practices' bounding box.
  std::string grid_areas(int columns, int rows) {
    double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
    for (const auto& p : economy().population.practices()) {
      lat0 = std::min(lat0, p.location->lat);
      lat1 = std::max(lat1, p.location->lat);
      lon0 = std::min(lon0, p.location->lon);
      lon1 = std::max(lon1, p.location->lon);
    }
    lat0 -= 0.01, lat1 += 0.01, lon0 -= 0.01, lon1 += 0.01;
    std::string features;
    for (int i = 0; i < columns; ++i)
      for (int j = 0; j < rows; ++j) {
        const double a = lon0 + (lon1 - lon0) * i / columns,
                     b = lon0 + (lon1 - lon0) * (i + 1) / columns;
        const double c = lat0 + (lat1 - lat0) * j / rows, d = lat0 + (lat1 - lat0) * (j + 1) / rows;
        features += fmt::format(
            "{}{{\"type\":\"Feature\",\"properties\":{{\"AREA_CD\":\"A{}{}\",\"AREA_NM\":\"Area {} "
            "{}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{},{}],[{},{}],[{},{}],"
            "[{},{}],[{},{}]]]}}}}",
            features.empty() ? "" : ",", i, j, i, j, a, c, b, c, b, d, a, d, a, c);
      }
    return write("areas.geojson",
                 "{\"type\":\"FeatureCollection\",\"features\":[" + features + "]}");
  }
};

// Practices of each area by designed organisation.
std::map<int, std::set<int>> parts_by_area(const DesignResult& r) {
  std::map<int, std::set<int>> out;
  for (std::size_t a = 0; a < r.problem.atoms.atoms.size(); ++a)
    for (const auto q : r.problem.atoms.atoms[a].practices)
      if (r.problem.practice_area[q].area >= 0)
        out[r.problem.practice_area[q].area].insert(r.outcome.assignment[a]);
  return out;
}

TEST_F(DesignRulesTest, EveryAreasPracticesEndInOneOrganisation) {
  // 2.8 million people; the largest of the 16 areas holds 650,096.
  auto req = test::design_request(300000, 1000000);
  req.rules.coterminous = grid_areas(4, 4);
  const auto r = design(economy(), model(), req, 0, AppraisalParameters{});
  EXPECT_EQ(r.problem.area_codes.size(), 16u);
  EXPECT_LE(r.problem.atoms.atoms.size(), 16u);  // practice atoms joined into area blocks
  for (const auto& [area, parts] : parts_by_area(r))
    EXPECT_EQ(parts.size(), 1u) << r.problem.area_names[static_cast<std::size_t>(area)];
  EXPECT_TRUE(r.infeasible.empty());
  EXPECT_TRUE(r.plan.violations.empty()) << rules_text(r);
  EXPECT_TRUE(r.plan.contiguous);
  EXPECT_TRUE(r.plan.within_bounds);
  // Every organisation lists its areas, and the areas of all organisations are all the areas
  // holding practices, each once.
  std::size_t listed = 0;
  for (const auto& o : r.plan.organisations)
    listed += o.areas.size();
  EXPECT_EQ(listed, parts_by_area(r).size());
  // The block graph: blocks are neighbours only where their practices are.
  for (const auto& e : r.problem.graph.edges) {
    bool touching = false;
    for (const auto& f : r.problem.fine_graph.edges)
      touching = touching ||
                 (r.problem.fine_group[f.a] == static_cast<int>(e.a) &&
                  r.problem.fine_group[f.b] == static_cast<int>(e.b)) ||
                 (r.problem.fine_group[f.a] == static_cast<int>(e.b) &&
                  r.problem.fine_group[f.b] == static_cast<int>(e.a));
    EXPECT_TRUE(touching);
  }
}

TEST_F(DesignRulesTest, ABlockLargerThanTheUpperBoundIsExplained) {
  // Two areas only: each holds about half the economy, more than --max-pop.
  auto req = test::design_request(50000, 150000);
  req.rules.coterminous = grid_areas(2, 1);
  const auto r = design(economy(), model(), req, 0, AppraisalParameters{});
  ASSERT_EQ(r.infeasible.size(), 2u);
  EXPECT_EQ(r.infeasible[0].rule, "coterminous");  // each block joins many practice atoms
  const auto text = rules_text(r);
  EXPECT_NE(text.find("Design rules no plan can meet"), std::string::npos) << text;
  EXPECT_NE(text.find("more than --max-pop 150000"), std::string::npos) << text;
  bool max_pop_broken = false;
  for (const auto& v : r.plan.violations)
    max_pop_broken = max_pop_broken || v.rule == "max-pop";
  EXPECT_TRUE(max_pop_broken);
}

TEST_F(DesignRulesTest, EveryOrganisationHoldsTheMinimumOfProviders) {
  // 2.8 million people in 9-14 organisations.
  auto req = test::design_request(200000, 320000);
  // 40 synthetic acute providers, each at one of every 7th practice's location.
  const auto& practices = economy().population.practices();
  for (std::size_t i = 0; i < practices.size() && req.rules.providers.size() < 40; i += 7) {
    Trust t;
    t.code = fmt::format("T{:02d}", req.rules.providers.size());
    t.kind = TrustKind::acute;
    t.location = practices[i].location;
    t.icb = "Q00";
    req.rules.providers.push_back(t);
  }
  req.rules.min_providers = 2;
  const auto r = design(economy(), model(), req, 0, AppraisalParameters{});
  std::size_t held = 0;
  for (const auto& o : r.plan.organisations) {
    EXPECT_GE(o.providers.size(), 2u) << o.code;
    held += o.providers.size();
  }
  EXPECT_EQ(held, 40u);
  EXPECT_TRUE(r.plan.violations.empty()) << rules_text(r);
  EXPECT_EQ(r.plan.terms.providers, 0);
  // Asking for more providers than there are is explained before the search.
  req.rules.min_providers = 30;
  const auto impossible = design(economy(), model(), req, 0, AppraisalParameters{});
  ASSERT_FALSE(impossible.infeasible.empty());
  EXPECT_EQ(impossible.infeasible.back().rule, "min-providers");
}

}  // namespace
}  // namespace pco

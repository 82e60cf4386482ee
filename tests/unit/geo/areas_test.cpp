// Areas from boundaries: points inside (even-odd over all rings, so holes work), the nearest
// area for a point just outside, and how one set of areas falls into another (mergers), on
// squares whose answers are known exactly.

#include <gtest/gtest.h>

#include "geo/areas.hpp"
#include "geo/succession.hpp"

namespace pco {
namespace {

// A lat/lon square [lat0, lat0 + size] x [lon0, lon0 + size] as one closed ring.
std::vector<GeoPoint> square(double lat0, double lon0, double size) {
  return {{lat0, lon0},
          {lat0, lon0 + size},
          {lat0 + size, lon0 + size},
          {lat0 + size, lon0},
          {lat0, lon0}};
}

Boundary area(std::string code, std::vector<std::vector<GeoPoint>> rings) {
  return {std::move(code), "", std::move(rings)};
}

TEST(Areas, ContainmentRespectsHolesAndSeveralParts) {
  // A: a 1° square with a 0.2° hole in the middle; B: the hole itself plus a separate island.
  const AreaIndex index({area("A", {square(52, -1, 1), square(52.4, -0.6, 0.2)}),
                         area("B", {square(52.4, -0.6, 0.2), square(50, 1, 0.1)})});
  EXPECT_EQ(index.containing({52.1, -0.9}), 0);
  EXPECT_EQ(index.containing({52.5, -0.5}), 1);   // in the hole of A, inside B
  EXPECT_EQ(index.containing({50.05, 1.05}), 1);  // B's island
  EXPECT_EQ(index.containing({53.5, -0.5}), -1);
  // 0.01° of latitude north of A's top edge: 1.11 km away.
  const auto [near, km] = index.nearest({53.01, -0.5});
  EXPECT_EQ(near, 0);
  EXPECT_NEAR(km, 1.1132, 1e-3);
  const auto placed = place_points(index, {{53.01, -0.5}, {55, -0.5}}, 5.0);
  EXPECT_EQ(placed[0].area, 0);
  EXPECT_TRUE(placed[0].nearest);
  EXPECT_EQ(placed[1].area, -1);  // 222 km away: unplaced
}

TEST(Areas, SuccessionFindsMergersAndSplits) {
  // Before: four 1° squares in a row; after: the first two merged (X), the last two split
  // unevenly: Y takes square 3 and a quarter of square 4, Z the rest of square 4.
  const AreaIndex before({area("S1", {square(52, 0, 1)}), area("S2", {square(52, 1, 1)}),
                          area("S3", {square(52, 2, 1)}), area("S4", {square(52, 3, 1)})});
  const std::vector<GeoPoint> x = {{52, 0}, {52, 2}, {53, 2}, {53, 0}, {52, 0}};
  const std::vector<GeoPoint> y = {{52, 2}, {52, 3.25}, {53, 3.25}, {53, 2}, {52, 2}};
  const std::vector<GeoPoint> z = {{52, 3.25}, {52, 4}, {53, 4}, {53, 3.25}, {52, 3.25}};
  const AreaIndex after({area("X", {x}), area("Y", {y}), area("Z", {z})});
  const auto s = area_successions(before, after, 400);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].after.front().first, "X");
  EXPECT_DOUBLE_EQ(s[0].after.front().second, 1.0);
  EXPECT_EQ(s[3].after.front().first, "Z");
  // A 20x20 grid of sample points: 5 of 20 columns (a quarter) fall in Y.
  EXPECT_NEAR(s[3].after.front().second, 0.75, 1e-12);
  const auto plan = plan_successions(before, after, nullptr, nullptr, 0.05, 400);
  ASSERT_EQ(plan.merged.size(), 1u);
  EXPECT_EQ(plan.merged[0].code, "X");
  EXPECT_EQ(plan.merged[0].predecessors.size(), 2u);
  EXPECT_EQ(plan.unchanged.size(), 2u);  // Y <- S3, Z <- S4
  ASSERT_EQ(plan.split.size(), 1u);
  EXPECT_EQ(plan.split[0].before_code, "S4");
  const auto toml = succession_toml(plan, "replay", "ccg");
  EXPECT_NE(toml.find("codes = [\"S1\", \"S2\"]\ncode = \"X\""), std::string::npos) << toml;
}

}  // namespace
}  // namespace pco

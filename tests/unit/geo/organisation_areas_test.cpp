// Organisation areas against shapes worked by hand: a 3 × 3 grid of practices 1 km apart in a
// 3 km square of land, organisations by column, gives three 1 km × 3 km strips; a hole in the
// land stays a hole; without land the practices' hull widened by the buffer stands in.
#include <algorithm>
#include <cmath>
#include <iterator>

#include <gtest/gtest.h>

#include "geo/geometry.hpp"
#include "geo/organisation_areas.hpp"

namespace pco {
namespace {

// Points of the British National Grid (metres) near the middle of England as latitude and
// longitude: the practices of a 3 × 3 grid 1 km apart, then the corners of the squares used
// below, converted in one PROJ call (setting PROJ up is the slow part).
constexpr double kCorners[] = {0, 1000, 1500, 2000, 3000};

const std::vector<GeoPoint>& converted() {
  static const std::vector<GeoPoint> points = [] {
    std::vector<PlanePoint> plane;
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c)
        plane.push_back({400'000 + 500.0 + 1000 * c, 300'000 + 500.0 + 1000 * r});
    for (const double y : kCorners)
      for (const double x : kCorners)
        plane.push_back({400'000 + x, 300'000 + y});
    return from_national_grid(plane);
  }();
  return points;
}

GeoPoint corner(double x, double y) {
  const auto index = [](double v) {
    return static_cast<std::size_t>(std::find(std::begin(kCorners), std::end(kCorners), v) -
                                    std::begin(kCorners));
  };
  return converted()[9 + index(y) * 5 + index(x)];
}

std::vector<GeoPoint> square(double x0, double y0, double x1, double y1) {
  return {corner(x0, y0), corner(x1, y0), corner(x1, y1), corner(x0, y1), corner(x0, y0)};
}

std::vector<LocatedPractice> grid(const char* (*org)(int column, int row)) {
  std::vector<LocatedPractice> out;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c)
      out.push_back({converted()[static_cast<std::size_t>(r * 3 + c)], org(c, r), 1000});
  return out;
}

TEST(OrganisationAreas, ColumnsOfAGridAreStripsOfTheLand) {
  const std::vector<Boundary> land = {{"L", "land", {square(0, 0, 3000, 3000)}}};
  const auto r = organisation_areas(grid([](int c, int) {
                                      static const char* codes[] = {"A", "B", "C"};
                                      return codes[c];
                                    }),
                                    land, {0.0, 5000});
  ASSERT_EQ(r.areas.size(), 3u);
  EXPECT_NEAR(r.land_area_km2, 9.0, 1e-6);
  for (const auto& a : r.areas) {
    SCOPED_TRACE(a.code);
    EXPECT_NEAR(a.area_km2, 3.0, 1e-6);  // projection round trips are good to a millimetre
    EXPECT_EQ(a.practices, 3u);
    ASSERT_EQ(a.polygons.size(), 1u);  // the column's three cells dissolve into one strip
    EXPECT_TRUE(a.polygons[0].holes.empty());
  }
  EXPECT_EQ(r.areas[0].code, "A");
  EXPECT_NE(r.land_source.find("union of the 1 boundaries"), std::string::npos);
}

TEST(OrganisationAreas, AnOrganisationInTwoPlacesHasTwoPartsAndPracticesWithoutOneAreBlank) {
  const std::vector<Boundary> land = {{"L", "land", {square(0, 0, 3000, 3000)}}};
  // Corners belong to X (four separate cells), the centre to nobody, the rest to Y.
  const auto r = organisation_areas(grid([](int c, int r) {
                                      if (c == 1 && r == 1) return "";
                                      return (c != 1 && r != 1) ? "X" : "Y";
                                    }),
                                    land, {0.0, 5000});
  ASSERT_EQ(r.areas.size(), 2u);
  EXPECT_EQ(r.areas[0].polygons.size(), 4u);
  EXPECT_NEAR(r.areas[0].area_km2, 4.0, 1e-6);
  EXPECT_NEAR(r.areas[1].area_km2, 4.0, 1e-6);  // the centre's 1 km² is left blank
}

TEST(OrganisationAreas, HolesInTheLandStayHolesAndSharedLocationsAreDrawnOnce) {
  // Land: the square with a 1 km² lake around the centre practice's cell.
  const std::vector<Boundary> land = {
      {"L", "land", {square(0, 0, 3000, 3000), square(1000, 1000, 2000, 2000)}}};
  auto practices = grid([](int, int) { return "A"; });
  practices.push_back({practices[0].location, "B", 10});  // shares A's corner, smaller
  const auto r = organisation_areas(practices, land, {0.0, 5000});
  EXPECT_NEAR(r.land_area_km2, 8.0, 1e-6);
  ASSERT_EQ(r.areas.size(), 1u);  // B's location is drawn by the larger practice there
  EXPECT_EQ(r.shared_locations, 1u);
  EXPECT_EQ(r.outside_land, 1u);  // the centre practice stands in the lake
  ASSERT_EQ(r.areas[0].polygons.size(), 1u);
  EXPECT_EQ(r.areas[0].polygons[0].holes.size(), 1u);
  EXPECT_NEAR(r.areas[0].area_km2, 8.0, 1e-6);
  EXPECT_NEAR(area_km2(r.areas[0].polygons), 8.0, 1e-6);
  // The western half less the lake's western half: 4.5 − 0.5 km².
  EXPECT_NEAR(intersection_area_km2(r.areas[0].polygons, {{square(0, 0, 1500, 3000), {}}}), 4.0,
              1e-5);
}

TEST(OrganisationAreas, WithoutLandTheHullWidenedByTheBufferStandsIn) {
  const auto r = organisation_areas(grid([](int, int) { return "A"; }), {}, {0.0, 1000});
  ASSERT_EQ(r.areas.size(), 1u);
  // A 2 km square widened by 1 km with 8 segments per quarter circle: 4 + 8 + π (nearly).
  const double octagon_corners = 4 * 8 * 0.5 * std::sin(2 * M_PI / 32);
  EXPECT_NEAR(r.areas[0].area_km2, 4 + 8 + octagon_corners, 1e-6);
  EXPECT_NE(r.land_source.find("convex hull"), std::string::npos);
}

}  // namespace
}  // namespace pco

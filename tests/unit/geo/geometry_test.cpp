// The neighbour graph and cells against closed forms: a regular grid's interior Voronoi cell
// is a square (Polsby–Popper π/4), a circle's is 1, islands join by their nearest points.
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "geo/geometry.hpp"

namespace pco {
namespace {

std::vector<PlanePoint> grid(double x0, double y0, int side, double step) {
  std::vector<PlanePoint> out;
  for (int i = 0; i < side; ++i)
    for (int j = 0; j < side; ++j)
      out.push_back({x0 + i * step, y0 + j * step});
  return out;
}

bool connected(const NeighbourGraph& g) {
  std::vector<bool> seen(g.points.size(), false);
  std::vector<std::size_t> queue{0};
  seen[0] = true;
  for (std::size_t i = 0; i < queue.size(); ++i)
    for (const auto e : g.adjacent[queue[i]]) {
      const auto j = g.other(e, queue[i]);
      if (!seen[j]) {
        seen[j] = true;
        queue.push_back(j);
      }
    }
  return queue.size() == g.points.size();
}

TEST(DesignGeometry, PolsbyPopperOfCircleAndSquare) {
  const double r = 3.5;
  EXPECT_NEAR(polsby_popper(M_PI * r * r, 2 * M_PI * r), 1.0, 1e-15);
  EXPECT_NEAR(polsby_popper(4.0, 8.0), M_PI / 4, 1e-15);
}

TEST(DesignGeometry, InteriorCellOfAGridIsASquare) {
  // The centre of a 5 x 5 grid at 1 km spacing: its cell is the 1 km square around it.
  const auto g = neighbour_graph(grid(0, 0, 5, 1000));
  const std::size_t centre = 12;
  EXPECT_NEAR(g.cell_area[centre], 1e6, 1e-3);
  EXPECT_NEAR(g.cell_perimeter[centre], 4000, 1e-6);
  EXPECT_NEAR(polsby_popper(g.cell_area[centre], g.cell_perimeter[centre]), M_PI / 4, 1e-9);
  // It shares 1 km of boundary with each of its four grid neighbours (and none with the
  // diagonal ones, whose cells meet it at a corner).
  double shared = 0;
  for (const auto e : g.adjacent[centre])
    shared += g.edges[e].shared;
  EXPECT_NEAR(shared, 4000, 1e-6);
  // The cells tile the boundary: their areas add up to the buffered hull's area, which for a
  // 4 km square buffered by 5 km is 16 + 4·4·5 km² plus the corners: GEOS draws each quarter
  // circle with 8 segments, so together a regular 32-gon of radius 5 km, 16·25·sin(π/16).
  const double total = std::accumulate(g.cell_area.begin(), g.cell_area.end(), 0.0);
  EXPECT_NEAR(total / 1e6, 16 + 80 + 16 * 25 * std::sin(M_PI / 16), 1e-6);
  EXPECT_TRUE(connected(g));
}

TEST(DesignGeometry, IslandIsBridgedToItsNearestNeighbour) {
  // A 4 x 4 mainland and, 60 km east, a 4 x 4 island; slight offsets avoid cocircular points.
  auto points = grid(0, 0, 4, 1000);
  for (std::size_t i = 0; i < points.size(); ++i)
    points[i].x += 7.0 * static_cast<double>(i % 3);
  auto island = grid(63000, 1200, 4, 800);
  for (std::size_t i = 0; i < island.size(); ++i)
    island[i].y += 5.0 * static_cast<double>(i % 3);
  points.insert(points.end(), island.begin(), island.end());
  const auto g = neighbour_graph(points);
  EXPECT_EQ(g.bridges, 1u);
  EXPECT_GT(g.pruned, 0u);
  EXPECT_TRUE(connected(g));
  // The bridge joins the closest mainland-island pair.
  double best = INFINITY;
  for (std::size_t i = 0; i < 16; ++i)
    for (std::size_t j = 16; j < points.size(); ++j)
      best = std::min(best, std::hypot(points[i].x - points[j].x, points[i].y - points[j].y));
  std::size_t bridges = 0;
  for (const auto& e : g.edges) {
    const bool crosses = (e.a < 16) != (e.b < 16);
    EXPECT_EQ(crosses, e.bridge);
    if (e.bridge) {
      ++bridges;
      EXPECT_DOUBLE_EQ(e.length, best);
    }
  }
  EXPECT_EQ(bridges, 1u);
}

TEST(DesignGeometry, CoincidentPointsAreNudgedApartAndJoined) {
  std::vector<PlanePoint> points{{0, 0}, {0, 0}, {1000, 0}, {0, 1000}, {1000, 1000}};
  const auto g = neighbour_graph(points);
  EXPECT_EQ(g.nudged, 1u);
  EXPECT_TRUE(connected(g));
  EXPECT_GT(g.cell_area[0], 0);
  EXPECT_GT(g.cell_area[1], 0);
}

TEST(DesignGeometry, NationalGridMatchesTheOrdnanceSurveyWorkedExample) {
  // OS "A guide to coordinate systems in Great Britain", annexe C: Caister water tower at
  // OSGB36 52°39'27.2531"N 1°43'4.5177"E projects to E 651409.903 N 313177.270.
  const double lat = 52 + 39 / 60.0 + 27.2531 / 3600.0;
  const double lon = 1 + 43 / 60.0 + 4.5177 / 3600.0;
  const auto p = to_national_grid({{lat, lon}}, "EPSG:4277");
  EXPECT_NEAR(p[0].x, 651409.903, 0.001);
  EXPECT_NEAR(p[0].y, 313177.270, 0.001);
  // From WGS84 the datum shift moves the point by about a hundred metres, and back again.
  const auto wgs = to_national_grid({{lat, lon}});
  EXPECT_LT(std::hypot(wgs[0].x - p[0].x, wgs[0].y - p[0].y), 200);
  EXPECT_GT(std::hypot(wgs[0].x - p[0].x, wgs[0].y - p[0].y), 50);
  const auto back = from_national_grid(wgs);
  EXPECT_NEAR(back[0].lat, lat, 1e-7);
  EXPECT_NEAR(back[0].lon, lon, 1e-7);
}

}  // namespace
}  // namespace pco

#pragma once
// The geography a design works on: atoms' locations projected to the British National Grid
// (metres), the neighbour graph from their Delaunay triangulation (long edges pruned, islands
// bridged to their nearest neighbour) and Voronoi cells clipped to a boundary, whose areas and
// shared edges give Polsby–Popper compactness. docs/design.md, "Geography".
#include <cstddef>
#include <vector>

#include "model/population.hpp"

namespace pco {

struct PlanePoint {
  double x = 0;  // easting, m
  double y = 0;  // northing, m
};

// WGS84 latitude/longitude (EPSG:4326; or another geographic `source`) to British National Grid
// (EPSG:27700) with PROJ, and back. Without the OSTN15 grid PROJ shifts the datum by the
// Helmert "OSGB36 to WGS 84 (6)" transformation, good to a few metres. Throws IoError when
// PROJ has no definition of either system.
std::vector<PlanePoint> to_national_grid(const std::vector<GeoPoint>& points,
                                         const char* source = "EPSG:4326");
std::vector<GeoPoint> from_national_grid(const std::vector<PlanePoint>& points);

struct GraphEdge {
  std::size_t a = 0;
  std::size_t b = 0;    // a < b
  double length = 0;    // between the two points, m
  double shared = 0;    // length of the boundary their cells share, m (0 for a bridge)
  bool bridge = false;  // added to join a disconnected component
};

struct GraphOptions {
  // A Delaunay edge is dropped when it is longer than this multiple of the local scale at both
  // of its ends (each point's distance to its third-nearest neighbour): sea crossings, long
  // edges of the hull.
  double prune_factor = 5;
  // The boundary the Voronoi cells are clipped to: the points' convex hull buffered by this.
  double boundary_buffer_m = 5000;
};

struct NeighbourGraph {
  std::vector<PlanePoint> points;  // after coincident points were nudged apart
  std::vector<GraphEdge> edges;
  std::vector<std::vector<std::size_t>> adjacent;  // edge indices of each point
  std::vector<double> cell_area;                   // m²
  std::vector<double> cell_perimeter;              // m
  std::vector<std::vector<PlanePoint>> cells;      // each cell's outer ring
  std::size_t nudged = 0;                          // coincident points moved apart
  std::size_t pruned = 0;                          // long Delaunay edges dropped
  std::size_t bridges = 0;                         // edges added to join components

  std::size_t other(std::size_t edge, std::size_t point) const {
    return edges[edge].a == point ? edges[edge].b : edges[edge].a;
  }
};

// The neighbour graph of `points` (connected: one point, or any number of components joined by
// bridges between their nearest points).
NeighbourGraph neighbour_graph(std::vector<PlanePoint> points, const GraphOptions& options = {});

// The graph of groups of points (`group[i]` in [0, groups) for every point of `fine`): two groups
// are neighbours when any of their points are; an edge's shared length is the sum of the
// shared cell boundaries between them, a group's cell area and perimeter those of the union of
// its points' cells. `points` are the groups' own locations (e.g. population-weighted centres);
// `cells` stay empty (draw outlines from the fine graph).
NeighbourGraph aggregate_graph(const NeighbourGraph& fine, const std::vector<int>& group,
                               std::vector<PlanePoint> points);

// The outline rings of each part's union of cells (`assignment[point]` in [0, parts)).
std::vector<std::vector<std::vector<PlanePoint>>> part_outlines(const NeighbourGraph& graph,
                                                                const std::vector<int>& assignment,
                                                                int parts);

// Polsby–Popper compactness 4πA/P²: 1 for a circle, π/4 for a square.
double polsby_popper(double area, double perimeter);

}  // namespace pco

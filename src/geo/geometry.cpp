#include "geo/geometry.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdarg>
#include <cstring>
#include <map>
#include <memory>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>

#include "core/error.hpp"
#include "geo/geo_libraries.hpp"

namespace pco {

namespace {

std::vector<std::pair<double, double>> transform(const std::vector<std::pair<double, double>>& in,
                                                 PJ_DIRECTION direction, const char* source) {
  const auto& proj = proj_functions();
  std::unique_ptr<PJ_CONTEXT, decltype(&proj_context_destroy)> ctx(proj.proj_context_create(),
                                                                   proj.proj_context_destroy);
  std::unique_ptr<PJ, decltype(&proj_destroy)> raw(
      proj.proj_create_crs_to_crs(ctx.get(), source, "EPSG:27700", nullptr), proj.proj_destroy);
  if (!raw)
    throw IoError(
        fmt::format("PROJ has no transformation from {} to EPSG:27700 (proj.db?)", source));
  // Longitude first, whatever the axis order the EPSG definition declares.
  std::unique_ptr<PJ, decltype(&proj_destroy)> pj(
      proj.proj_normalize_for_visualization(ctx.get(), raw.get()), proj.proj_destroy);
  if (!pj) throw IoError(fmt::format("PROJ could not normalise the {} axis order", source));
  std::vector<std::pair<double, double>> out;
  out.reserve(in.size());
  for (const auto& [u, v] : in) {
    const PJ_COORD c = proj.proj_trans(pj.get(), direction, proj.proj_coord(u, v, 0, 0));
    out.emplace_back(c.xy.x, c.xy.y);
  }
  return out;
}

// GEOS with errors turned into exceptions at the call site (the handler only records them).
void geos_message(const char* format, ...) {
  (void)format;
}

struct Geos {
  GEOSContextHandle_t h;
  Geos() : h(geos_functions().GEOS_init_r()) {
    geos_functions().GEOSContext_setErrorHandler_r(h, geos_message);
    geos_functions().GEOSContext_setNoticeHandler_r(h, geos_message);
  }
  ~Geos() { geos_functions().GEOS_finish_r(h); }
  Geos(const Geos&) = delete;
  Geos& operator=(const Geos&) = delete;
};

struct GeomDeleter {
  GEOSContextHandle_t h;
  void operator()(GEOSGeometry* g) const {
    if (g) geos_functions().GEOSGeom_destroy_r(h, g);
  }
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;

Geom checked(const Geos& g, GEOSGeometry* raw, const char* what) {
  if (!raw) throw InputError(Diagnostic{"", 0, 0, "geometry", what, "a geometry GEOS can compute"});
  return Geom(raw, GeomDeleter{g.h});
}

struct PointKey {
  double x, y;
  bool operator==(const PointKey&) const = default;
};
struct PointHash {
  std::size_t operator()(const PointKey& k) const {
    std::uint64_t a, b;
    std::memcpy(&a, &k.x, 8);
    std::memcpy(&b, &k.y, 8);
    return std::hash<std::uint64_t>()(a * 0x9E3779B97F4A7C15ULL ^ b);
  }
};

// Coincident points (practices sharing a building, networks with the same centroid) give no
// triangulation edge and one Voronoi cell; each later copy moves 10 m × sqrt(k) along a
// golden-angle spiral, deterministic and far below the spacing of real practices.
std::size_t nudge_coincident(std::vector<PlanePoint>& points) {
  std::unordered_map<PointKey, std::size_t, PointHash> seen;
  std::size_t nudged = 0;
  for (auto& p : points) {
    const PointKey key{p.x, p.y};
    const auto k = seen[key]++;
    if (k == 0) continue;
    const double angle = 2.399963229728653 * static_cast<double>(k);
    const double r = 10.0 * std::sqrt(static_cast<double>(k));
    p.x += r * std::cos(angle);
    p.y += r * std::sin(angle);
    ++nudged;
  }
  return nudged;
}

double distance(const PlanePoint& a, const PlanePoint& b) {
  return std::hypot(a.x - b.x, a.y - b.y);
}

std::size_t find(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i)
    i = parent[i] = parent[parent[i]];
  return i;
}

void add_edge(NeighbourGraph& g, std::size_t a, std::size_t b, double shared, bool bridge) {
  if (a > b) std::swap(a, b);
  g.edges.push_back({a, b, distance(g.points[a], g.points[b]), shared, bridge});
}

// Joins components, smallest first, by the shortest edge from it to any other component.
void bridge_components(NeighbourGraph& g) {
  const auto n = g.points.size();
  while (true) {
    std::vector<std::size_t> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    for (const auto& e : g.edges)
      parent[find(parent, e.a)] = find(parent, e.b);
    std::map<std::size_t, std::vector<std::size_t>> components;
    for (std::size_t i = 0; i < n; ++i)
      components[find(parent, i)].push_back(i);
    if (components.size() <= 1) return;
    const std::vector<std::size_t>* smallest = nullptr;
    for (const auto& [root, members] : components)
      if (!smallest || members.size() < smallest->size()) smallest = &members;
    const auto root = find(parent, smallest->front());
    double best = INFINITY;
    std::size_t from = 0, to = 0;
    for (const auto i : *smallest)
      for (std::size_t j = 0; j < n; ++j) {
        if (find(parent, j) == root) continue;
        const double d = distance(g.points[i], g.points[j]);
        if (d < best) {
          best = d;
          from = i;
          to = j;
        }
      }
    add_edge(g, from, to, 0, true);
    ++g.bridges;
  }
}

std::vector<PlanePoint> ring_of(const Geos& g, const GEOSGeometry* polygon) {
  std::vector<PlanePoint> out;
  if (geos_functions().GEOSGeomTypeId_r(g.h, polygon) != GEOS_POLYGON) return out;
  const auto* ring = geos_functions().GEOSGetExteriorRing_r(g.h, polygon);
  const auto* seq = geos_functions().GEOSGeom_getCoordSeq_r(g.h, ring);
  unsigned size = 0;
  geos_functions().GEOSCoordSeq_getSize_r(g.h, seq, &size);
  for (unsigned i = 0; i < size; ++i) {
    PlanePoint p;
    geos_functions().GEOSCoordSeq_getXY_r(g.h, seq, i, &p.x, &p.y);
    out.push_back(p);
  }
  return out;
}

void delaunay_edges(const Geos& geos, const GEOSGeometry* multipoint, NeighbourGraph& g,
                    const GraphOptions& options) {
  std::unordered_map<PointKey, std::size_t, PointHash> index;
  for (std::size_t i = 0; i < g.points.size(); ++i)
    index[{g.points[i].x, g.points[i].y}] = i;
  auto lines = checked(geos, geos_functions().GEOSDelaunayTriangulation_r(geos.h, multipoint, 0, 1),
                       "delaunay");
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  const int count = geos_functions().GEOSGetNumGeometries_r(geos.h, lines.get());
  for (int k = 0; k < count; ++k) {
    const auto* seq = geos_functions().GEOSGeom_getCoordSeq_r(
        geos.h, geos_functions().GEOSGetGeometryN_r(geos.h, lines.get(), k));
    PointKey a{}, b{};
    geos_functions().GEOSCoordSeq_getXY_r(geos.h, seq, 0, &a.x, &a.y);
    geos_functions().GEOSCoordSeq_getXY_r(geos.h, seq, 1, &b.x, &b.y);
    const auto ia = index.find(a), ib = index.find(b);
    if (ia == index.end() || ib == index.end() || ia->second == ib->second) continue;
    pairs.emplace_back(std::min(ia->second, ib->second), std::max(ia->second, ib->second));
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  // Each point's local scale: the distance to its third-nearest other point (brute force; the
  // Delaunay edges themselves fan out from hull corners across gaps, so they cannot set it).
  const auto n = g.points.size();
  std::vector<double> scale(n, INFINITY);
  for (std::size_t i = 0; i < n; ++i) {
    std::array<double, 3> nearest{INFINITY, INFINITY, INFINITY};
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      const double d = distance(g.points[i], g.points[j]);
      if (d >= nearest[2]) continue;
      nearest[2] = d;
      std::sort(nearest.begin(), nearest.end());
    }
    scale[i] = std::isfinite(nearest[2]) ? nearest[2] : INFINITY;
  }
  for (const auto& [a, b] : pairs) {
    const double d = distance(g.points[a], g.points[b]);
    if (d > options.prune_factor * std::max(scale[a], scale[b])) {
      ++g.pruned;
      continue;
    }
    add_edge(g, a, b, 0, false);
  }
}

void voronoi_cells(const Geos& geos, const GEOSGeometry* multipoint, NeighbourGraph& g,
                   const GraphOptions& options) {
  const auto n = g.points.size();
  auto hull = checked(geos, geos_functions().GEOSConvexHull_r(geos.h, multipoint), "convex hull");
  auto boundary = checked(geos,
                          geos_functions().GEOSBuffer_r(
                              geos.h, hull.get(), std::max(options.boundary_buffer_m, 1.0), 8),
                          "boundary");
  std::vector<Geom> cells(n);
  if (n == 1) {
    cells[0] = checked(geos, geos_functions().GEOSGeom_clone_r(geos.h, boundary.get()), "cell");
  } else {
    auto diagram = checked(
        geos, geos_functions().GEOSVoronoiDiagram_r(geos.h, multipoint, boundary.get(), 0, 0),
        "voronoi");
    const int count = geos_functions().GEOSGetNumGeometries_r(geos.h, diagram.get());
    for (int k = 0; k < count; ++k) {
      auto cell = checked(geos,
                          geos_functions().GEOSIntersection_r(
                              geos.h, geos_functions().GEOSGetGeometryN_r(geos.h, diagram.get(), k),
                              boundary.get()),
                          "cell");
      // A cell is convex, so its centroid lies inside it and is nearest its own generator.
      auto centre =
          checked(geos, geos_functions().GEOSGetCentroid_r(geos.h, cell.get()), "centroid");
      PlanePoint c;
      geos_functions().GEOSGeomGetX_r(geos.h, centre.get(), &c.x);
      geos_functions().GEOSGeomGetY_r(geos.h, centre.get(), &c.y);
      std::size_t nearest = 0;
      double best = INFINITY;
      for (std::size_t i = 0; i < n; ++i) {
        const double d = distance(c, g.points[i]);
        if (d < best) {
          best = d;
          nearest = i;
        }
      }
      if (!cells[nearest]) cells[nearest] = std::move(cell);
    }
  }
  g.cell_area.assign(n, 0);
  g.cell_perimeter.assign(n, 0);
  g.cells.assign(n, {});
  for (std::size_t i = 0; i < n; ++i) {
    if (!cells[i]) continue;
    geos_functions().GEOSArea_r(geos.h, cells[i].get(), &g.cell_area[i]);
    geos_functions().GEOSLength_r(geos.h, cells[i].get(), &g.cell_perimeter[i]);
    g.cells[i] = ring_of(geos, cells[i].get());
  }
  for (auto& e : g.edges) {
    if (!cells[e.a] || !cells[e.b]) continue;
    auto common = checked(
        geos, geos_functions().GEOSIntersection_r(geos.h, cells[e.a].get(), cells[e.b].get()),
        "shared boundary");
    geos_functions().GEOSLength_r(geos.h, common.get(), &e.shared);
  }
}

}  // namespace

std::vector<PlanePoint> to_national_grid(const std::vector<GeoPoint>& points, const char* source) {
  std::vector<std::pair<double, double>> in;
  for (const auto& p : points)
    in.emplace_back(p.lon, p.lat);
  std::vector<PlanePoint> out;
  for (const auto& [x, y] : transform(in, PJ_FWD, source))
    out.push_back({x, y});
  return out;
}

std::vector<GeoPoint> from_national_grid(const std::vector<PlanePoint>& points) {
  std::vector<std::pair<double, double>> in;
  for (const auto& p : points)
    in.emplace_back(p.x, p.y);
  std::vector<GeoPoint> out;
  for (const auto& [lon, lat] : transform(in, PJ_INV, "EPSG:4326"))
    out.push_back({lat, lon});
  return out;
}

NeighbourGraph neighbour_graph(std::vector<PlanePoint> points, const GraphOptions& options) {
  NeighbourGraph g;
  g.points = std::move(points);
  const auto n = g.points.size();
  if (n == 0) return g;
  g.nudged = nudge_coincident(g.points);
  Geos geos;
  std::vector<GEOSGeometry*> parts;
  for (const auto& p : g.points)
    parts.push_back(geos_functions().GEOSGeom_createPointFromXY_r(geos.h, p.x, p.y));
  auto multipoint =
      checked(geos,
              geos_functions().GEOSGeom_createCollection_r(geos.h, GEOS_MULTIPOINT, parts.data(),
                                                           static_cast<unsigned>(parts.size())),
              "points");
  if (n == 2)
    add_edge(g, 0, 1, 0, false);
  else if (n > 2)
    delaunay_edges(geos, multipoint.get(), g, options);
  voronoi_cells(geos, multipoint.get(), g, options);
  bridge_components(g);
  g.adjacent.assign(n, {});
  for (std::size_t e = 0; e < g.edges.size(); ++e) {
    g.adjacent[g.edges[e].a].push_back(e);
    g.adjacent[g.edges[e].b].push_back(e);
  }
  return g;
}

NeighbourGraph aggregate_graph(const NeighbourGraph& fine, const std::vector<int>& group,
                               std::vector<PlanePoint> points) {
  NeighbourGraph g;
  const auto n = points.size();
  g.points = std::move(points);
  g.cell_area.assign(n, 0);
  g.cell_perimeter.assign(n, 0);
  g.adjacent.assign(n, {});
  g.cells.assign(n, {});
  for (std::size_t i = 0; i < fine.points.size(); ++i) {
    const auto k = static_cast<std::size_t>(group[i]);
    g.cell_area[k] += fine.cell_area[i];
    g.cell_perimeter[k] += fine.cell_perimeter[i];
  }
  std::map<std::pair<std::size_t, std::size_t>, std::pair<double, bool>> between;  // shared, bridge
  for (const auto& e : fine.edges) {
    auto a = static_cast<std::size_t>(group[e.a]), b = static_cast<std::size_t>(group[e.b]);
    if (a == b) {
      g.cell_perimeter[a] -= 2 * e.shared;
      continue;
    }
    if (a > b) std::swap(a, b);
    auto [it, fresh] = between.try_emplace({a, b}, 0.0, true);
    it->second.first += e.shared;
    it->second.second = it->second.second && e.bridge;
  }
  for (const auto& [ab, v] : between) {
    const auto& pa = g.points[ab.first];
    const auto& pb = g.points[ab.second];
    g.adjacent[ab.first].push_back(g.edges.size());
    g.adjacent[ab.second].push_back(g.edges.size());
    g.edges.push_back(
        {ab.first, ab.second, std::hypot(pa.x - pb.x, pa.y - pb.y), v.first, v.second});
    if (v.second) ++g.bridges;
  }
  g.pruned = fine.pruned;
  g.nudged = fine.nudged;
  return g;
}

std::vector<std::vector<std::vector<PlanePoint>>> part_outlines(const NeighbourGraph& graph,
                                                                const std::vector<int>& assignment,
                                                                int parts) {
  Geos geos;
  std::vector<std::vector<GEOSGeometry*>> members(static_cast<std::size_t>(parts));
  for (std::size_t i = 0; i < graph.cells.size(); ++i) {
    const auto& ring = graph.cells[i];
    if (ring.size() < 4) continue;
    auto* seq =
        geos_functions().GEOSCoordSeq_create_r(geos.h, static_cast<unsigned>(ring.size()), 2);
    for (std::size_t k = 0; k < ring.size(); ++k)
      geos_functions().GEOSCoordSeq_setXY_r(geos.h, seq, static_cast<unsigned>(k), ring[k].x,
                                            ring[k].y);
    auto* shell = geos_functions().GEOSGeom_createLinearRing_r(geos.h, seq);
    members[static_cast<std::size_t>(assignment[i])].push_back(
        geos_functions().GEOSGeom_createPolygon_r(geos.h, shell, nullptr, 0));
  }
  std::vector<std::vector<std::vector<PlanePoint>>> out(static_cast<std::size_t>(parts));
  for (std::size_t k = 0; k < members.size(); ++k) {
    if (members[k].empty()) continue;
    auto collection = checked(
        geos,
        geos_functions().GEOSGeom_createCollection_r(geos.h, GEOS_MULTIPOLYGON, members[k].data(),
                                                     static_cast<unsigned>(members[k].size())),
        "cells");
    // Neighbouring cells share edges up to rounding; a tiny buffer closes the slivers.
    auto buffered =
        checked(geos, geos_functions().GEOSBuffer_r(geos.h, collection.get(), 1.0, 2), "outline");
    // 250 m is below a pixel of a map of England; it drops the buffer's extra vertices.
    auto merged = checked(
        geos, geos_functions().GEOSTopologyPreserveSimplify_r(geos.h, buffered.get(), 250.0),
        "outline");
    const int count = geos_functions().GEOSGetNumGeometries_r(geos.h, merged.get());
    for (int i = 0; i < count; ++i) {
      auto ring = ring_of(geos, geos_functions().GEOSGetGeometryN_r(geos.h, merged.get(), i));
      if (!ring.empty()) out[k].push_back(std::move(ring));
    }
  }
  return out;
}

double polsby_popper(double area, double perimeter) {
  if (perimeter <= 0) return 0;
  return 4 * M_PI * area / (perimeter * perimeter);
}

}  // namespace pco

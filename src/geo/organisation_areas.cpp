#include "geo/organisation_areas.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "core/error.hpp"
#include "geo/geo_libraries.hpp"
#include "geo/geometry.hpp"

namespace pco {

namespace {

// GEOS is opened on first use (geo/geo_libraries.hpp).
const GeosFunctions& G() {
  return geos_functions();
}

// GEOS errors are reported by a null result at the call site; the handlers only swallow text.
void quiet(const char* /*format*/, ...) {}

struct Geos {
  GEOSContextHandle_t h;
  Geos() : h(G().GEOS_init_r()) {
    G().GEOSContext_setErrorHandler_r(h, quiet);
    G().GEOSContext_setNoticeHandler_r(h, quiet);
  }
  ~Geos() { G().GEOS_finish_r(h); }
  Geos(const Geos&) = delete;
  Geos& operator=(const Geos&) = delete;
};

struct Deleter {
  GEOSContextHandle_t h;
  void operator()(GEOSGeometry* g) const {
    if (g) G().GEOSGeom_destroy_r(h, g);
  }
};
using Geom = std::unique_ptr<GEOSGeometry, Deleter>;

Geom own(const Geos& g, GEOSGeometry* raw, const char* what) {
  if (!raw) throw InputError(Diagnostic{"", 0, 0, "geometry", what, "a geometry GEOS can compute"});
  return Geom(raw, Deleter{g.h});
}

// Projected rings (metres), closed.
using Ring = std::vector<PlanePoint>;

GEOSGeometry* linear_ring(const Geos& g, Ring ring) {
  if (ring.empty()) return nullptr;
  if (ring.front().x != ring.back().x || ring.front().y != ring.back().y)
    ring.push_back(ring.front());
  if (ring.size() < 4) return nullptr;
  auto* seq = G().GEOSCoordSeq_create_r(g.h, static_cast<unsigned>(ring.size()), 2);
  for (std::size_t i = 0; i < ring.size(); ++i)
    G().GEOSCoordSeq_setXY_r(g.h, seq, static_cast<unsigned>(i), ring[i].x, ring[i].y);
  return G().GEOSGeom_createLinearRing_r(g.h, seq);
}

// Projected polygons (metres), converted to and from latitude/longitude in one PROJ call each:
// setting PROJ up costs far more than transforming a point.
struct PlanePolygon {
  Ring outer;
  std::vector<Ring> holes;
};

std::vector<PlanePolygon> projected(const std::vector<AreaPolygon>& polygons) {
  std::vector<GeoPoint> all;
  for (const auto& p : polygons) {
    all.insert(all.end(), p.outer.begin(), p.outer.end());
    for (const auto& h : p.holes)
      all.insert(all.end(), h.begin(), h.end());
  }
  const auto plane = to_national_grid(all);
  std::vector<PlanePolygon> out;
  std::size_t at = 0;
  const auto take = [&](std::size_t n) {
    Ring r(plane.begin() + static_cast<std::ptrdiff_t>(at),
           plane.begin() + static_cast<std::ptrdiff_t>(at + n));
    at += n;
    return r;
  };
  for (const auto& p : polygons) {
    PlanePolygon q;
    q.outer = take(p.outer.size());
    for (const auto& h : p.holes)
      q.holes.push_back(take(h.size()));
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<AreaPolygon> unprojected(const std::vector<PlanePolygon>& polygons) {
  std::vector<PlanePoint> all;
  for (const auto& p : polygons) {
    all.insert(all.end(), p.outer.begin(), p.outer.end());
    for (const auto& h : p.holes)
      all.insert(all.end(), h.begin(), h.end());
  }
  const auto geo = all.empty() ? std::vector<GeoPoint>{} : from_national_grid(all);
  std::vector<AreaPolygon> out;
  std::size_t at = 0;
  const auto take = [&](std::size_t n) {
    std::vector<GeoPoint> r(geo.begin() + static_cast<std::ptrdiff_t>(at),
                            geo.begin() + static_cast<std::ptrdiff_t>(at + n));
    at += n;
    return r;
  };
  for (const auto& p : polygons) {
    AreaPolygon q;
    q.outer = take(p.outer.size());
    for (const auto& h : p.holes)
      q.holes.push_back(take(h.size()));
    out.push_back(std::move(q));
  }
  return out;
}

Ring ring_points(const GEOSContextHandle_t h, const GEOSGeometry* ring) {
  const auto* seq = G().GEOSGeom_getCoordSeq_r(h, ring);
  unsigned size = 0;
  G().GEOSCoordSeq_getSize_r(h, seq, &size);
  Ring points(size);
  for (unsigned i = 0; i < size; ++i)
    G().GEOSCoordSeq_getXY_r(h, seq, i, &points[i].x, &points[i].y);
  return points;
}

// Polygons of any geometry (Polygon, MultiPolygon, collections), projected.
void collect_polygons(const Geos& g, const GEOSGeometry* geom, std::vector<PlanePolygon>& out) {
  const int type = G().GEOSGeomTypeId_r(g.h, geom);
  if (type == GEOS_POLYGON) {
    if (G().GEOSisEmpty_r(g.h, geom) == 1) return;
    PlanePolygon p;
    p.outer = ring_points(g.h, G().GEOSGetExteriorRing_r(g.h, geom));
    const int holes = G().GEOSGetNumInteriorRings_r(g.h, geom);
    for (int i = 0; i < holes; ++i)
      p.holes.push_back(ring_points(g.h, G().GEOSGetInteriorRingN_r(g.h, geom, i)));
    out.push_back(std::move(p));
    return;
  }
  if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int n = G().GEOSGetNumGeometries_r(g.h, geom);
    for (int i = 0; i < n; ++i)
      collect_polygons(g, G().GEOSGetGeometryN_r(g.h, geom, i), out);
  }
}

std::vector<AreaPolygon> polygons_of(const Geos& g, const GEOSGeometry* geom) {
  std::vector<PlanePolygon> plane;
  collect_polygons(g, geom, plane);
  return unprojected(plane);
}

// Latitude/longitude polygons as one projected GEOS geometry (their union).
Geom from_polygons(const Geos& g, const std::vector<AreaPolygon>& polygons) {
  std::vector<GEOSGeometry*> parts;
  for (const auto& p : projected(polygons)) {
    auto* shell = linear_ring(g, p.outer);
    if (shell == nullptr) continue;
    std::vector<GEOSGeometry*> holes;
    for (const auto& h : p.holes)
      if (auto* r = linear_ring(g, h)) holes.push_back(r);
    parts.push_back(G().GEOSGeom_createPolygon_r(g.h, shell, holes.data(),
                                                 static_cast<unsigned>(holes.size())));
  }
  auto collection = own(g,
                        G().GEOSGeom_createCollection_r(g.h, GEOS_MULTIPOLYGON, parts.data(),
                                                        static_cast<unsigned>(parts.size())),
                        "polygons");
  auto valid = own(g, G().GEOSMakeValid_r(g.h, collection.get()), "polygons");
  return own(g, G().GEOSUnaryUnion_r(g.h, valid.get()), "polygons");
}

// One boundary's rings even-odd: the outer ring XOR its holes, and separate parts side by side.
Geom boundary_geometry(const Geos& g, const std::vector<Ring>& rings) {
  Geom shape;
  for (const auto& ring : rings) {
    auto* r = linear_ring(g, ring);
    if (r == nullptr) continue;
    auto polygon = own(g, G().GEOSGeom_createPolygon_r(g.h, r, nullptr, 0), "boundary ring");
    auto valid = own(g, G().GEOSMakeValid_r(g.h, polygon.get()), "boundary ring");
    shape = shape ? own(g, G().GEOSSymDifference_r(g.h, shape.get(), valid.get()), "boundary")
                  : std::move(valid);
  }
  return shape;
}

Geom land_geometry(const Geos& g, const std::vector<Boundary>& boundaries) {
  // Every ring of every boundary projected in one call.
  std::vector<AreaPolygon> rings;
  for (const auto& b : boundaries)
    for (const auto& r : b.rings)
      rings.push_back({r, {}});
  const auto plane = projected(rings);
  std::vector<GEOSGeometry*> parts;
  std::size_t at = 0;
  for (const auto& b : boundaries) {
    std::vector<Ring> mine;
    for (std::size_t i = 0; i < b.rings.size(); ++i)
      mine.push_back(plane[at++].outer);
    if (auto shape = boundary_geometry(g, mine)) parts.push_back(shape.release());
  }
  auto collection = own(g,
                        G().GEOSGeom_createCollection_r(g.h, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                        static_cast<unsigned>(parts.size())),
                        "land");
  return own(g, G().GEOSUnaryUnion_r(g.h, collection.get()), "land");
}

double area_of(const Geos& g, const GEOSGeometry* geom) {
  double area = 0;
  G().GEOSArea_r(g.h, geom, &area);
  return area / 1e6;
}

struct Site {
  PlanePoint at;
  std::size_t practice = 0;  // the practice drawing this location
  std::size_t practices = 0;
};

}  // namespace

std::vector<AreaPolygon> land_from_boundaries(const std::vector<Boundary>& boundaries) {
  Geos g;
  if (boundaries.empty()) return {};
  return polygons_of(g, land_geometry(g, boundaries).get());
}

double area_km2(const std::vector<AreaPolygon>& polygons) {
  if (polygons.empty()) return 0;
  Geos g;
  return area_of(g, from_polygons(g, polygons).get());
}

double intersection_area_km2(const std::vector<AreaPolygon>& a, const std::vector<AreaPolygon>& b) {
  if (a.empty() || b.empty()) return 0;
  Geos g;
  const auto ga = from_polygons(g, a);
  const auto gb = from_polygons(g, b);
  return area_of(g, own(g, G().GEOSIntersection_r(g.h, ga.get(), gb.get()), "intersection").get());
}

OrganisationAreas organisation_areas(const std::vector<LocatedPractice>& practices,
                                     const std::vector<Boundary>& boundaries,
                                     const AreaOptions& options) {
  OrganisationAreas out;
  if (practices.empty()) return out;
  Geos g;
  std::vector<GeoPoint> where;
  for (const auto& p : practices)
    where.push_back(p.location);
  const auto points = to_national_grid(where);

  // Practices sharing a location share its cell: the one with most people draws it.
  std::map<std::pair<double, double>, std::size_t> site_of;
  std::vector<Site> sites;
  for (std::size_t i = 0; i < practices.size(); ++i) {
    const auto key = std::make_pair(points[i].x, points[i].y);
    const auto [it, fresh] = site_of.emplace(key, sites.size());
    if (fresh) {
      sites.push_back({points[i], i, 1});
      continue;
    }
    auto& s = sites[it->second];
    ++s.practices;
    ++out.shared_locations;
    if (practices[i].people > practices[s.practice].people) s.practice = i;
  }
  out.practices = practices.size();

  std::vector<GEOSGeometry*> raw_points;
  for (const auto& s : sites)
    raw_points.push_back(G().GEOSGeom_createPointFromXY_r(g.h, s.at.x, s.at.y));
  auto multipoint = own(g,
                        G().GEOSGeom_createCollection_r(g.h, GEOS_MULTIPOINT, raw_points.data(),
                                                        static_cast<unsigned>(raw_points.size())),
                        "practice locations");

  Geom land;
  if (!boundaries.empty()) {
    auto exact = land_geometry(g, boundaries);
    land = own(g, G().GEOSTopologyPreserveSimplify_r(g.h, exact.get(), options.land_simplify_m),
               "land");
    out.land_source = fmt::format("the union of the {} boundaries given, simplified to {:g} m",
                                  boundaries.size(), options.land_simplify_m);
  } else {
    auto hull = own(g, G().GEOSConvexHull_r(g.h, multipoint.get()), "convex hull");
    land =
        own(g, G().GEOSBuffer_r(g.h, hull.get(), std::max(options.hull_buffer_m, 1.0), 8), "land");
    out.land_source = fmt::format(
        "no land outline was given: the practices' convex hull widened by {:g} km stands in for "
        "the coast",
        options.hull_buffer_m / 1000);
  }
  out.land_area_km2 = area_of(g, land.get());
  out.land = polygons_of(g, land.get());

  // Each site's Voronoi cell, matched to its site: a cell is convex, so its centroid lies in it
  // and is nearer its own site than any other.
  std::vector<Geom> cells(sites.size());
  if (sites.size() == 1) {
    cells[0] = own(g, G().GEOSGeom_clone_r(g.h, land.get()), "cell");
  } else {
    auto diagram =
        own(g, G().GEOSVoronoiDiagram_r(g.h, multipoint.get(), land.get(), 0, 0), "voronoi");
    GEOSSTRtree* tree = G().GEOSSTRtree_create_r(g.h, 10);
    std::vector<std::size_t> ids(sites.size());
    for (std::size_t i = 0; i < sites.size(); ++i) {
      ids[i] = i;
      G().GEOSSTRtree_insert_r(
          g.h, tree, G().GEOSGetGeometryN_r(g.h, multipoint.get(), static_cast<int>(i)), &ids[i]);
    }
    const int count = G().GEOSGetNumGeometries_r(g.h, diagram.get());
    struct Query {
      std::vector<std::size_t> found;
    } query;
    for (int k = 0; k < count; ++k) {
      const auto* cell = G().GEOSGetGeometryN_r(g.h, diagram.get(), k);
      auto centre = own(g, G().GEOSGetCentroid_r(g.h, cell), "centroid");
      PlanePoint c;
      G().GEOSGeomGetX_r(g.h, centre.get(), &c.x);
      G().GEOSGeomGetY_r(g.h, centre.get(), &c.y);
      query.found.clear();
      G().GEOSSTRtree_query_r(
          g.h, tree, cell,
          [](void* item, void* data) {
            static_cast<Query*>(data)->found.push_back(*static_cast<std::size_t*>(item));
          },
          &query);
      std::size_t best = sites.size();
      double nearest = INFINITY;
      for (const auto i : query.found) {
        const double d = std::hypot(sites[i].at.x - c.x, sites[i].at.y - c.y);
        if (d < nearest) {
          nearest = d;
          best = i;
        }
      }
      if (best < sites.size() && !cells[best])
        cells[best] = own(g, G().GEOSGeom_clone_r(g.h, cell), "cell");
    }
    G().GEOSSTRtree_destroy_r(g.h, tree);
  }

  // Clip to the land and collect each organisation's cells.
  const GEOSPreparedGeometry* prepared = G().GEOSPrepare_r(g.h, land.get());
  std::map<std::string, std::vector<GEOSGeometry*>> parts;
  std::map<std::string, std::size_t> members;
  for (std::size_t i = 0; i < sites.size(); ++i) {
    if (!cells[i]) continue;
    Geom clipped = G().GEOSPreparedContains_r(g.h, prepared, cells[i].get()) == 1
                       ? std::move(cells[i])
                       : own(g, G().GEOSIntersection_r(g.h, cells[i].get(), land.get()), "clip");
    // Under a square metre: the cell only touches the land (rounding of the projection).
    if (G().GEOSisEmpty_r(g.h, clipped.get()) == 1 || area_of(g, clipped.get()) < 1e-6) {
      out.outside_land += sites[i].practices;
      continue;
    }
    const auto& code = practices[sites[i].practice].organisation;
    if (code.empty()) continue;
    parts[code].push_back(clipped.release());
    members[code] += sites[i].practices;
  }
  G().GEOSPreparedGeom_destroy_r(g.h, prepared);

  // Dissolve each organisation's cells; all outlines back to latitude/longitude in one call.
  std::vector<PlanePolygon> plane;
  std::vector<std::size_t> first;
  for (auto& [code, list] : parts) {
    auto collection = own(g,
                          G().GEOSGeom_createCollection_r(g.h, GEOS_GEOMETRYCOLLECTION, list.data(),
                                                          static_cast<unsigned>(list.size())),
                          "cells");
    auto merged = own(g, G().GEOSUnaryUnion_r(g.h, collection.get()), "organisation area");
    OrganisationArea area;
    area.code = code;
    area.area_km2 = area_of(g, merged.get());
    area.practices = members[code];
    first.push_back(plane.size());
    collect_polygons(g, merged.get(), plane);
    out.areas.push_back(std::move(area));
  }
  first.push_back(plane.size());
  auto geo = unprojected(plane);
  for (std::size_t k = 0; k < out.areas.size(); ++k)
    out.areas[k].polygons.assign(
        std::make_move_iterator(geo.begin() + static_cast<std::ptrdiff_t>(first[k])),
        std::make_move_iterator(geo.begin() + static_cast<std::ptrdiff_t>(first[k + 1])));
  return out;
}

}  // namespace pco

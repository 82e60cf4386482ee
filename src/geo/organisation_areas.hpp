#pragma once
// Organisations drawn as areas: each practice's Voronoi cell (the land nearer to it than to any
// other practice), clipped to the land and dissolved per organisation with GEOS. The report's
// maps, `pco design --map-out` and the dashboard's map draw these shapes (docs/report.md,
// "Maps").
//
// Geometry is computed on the British National Grid (metres, PROJ) and returned as WGS84
// latitude/longitude for drawing. The land is the union of the given boundaries (e.g. the NHS
// England regions for England's outline, or the synthetic economy's `land.geojson`); without
// boundaries it is the practices' convex hull widened by `hull_buffer_m`, which is said in
// `land_source` because it is only a stand-in for a coastline.
#include <cstdint>
#include <string>
#include <vector>

#include "model/population.hpp"
#include "readers/geojson_boundaries.hpp"

namespace pco {

struct AreaPolygon {
  std::vector<GeoPoint> outer;               // closed ring (first point repeated last)
  std::vector<std::vector<GeoPoint>> holes;  // closed rings
};

struct LocatedPractice {
  GeoPoint location;
  std::string organisation;  // empty: in no organisation (its cell is left blank)
  std::int64_t people = 0;   // decides which practice draws a location several share
};

struct OrganisationArea {
  std::string code;
  std::vector<AreaPolygon> polygons;  // one per separate part
  double area_km2 = 0;
  std::size_t practices = 0;  // practices whose cells make it up
};

struct OrganisationAreas {
  std::vector<OrganisationArea> areas;  // one per organisation code with a cell, sorted by code
  std::vector<AreaPolygon> land;
  std::string land_source;  // where the land outline came from, in words
  double land_area_km2 = 0;
  std::size_t practices = 0;         // located practices drawn
  std::size_t shared_locations = 0;  // practices at a location a larger practice draws
  std::size_t outside_land = 0;      // practices whose cell has no land at all
};

struct AreaOptions {
  // The land outline is simplified to this tolerance before clipping, so that every
  // organisation's coast is the same line: below a pixel of a map of England.
  double land_simplify_m = 200;
  // Without boundaries: the practices' convex hull widened by this.
  double hull_buffer_m = 5000;
};

// Throws InputError when the geometry cannot be computed (e.g. boundaries GEOS cannot read).
OrganisationAreas organisation_areas(const std::vector<LocatedPractice>& practices,
                                     const std::vector<Boundary>& land,
                                     const AreaOptions& options = {});

// The land from boundaries: each boundary's rings combined even-odd (so holes stay holes) and
// all boundaries unioned; latitude/longitude polygons.
std::vector<AreaPolygon> land_from_boundaries(const std::vector<Boundary>& boundaries);

// Area of the intersection of two sets of polygons, km² (for comparing shapes).
double intersection_area_km2(const std::vector<AreaPolygon>& a, const std::vector<AreaPolygon>& b);
double area_km2(const std::vector<AreaPolygon>& polygons);

}  // namespace pco

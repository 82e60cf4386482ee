#pragma once
// The synthetic economy's land: its map box with a wavy coastline on the east, so that its
// organisations can be drawn as areas clipped to land (docs/synthetic.md, "Land"). Written as
// land.geojson beside the economy and named by the scenario's [report] boundaries.
#include <cstdint>
#include <string>
#include <vector>

#include "model/population.hpp"

namespace pco {

// One closed ring (latitude/longitude), counter-clockwise; every practice the generator places
// for this seed lies inside it.
std::vector<GeoPoint> synthetic_land_outline(std::uint64_t seed);

// The outline as a GeoJSON FeatureCollection of one Polygon feature with code and name.
std::string land_geojson(const std::vector<GeoPoint>& ring, const std::string& code,
                         const std::string& name);

}  // namespace pco

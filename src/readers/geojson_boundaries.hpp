#pragma once
// Organisation boundaries from GeoJSON (e.g. ONS CCG boundaries), drawn on the report's map.

#include <string>
#include <vector>

#include "model/population.hpp"
#include "readers/population_file.hpp"

namespace pco {

struct Boundary {
  std::string code;
  std::string name;
  std::vector<std::vector<GeoPoint>> rings;  // outer rings and holes of every polygon
};

// A FeatureCollection of Polygon / MultiPolygon features with longitude, latitude positions.
// The code is the property `code_property` when given, else the first of "code", "CODE" or a
// property whose name ends in "cd" (the ONS convention, e.g. ccg20cd); the name likewise from
// "name" or a property ending in "nm". Throws InputError naming the file and what is wrong
// (not JSON, not a FeatureCollection, a feature without geometry or code).
std::vector<Boundary> parse_geojson_boundaries(const TextFile& file,
                                               const std::string& code_property = "");

}  // namespace pco

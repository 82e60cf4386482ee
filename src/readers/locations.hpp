#pragma once
// Practice locations: exact practice,lat,lon files, or postcode-district centroids.

#include <string>
#include <unordered_map>
#include <vector>

#include "model/population.hpp"
#include "readers/population_file.hpp"

namespace pco {

// Outward code (e.g. "TS18") -> centroid. Districts listed without coordinates (PO boxes,
// non-geographic districts) are left out.
using PostcodeDistricts = std::unordered_map<std::string, GeoPoint>;

PostcodeDistricts parse_postcode_districts(const TextFile& file);

// practice,lat,lon (header required; "lat"/"latitude", "lon"/"long"/"longitude").
std::unordered_map<std::string, GeoPoint> parse_practice_locations(const TextFile& file);

// "TS18 1HU" -> "TS18"; "TS181HU" -> "TS18" (the inward code is always 3 characters).
std::string outward_code(std::string_view postcode);

struct LocationReport {
  std::size_t located = 0;
  std::vector<std::string> unlocated;  // practice codes with no usable postcode or location
};

// Places practices at their district's centroid. Practices sharing a district are spread on a
// golden-angle spiral (radius 0.5 km x sqrt(k) for the k-th practice in code order) so that
// they do not sit on one point; the spread is deterministic.
LocationReport locate_by_postcode_district(Population& population,
                                           const PostcodeDistricts& districts);
LocationReport apply_practice_locations(Population& population,
                                        const std::unordered_map<std::string, GeoPoint>& points);

}  // namespace pco

#pragma once
// A stored run's organisations at one level as areas (geo/organisation_areas.hpp), from its
// located practices and its [report] boundaries: what the report's map and the dashboard's map
// (GET /api/runs/{id}/areas) both draw, so the two show the same shapes.
#include <cstddef>

#include "geo/organisation_areas.hpp"
#include "store/stored_run.hpp"

namespace pco {

struct RunAreas {
  OrganisationAreas areas;  // empty when no practice has a location
  std::size_t approximate_locations =
      0;  // located practices placed at a postcode district's centre
};

RunAreas run_areas(const StoredRun& run, std::size_t level);

}  // namespace pco

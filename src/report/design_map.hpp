#pragma once
// The map `pco design --map-out` writes: drawn here, with the report's maps, so that design/
// computes plans and report/ draws them.

#include <string>
#include <vector>

#include "design/design.hpp"
#include "readers/geojson_boundaries.hpp"

namespace pco {

// A map of the plan: each designed organisation a filled area (its atoms' Voronoi cells clipped
// to the land — the union of `land`, e.g. the scenario's [report] boundaries — and dissolved,
// geo/organisation_areas.hpp), neighbours in different colours, each shape a path with
// data-code.
std::string design_map_svg(const DesignProblem& problem, const std::vector<int>& assignment,
                           int parts, const std::string& title,
                           const std::vector<Boundary>& land = {});

}  // namespace pco

#pragma once
// Areas (local authorities, CCGs, ICBs) as polygons from boundary files, and what lies in them:
// points placed in the area that contains them (the nearest within a distance for points just
// outside generalised coastlines), and how the areas of one set of boundaries fall into those
// of another (e.g. which 2020 CCGs became which 2021 CCG). Polygons are tested by the even-odd
// rule over all their rings, so holes and multi-part areas need no special handling.

#include <cstddef>
#include <string>
#include <vector>

#include "model/population.hpp"
#include "readers/geojson_boundaries.hpp"

namespace pco {

class AreaIndex {
 public:
  explicit AreaIndex(std::vector<Boundary> areas);

  const std::vector<Boundary>& areas() const { return areas_; }
  // Index of the area containing `p` (the first, if boundaries overlap), or -1.
  int containing(const GeoPoint& p) const;
  // Index of the area whose boundary is nearest to `p` and its distance in km (an approximate
  // local projection, good to about 1% over the few km it is used for); -1 when there are none.
  std::pair<int, double> nearest(const GeoPoint& p) const;

 private:
  struct Box {
    double min_lat, max_lat, min_lon, max_lon;
  };
  std::vector<Boundary> areas_;
  std::vector<Box> boxes_;
};

struct PointPlacement {
  int area = -1;           // index in the AreaIndex, or -1 when no area is near enough
  bool nearest = false;    // outside every area: placed in the nearest one
  double distance_km = 0;  // to that area, when nearest
};

// Places each point: its containing area, else the nearest within `max_km`.
std::vector<PointPlacement> place_points(const AreaIndex& index,
                                         const std::vector<GeoPoint>& points, double max_km = 5.0);

// How one area of the `before` boundaries falls into the `after` boundaries, by the share of a
// regular grid of sample points (about `samples` per area) inside it.
struct AreaSuccession {
  std::string before_code;
  std::string before_name;
  std::vector<std::pair<std::string, double>>
      after;  // after code, share of the area; largest first
};

std::vector<AreaSuccession> area_successions(const AreaIndex& before, const AreaIndex& after,
                                             int samples = 400);

}  // namespace pco

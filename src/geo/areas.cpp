#include "geo/areas.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>

namespace pco {

namespace {

constexpr double kKmPerDegree = 111.32;

bool in_rings(const std::vector<std::vector<GeoPoint>>& rings, const GeoPoint& p) {
  bool inside = false;
  for (const auto& ring : rings) {
    const auto n = ring.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
      const auto& a = ring[i];
      const auto& b = ring[j];
      if ((a.lat > p.lat) != (b.lat > p.lat) &&
          p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon)
        inside = !inside;
    }
  }
  return inside;
}

// Distance in km from p to the segment ab, in a projection local to p.
double segment_km(const GeoPoint& p, const GeoPoint& a, const GeoPoint& b) {
  const double k = std::cos(p.lat * std::numbers::pi / 180.0);
  const double ax = (a.lon - p.lon) * k, ay = a.lat - p.lat;
  const double bx = (b.lon - p.lon) * k, by = b.lat - p.lat;
  const double dx = bx - ax, dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  const double x = ax + t * dx, y = ay + t * dy;
  return std::sqrt(x * x + y * y) * kKmPerDegree;
}

}  // namespace

AreaIndex::AreaIndex(std::vector<Boundary> areas) : areas_(std::move(areas)) {
  for (const auto& a : areas_) {
    Box box{std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest(),
            std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest()};
    for (const auto& ring : a.rings)
      for (const auto& p : ring) {
        box.min_lat = std::min(box.min_lat, p.lat);
        box.max_lat = std::max(box.max_lat, p.lat);
        box.min_lon = std::min(box.min_lon, p.lon);
        box.max_lon = std::max(box.max_lon, p.lon);
      }
    boxes_.push_back(box);
  }
}

int AreaIndex::containing(const GeoPoint& p) const {
  for (std::size_t i = 0; i < areas_.size(); ++i) {
    const auto& b = boxes_[i];
    if (p.lat < b.min_lat || p.lat > b.max_lat || p.lon < b.min_lon || p.lon > b.max_lon) continue;
    if (in_rings(areas_[i].rings, p)) return static_cast<int>(i);
  }
  return -1;
}

std::pair<int, double> AreaIndex::nearest(const GeoPoint& p) const {
  int best = -1;
  double best_km = std::numeric_limits<double>::max();
  for (std::size_t i = 0; i < areas_.size(); ++i) {
    // A box further than the best distance cannot hold a nearer edge.
    const auto& b = boxes_[i];
    const double k = std::cos(p.lat * std::numbers::pi / 180.0);
    const double dlat = std::max({0.0, b.min_lat - p.lat, p.lat - b.max_lat});
    const double dlon = std::max({0.0, b.min_lon - p.lon, p.lon - b.max_lon}) * k;
    if (std::hypot(dlat, dlon) * kKmPerDegree > best_km) continue;
    for (const auto& ring : areas_[i].rings)
      for (std::size_t j = 0; j + 1 < ring.size(); ++j) {
        const double d = segment_km(p, ring[j], ring[j + 1]);
        if (d < best_km) {
          best_km = d;
          best = static_cast<int>(i);
        }
      }
  }
  return {best, best < 0 ? 0.0 : best_km};
}

std::vector<PointPlacement> place_points(const AreaIndex& index,
                                         const std::vector<GeoPoint>& points, double max_km) {
  std::vector<PointPlacement> out(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    const int a = index.containing(points[i]);
    if (a >= 0) {
      out[i].area = a;
      continue;
    }
    const auto [near, km] = index.nearest(points[i]);
    if (near >= 0 && km <= max_km) out[i] = {near, true, km};
  }
  return out;
}

std::vector<AreaSuccession> area_successions(const AreaIndex& before, const AreaIndex& after,
                                             int samples) {
  std::vector<AreaSuccession> out;
  for (const auto& area : before.areas()) {
    double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
    for (const auto& ring : area.rings)
      for (const auto& p : ring) {
        min_lat = std::min(min_lat, p.lat);
        max_lat = std::max(max_lat, p.lat);
        min_lon = std::min(min_lon, p.lon);
        max_lon = std::max(max_lon, p.lon);
      }
    AreaSuccession s{area.code, area.name, {}};
    std::map<std::string, int> counts;
    int inside = 0;
    // A grid over the bounding box, refined until enough of its points fall inside the area.
    for (int steps = static_cast<int>(std::sqrt(samples)); inside < samples / 2 && steps <= 4096;
         steps *= 2) {
      counts.clear();
      inside = 0;
      for (int i = 0; i < steps; ++i)
        for (int j = 0; j < steps; ++j) {
          const GeoPoint p{min_lat + (max_lat - min_lat) * (i + 0.5) / steps,
                           min_lon + (max_lon - min_lon) * (j + 0.5) / steps};
          if (!in_rings(area.rings, p)) continue;
          ++inside;
          const int a = after.containing(p);
          counts[a >= 0 ? after.areas()[static_cast<std::size_t>(a)].code : std::string()]++;
        }
    }
    for (const auto& [code, n] : counts)
      s.after.emplace_back(code, inside > 0 ? static_cast<double>(n) / inside : 0.0);
    std::sort(s.after.begin(), s.after.end(), [](const auto& x, const auto& y) {
      return x.second > y.second || (x.second == y.second && x.first < y.first);
    });
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace pco

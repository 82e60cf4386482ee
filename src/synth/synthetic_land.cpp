#include "synth/synthetic_land.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/random.hpp"

namespace pco {

namespace {

// The map box of the generator (synthetic_economy.cpp) widened by 0.02°, so that practices
// clamped to its edges lie inside; the coast runs east of every coastal practice (they sit at
// most at 1°E).
constexpr double kSouth = 50.98, kNorth = 54.02, kWest = -3.02;
constexpr double kCoast = 1.045;    // mean longitude of the coastline
constexpr double kSwing = 0.035;    // the coast wanders at most this far either side
constexpr std::uint64_t kLand = 5;  // stream purpose (docs/synthetic.md, "Determinism")
constexpr double kPi = 3.14159265358979323846;

}  // namespace

std::vector<GeoPoint> synthetic_land_outline(std::uint64_t seed) {
  // Three waves of decreasing length and height with random phases: headlands and bays.
  RandomStream rng(seed, kLand, 0);
  const double waves[3][2] = {{2.0, 0.6}, {5.0, 0.3}, {11.0, 0.1}};  // cycles, share of swing
  double phase[3];
  for (auto& p : phase)
    p = 2 * kPi * rng.uniform();
  std::vector<GeoPoint> ring;
  ring.push_back({kSouth, kWest});
  constexpr int kSteps = 150;
  for (int i = 0; i <= kSteps; ++i) {
    const double t = static_cast<double>(i) / kSteps;
    double lon = kCoast;
    for (int k = 0; k < 3; ++k)
      lon += kSwing * waves[k][1] * std::sin(2 * kPi * waves[k][0] * t + phase[k]);
    ring.push_back({kSouth + t * (kNorth - kSouth), lon});
  }
  ring.push_back({kNorth, kWest});
  ring.push_back(ring.front());
  return ring;
}

std::string land_geojson(const std::vector<GeoPoint>& ring, const std::string& code,
                         const std::string& name) {
  std::string coordinates;
  for (const auto& p : ring)
    coordinates += fmt::format("{}[{:.6f},{:.6f}]", coordinates.empty() ? "" : ",", p.lon, p.lat);
  return fmt::format(
      "{{\"type\":\"FeatureCollection\",\"features\":[{{\"type\":\"Feature\",\"properties\":"
      "{{\"code\":\"{}\",\"name\":\"{}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":"
      "[[{}]]}}}}]}}\n",
      code, name, coordinates);
}

}  // namespace pco

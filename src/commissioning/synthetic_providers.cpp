#include "commissioning/synthetic_providers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace pco {

namespace {

// Squared distance in a local flat projection (km²): enough to compare candidates.
double squared_km(const GeoPoint& a, const GeoPoint& b) {
  constexpr double kKmPerDegree = 111.32;
  const double mid = (a.lat + b.lat) / 2 * 3.14159265358979323846 / 180;
  const double dy = (a.lat - b.lat) * kKmPerDegree;
  const double dx = (a.lon - b.lon) * kKmPerDegree * std::cos(mid);
  return dx * dx + dy * dy;
}

constexpr int kRounds = 50;

}  // namespace

Clusters weighted_kmeans(const std::vector<GeoPoint>& points, const std::vector<double>& weights,
                         std::size_t k) {
  Clusters c;
  const std::size_t n = points.size();
  if (n == 0 || k == 0) return c;
  k = std::min(k, n);
  // Start: the heaviest point, then repeatedly the point with the largest weight × squared
  // distance to the centres so far (a deterministic k-means++).
  std::vector<double> nearest(n, std::numeric_limits<double>::infinity());
  std::size_t first =
      static_cast<std::size_t>(std::max_element(weights.begin(), weights.end()) - weights.begin());
  c.centres.push_back(points[first]);
  while (c.centres.size() < k) {
    std::size_t best = 0;
    double best_score = -1;
    for (std::size_t i = 0; i < n; ++i) {
      nearest[i] = std::min(nearest[i], squared_km(points[i], c.centres.back()));
      const double score = weights[i] * nearest[i];
      if (score > best_score) {
        best_score = score;
        best = i;
      }
    }
    c.centres.push_back(points[best]);
  }
  c.member.assign(n, 0);
  for (int round = 0; round < kRounds; ++round) {
    bool changed = round == 0;
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t best = 0;
      double d = std::numeric_limits<double>::infinity();
      for (std::size_t j = 0; j < c.centres.size(); ++j) {
        const double dj = squared_km(points[i], c.centres[j]);
        if (dj < d) {
          d = dj;
          best = j;
        }
      }
      changed = changed || best != c.member[i];
      c.member[i] = best;
    }
    std::vector<double> lat(k, 0), lon(k, 0);
    c.weights.assign(k, 0);
    for (std::size_t i = 0; i < n; ++i) {
      lat[c.member[i]] += weights[i] * points[i].lat;
      lon[c.member[i]] += weights[i] * points[i].lon;
      c.weights[c.member[i]] += weights[i];
    }
    for (std::size_t j = 0; j < k; ++j)
      if (c.weights[j] > 0) c.centres[j] = {lat[j] / c.weights[j], lon[j] / c.weights[j]};
    if (!changed) break;
  }
  return c;
}

std::vector<Provider> grow_synthetic_providers(const Population& population) {
  std::vector<GeoPoint> points;
  std::vector<double> weights;
  double total = 0;
  for (const auto& p : population.practices()) {
    if (!p.location || p.list_size() <= 0) continue;
    points.push_back(*p.location);
    weights.push_back(static_cast<double>(p.list_size()));
    total += weights.back();
  }
  std::vector<Provider> out;
  if (points.empty()) return out;
  struct Kind {
    ProviderKind kind;
    double people;
    const char* prefix;
    const char* label;
    double attraction;
  };
  const Kind kinds[] = {
      {ProviderKind::acute, kPeoplePerAcuteTrust, "SA", "acute trust", 1.0},
      {ProviderKind::community, kPeoplePerCommunityProvider, "SC", "community provider", 1.0},
      {ProviderKind::mental_health, kPeoplePerMentalHealthTrust, "SM", "mental health trust", 1.0},
      {ProviderKind::independent, kPeoplePerIndependentProvider, "SI",
       "independent treatment centre", kIndependentAttraction},
  };
  for (const auto& kind : kinds) {
    const auto k = static_cast<std::size_t>(std::max(1.0, std::round(total / kind.people)));
    const auto clusters = weighted_kmeans(points, weights, k);
    for (std::size_t j = 0; j < clusters.centres.size(); ++j) {
      Provider p;
      p.code = fmt::format("{}{:02}", kind.prefix, j + 1);
      p.name = fmt::format("Synthetic {} {}", kind.label, j + 1);
      p.kind = kind.kind;
      p.location = clusters.centres[j];
      p.nhs = kind.kind != ProviderKind::independent;
      p.attraction = clusters.weights[j] * kind.attraction;
      p.source = "synthetic";
      out.push_back(std::move(p));
    }
  }
  return out;
}

}  // namespace pco

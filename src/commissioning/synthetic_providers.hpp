#pragma once
// The providers a synthetic economy grows for itself: acute trusts, community providers, mental
// health trusts and independent treatment centres placed where its people live, sized by the
// population they serve. A pure function of the economy. docs/commissioning.md.
#include <vector>

#include "commissioning/provider.hpp"
#include "model/population.hpp"

namespace pco {

// People served per provider of each kind (England 2026: about 120 acute trusts for 57 million
// registered patients; community and mental health trusts serve about twice and four times as
// many; independent sector treatment centres are smaller and fewer).
inline constexpr double kPeoplePerAcuteTrust = 450000;
inline constexpr double kPeoplePerCommunityProvider = 900000;
inline constexpr double kPeoplePerMentalHealthTrust = 1800000;
inline constexpr double kPeoplePerIndependentProvider = 1500000;
// An independent provider attracts this share of an acute trust of the same catchment.
inline constexpr double kIndependentAttraction = 0.15;

// Providers of each kind at the list-weighted k-means centres of the located practices (k =
// population / people per provider, rounded, at least 1), coded by kind and number: SA01
// "Synthetic acute trust 1", SC…, SM…, SI…. Attraction: the registered population of the
// provider's cluster (× 0.15 for independent providers).
std::vector<Provider> grow_synthetic_providers(const Population& population);

// Weighted k-means (Lloyd's algorithm from a deterministic farthest-point start, 50 rounds):
// the centres of `k` clusters of the points, and each point's cluster.
struct Clusters {
  std::vector<GeoPoint> centres;
  std::vector<double> weights;      // Σ weights of each cluster's points
  std::vector<std::size_t> member;  // per point
};
Clusters weighted_kmeans(const std::vector<GeoPoint>& points, const std::vector<double>& weights,
                         std::size_t k);

}  // namespace pco

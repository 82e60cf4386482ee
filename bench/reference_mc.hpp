#pragma once
// A vectorised reference Monte Carlo of the compound Poisson model, written the way an
// array language (numpy, R) would: draw every replication's claim count, then all claim
// uniforms as one array, map them to costs by a sorted search of the severity CDF
// (searchsorted), and sum by segments. Same model and grid as pco's compound_monte_carlo, so
// the two can be timed against each other.

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "core/random.hpp"
#include "risk/discretize.hpp"
#include "risk/frequency.hpp"

namespace pco::bench {

struct ReferenceResult {
  std::vector<std::int64_t> totals;  // grid units
  std::uint64_t events = 0;
};

inline ReferenceResult reference_monte_carlo(double lambda, const SeverityGrid& severity,
                                             std::uint64_t replications, std::uint64_t seed) {
  std::vector<std::uint64_t> counts(replications);
  for (std::uint64_t r = 0; r < replications; ++r) {
    RandomStream random(seed, r, 1);
    counts[r] = sample_poisson(random, lambda);
  }
  const std::uint64_t events = std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
  std::vector<double> uniforms(events);
  RandomStream stream(seed, 0, 2);
  for (auto& u : uniforms)
    u = stream.uniform();
  std::vector<double> cdf(severity.pmf.size());
  std::partial_sum(severity.pmf.begin(), severity.pmf.end(), cdf.begin());
  std::vector<std::int64_t> knots(events);
  for (std::uint64_t i = 0; i < events; ++i)
    knots[i] = std::min<std::int64_t>(
        std::lower_bound(cdf.begin(), cdf.end(), uniforms[i] * cdf.back()) - cdf.begin(),
        static_cast<std::int64_t>(cdf.size()) - 1);
  std::vector<std::int64_t> totals(replications, 0);
  std::uint64_t at = 0;
  for (std::uint64_t r = 0; r < replications; ++r)
    for (std::uint64_t i = 0; i < counts[r]; ++i)
      totals[r] += knots[at++];
  return {std::move(totals), events};
}

}  // namespace pco::bench

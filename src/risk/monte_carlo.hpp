#pragma once
// Monte Carlo of the compound on the discretised model, so its results estimate exactly what
// FFT and recursion compute. Replication r draws from RandomStream(seed, r, 0, kStream):
// results do not depend on how the work is split.

#include <cstdint>

#include "risk/aggregate.hpp"

namespace pco {

struct MonteCarloOptions {
  std::uint64_t replications = 10000;
  std::uint64_t seed = 1;
  int threads = 1;  // replications split in blocks; the result is the same for any count
};

struct MonteCarloResult {
  // Empirical pmf of the totals on the grid; replications with a claim beyond the severity
  // grid (a defective severity) count as mass beyond the grid.
  AggregateDistribution distribution;
  std::uint64_t replications = 0;
  std::uint64_t events = 0;  // claims drawn (or represented, for split Poisson draws)
  double mean = 0;           // sample mean and sd of the totals on the grid
  double sd = 0;
  double mean_se = 0;  // sd / sqrt(replications)
};

MonteCarloResult compound_monte_carlo(const Frequency& frequency, const SeverityGrid& severity,
                                      const MonteCarloOptions& options);

// Standard error of an estimated probability p from n replications: sqrt(p (1 - p) / n).
double proportion_se(double p, std::uint64_t n);

}  // namespace pco

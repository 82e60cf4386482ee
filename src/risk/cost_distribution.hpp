#pragma once
// The annual cost of a budget holder: a sum of independent compound (claim count × cost per
// event) components, each computed exactly on a grid suited to its own severity, moved onto
// one common grid by a mass- and mean-preserving regrid and convolved. docs/risk-holders.md
// derives the discretisation error bound reported here.
#include <cstddef>
#include <string>
#include <vector>

#include "risk/aggregate.hpp"
#include "risk/fft_pool.hpp"
#include "risk/frequency.hpp"
#include "risk/severity.hpp"

namespace pco {

struct CostComponent {
  std::string name;
  Frequency frequency;
  Severity severity = Severity::exponential(1);
};

struct GridSettings {
  double knots_per_sd = 64;  // common step H = sd / knots_per_sd
  // Component step h <= sqrt(Var S / E N) / steps_per_rms (and h <= H), so that the
  // discretisation adds at most 1/(4 steps_per_rms²) of the component's variance.
  double steps_per_rms = 4;
  std::size_t max_part_knots = std::size_t{1} << 17;  // wider components are split in parts
  double severity_tail = 1e-9;  // expected events beyond the severity grid, at most
};

struct CostDistribution {
  AggregateDistribution distribution;  // on the common grid
  double exact_mean = 0;               // closed form E S = Σ E N · E X
  double exact_variance = 0;           // closed form Σ (E N · Var X + Var N · (E X)²)
  // The grid's variance exceeds exact_variance by at most this (less any mass beyond the grid):
  // Σ_components (E N · h²/4 + parts · H²/4).
  double variance_error_bound = 0;
};

// Throws UsageError when a component's severity has no finite second moment.
// `step` > 0 forces the common step (else it is chosen from the exact sd). `pool` (optional)
// keeps transforms for reuse across calls.
CostDistribution cost_distribution(const std::vector<CostComponent>& components,
                                   const GridSettings& settings = {}, double step = 0,
                                   FftPool* pool = nullptr);

// The compound of one component on its own step h (split into `parts` identical parts when its
// window would be too wide), moved onto `step`; adds its error bound to `bound`.
AggregateDistribution component_on_grid(const CostComponent& component, double step,
                                        const GridSettings& settings, double& bound, FftPool& pool);

}  // namespace pco

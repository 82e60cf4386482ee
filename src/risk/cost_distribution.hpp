#pragma once
// The annual cost of a budget holder: a sum of independent compound (claim count × cost per
// event) components, each computed exactly on a grid suited to its own severity, moved onto
// one common grid by a mass- and mean-preserving regrid and convolved. docs/risk-holders.md
// derives the discretisation error bound reported here.
#include <cstddef>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "risk/aggregate.hpp"
#include "risk/fft_pool.hpp"
#include "risk/frequency.hpp"
#include "risk/severity.hpp"

namespace pco {

// Which part of each case a component pays when cases are split at a threshold T (a high-cost
// case pool): all of X, the retained min(X, T), or the excess (X − T)+.
enum class CaseLayer { whole, retained, excess };

struct CostComponent {
  std::string name;
  Frequency frequency;
  Severity severity = Severity::exponential(1);
  CaseLayer layer = CaseLayer::whole;
  double threshold = 0;  // T, for the retained and excess layers
};

// E[Y^k] (k = 1, 2) of the component's cost per case Y (X, min(X, T) or (X − T)+).
double case_moment(const CostComponent& component, int k);

struct GridSettings {
  double knots_per_sd = 64;  // common step H = sd / knots_per_sd
  // Component step h <= sqrt(Var S / E N) / steps_per_rms (and h <= H), so that the
  // discretisation adds at most 1/(4 steps_per_rms²) of the component's variance.
  double steps_per_rms = 4;
  std::size_t max_part_knots = std::size_t{1} << 17;  // wider components are split in parts
  double severity_tail = 1e-9;  // expected events beyond the severity grid, at most
};

// What holders can share: transforms by size, and severity grids by (severity, step, length).
// Steps are powers of two (T / 2^k for a pool's layers), so neighbouring holders reuse each
// other's grids. Keyed by the
// severity's address: the severities must outlive the workspace.
struct RiskWorkspace {
  FftPool ffts;
  std::map<std::tuple<const Severity*, double, double>, SeverityGrid> grids;
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
// `step` > 0 forces the common step (else it is chosen from the exact sd). `workspace`
// (optional) keeps transforms and severity grids for reuse across calls.
CostDistribution cost_distribution(const std::vector<CostComponent>& components,
                                   const GridSettings& settings = {}, double step = 0,
                                   RiskWorkspace* workspace = nullptr);

// The compound of one component on its own step h (split into `parts` identical parts when its
// window would be too wide), moved onto `step`; adds its error bound to `bound`.
AggregateDistribution component_on_grid(const CostComponent& component, double step,
                                        const GridSettings& settings, double& bound,
                                        RiskWorkspace& workspace);

}  // namespace pco

#pragma once
// A sample of alternative valid plans by ReCom (DeFord, Duchin and Solomon 2021): merge two
// neighbouring organisations, draw a uniform spanning tree of their atoms (Wilson's
// algorithm), cut a tree edge that leaves both sides within the population bounds. Every plan
// stays contiguous and within bounds; a proposed or current configuration is placed in the
// distribution on every metric. docs/design.md, "Ensemble".
#include <cstdint>
#include <string>
#include <vector>

#include "design/design.hpp"

namespace pco {

struct EnsembleOptions {
  int plans = 100;
  int spacing = 0;  // recombination steps between recorded plans; 0: one per organisation
  std::uint64_t seed = 1;
};

// One recombination of `assignment` in place; false when no tried merge could be split within
// the bounds (after `attempts` tries).
bool recombine(const DesignProblem& problem, std::vector<int>& assignment, RandomStream& rng,
               int attempts = 100);

struct EnsembleMetric {
  std::string name;
  std::vector<double> values;  // one per ensemble plan
  double designed = 0;
  double current = 0;
  // Share of ensemble plans below the value (ties count half), 0..1.
  double designed_percentile = 0;
  double current_percentile = 0;
};

struct EnsembleResult {
  int plans = 0;
  int spacing = 0;
  std::size_t rejected_steps = 0;
  std::vector<EnsembleMetric> metrics;
};

// The chain starts from `start` (a valid plan, e.g. the design) and records `plans` plans.
EnsembleResult run_ensemble(const DesignProblem& problem, const std::vector<int>& start, int parts,
                            const PlanSummary& designed, const PlanSummary& current,
                            const EnsembleOptions& options);

double percentile_of(const std::vector<double>& values, double x);

}  // namespace pco

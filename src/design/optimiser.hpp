#pragma once
// Designing a configuration: a METIS seed partition (population as vertex weight, contiguous
// parts) per restart, then simulated annealing over moves of boundary atoms that keep every
// organisation contiguous, on the weighted objective with [min, max] population bounds.
// Restarts run in parallel on threads and MPI ranks; the best plan is chosen by (objective,
// restart index), so it does not depend on the thread or process count. docs/design.md.
#include <cstdint>
#include <vector>

#include "design/objective.hpp"

namespace pco {

struct SearchOptions {
  std::uint64_t seed = 1;
  int restarts = 4;
  int threads = 1;
  double sweeps = 1000;       // annealing proposals per atom
  bool use_processes = true;  // split restarts across MPI ranks when launched by mpirun
  int parts = 0;              // number of organisations; 0: from the bounds (choose_parts)
  // A plan of the atoms to anneal from as one extra restart (numbered after the METIS ones),
  // e.g. the current configuration, so that the design is never worse than what exists
  // ("build from the small upwards"). Empty: none. Its organisation count is kept.
  std::vector<int> extra_start;
  int extra_start_parts = 0;
};

struct RestartResult {
  int restart = 0;
  double seed_total = 0;
  double best_total = 0;
  std::vector<int> assignment;  // kept only for the chosen restart after gathering
};

struct DesignOutcome {
  int parts = 0;
  std::vector<int> seed_assignment;  // of the chosen restart
  std::vector<int> assignment;       // the chosen plan
  int chosen_restart = 0;
  std::vector<RestartResult> restarts;  // every restart, in index order
};

// The number of organisations: total population / midpoint of the bounds, rounded, moved into
// [ceil(total / max), floor(total / min)]; `wanted` > 0 asks for that many. Throws UsageError
// when the range is empty or `wanted` is outside it.
int choose_parts(double total_population, double min_pop, double max_pop, int wanted = 0);

// METIS k-way partition into `parts` contiguous parts (part labels 0..parts-1, every one used
// when the graph allows).
std::vector<int> metis_seed(const DesignProblem& problem, int parts, int metis_seed_value);

// Restart r's seed: METIS with a seed value from the keyed stream (seed, "metis", r).
std::vector<int> restart_seed(const DesignProblem& problem, int parts, std::uint64_t seed,
                              std::size_t restart);

// Normalises the objective's terms by their values in one reference plan common to every
// restart and process: the seed of restart 0 (docs/design.md, "Weights and normalisation").
void normalise_terms(DesignProblem& problem, const SearchOptions& options);

// Simulated annealing from `start`; returns the best plan seen (never worse than `start`).
std::vector<int> anneal(const DesignProblem& problem, const std::vector<int>& start, int parts,
                        std::uint64_t seed, int restart, double sweeps);

DesignOutcome optimise(const DesignProblem& problem, const SearchOptions& options);

// Whether the atoms of each part form one connected piece of the graph.
bool parts_contiguous(const NeighbourGraph& graph, const std::vector<int>& assignment, int parts);

}  // namespace pco

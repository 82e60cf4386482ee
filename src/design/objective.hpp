#pragma once
// The weighted objective a design minimises, kept up to date move by move: per-organisation
// sums (population, cost moments, area, perimeter) and the people who stay with the
// organisation matched to their current one. Terms and normalisations: docs/design.md,
// "Objective".
#include <cstdint>
#include <string>
#include <vector>

#include "appraisal/parameters.hpp"
#include "design/atoms.hpp"
#include "geo/areas.hpp"
#include "geo/geometry.hpp"

namespace pco {

struct DesignWeights {
  double risk = 1;
  double cost = 1;
  double engagement = 1;
  double disruption = 1;
  double compactness = 1;
};

// "risk=2,cost=1" -> weights (unnamed terms keep their defaults). Throws UsageError naming a
// bad term or value.
DesignWeights parse_weights(const std::string& text);

// The terms raw, each in its own units (below); the total weighs each term by its weight
// divided by its reference value (DesignProblem::reference), so weights are relative
// importance.
struct ObjectiveTerms {
  double risk = 0;         // Σ normal-approximation 99% reserves / total expected cost
  double cost = 0;         // Σ management cost / total expected cost
  double engagement = 0;   // 1 − population-weighted engagement proxy
  double disruption = 0;   // share of people not in the organisation matched to their current one
  double compactness = 0;  // mean over organisations of 1 − Polsby–Popper
  double bounds = 0;       // Σ population outside [min, max] / mean bound (0 when feasible)
  double providers = 0;    // Σ shortfall of providers below the minimum / the minimum
  double total = 0;        // Σ weight × term / reference + kBoundsWeight × (bounds + providers)
};

inline constexpr double kBoundsWeight = 100;

// What does not change during a search: the atoms, their graph and the settings.
struct DesignProblem {
  AtomSet atoms;
  NeighbourGraph graph;
  DesignWeights weights;
  double min_pop = 0;
  double max_pop = 0;
  int min_providers = 0;  // providers (of the rule's kind) each organisation must hold
  std::string provider_kind;
  // Coterminosity: the areas and each practice's (population index) area, -1 when unplaced.
  std::vector<std::string> area_codes;
  std::vector<std::string> area_names;
  std::vector<PointPlacement> practice_area;
  std::vector<bool> area_exception;  // per practice: its atom holds too little of its area
  // When atoms were joined into blocks: the graph of the original atoms (for outlines) and
  // each original atom's block.
  NeighbourGraph fine_graph;
  std::vector<int> fine_group;
  std::vector<GeoPoint> fine_locations;
  std::string areas_file;
  std::vector<std::string> notes;  // how the rules were applied
  AppraisalParameters params;
  double margin = 0;                // budget = expected cost × (1 + margin)
  double z99 = 2.3263478740408408;  // standard normal 99% point
  double total_mean = 0;
  double total_population = 0;
  // Each term's divisor: its value in the reference plan (the seed of restart 0, see
  // normalise_terms in optimiser.hpp), or 1 where that value is 0. All 1 until normalised.
  DesignWeights reference;
};

// Sets problem.reference from a reference plan's raw terms (a term whose reference value is
// not positive keeps divisor 1, i.e. enters the total unnormalised).
void set_reference(DesignProblem& problem, const ObjectiveTerms& raw);

// Each term as it enters the total: weight × raw / reference (bounds × kBoundsWeight); total
// as in `raw`.
ObjectiveTerms weighted_terms(const DesignProblem& problem, const ObjectiveTerms& raw);

class PlanState {
 public:
  // `assignment[a]` in [0, parts); the current-to-new matching is computed from it (greedy
  // by overlap, largest first) and then kept fixed.
  PlanState(const DesignProblem& problem, std::vector<int> assignment, int parts);
  // Keeps a given matching (current organisation -> part, or -1).
  PlanState(const DesignProblem& problem, std::vector<int> assignment, int parts,
            std::vector<int> matching);

  const std::vector<int>& assignment() const { return assignment_; }
  int parts() const { return parts_; }
  const std::vector<int>& matching() const { return matching_; }
  double total() const { return total_; }
  ObjectiveTerms terms() const;  // recomputed from the sums
  std::int64_t size(int part) const { return count_[static_cast<std::size_t>(part)]; }
  double population(int part) const { return org_[static_cast<std::size_t>(part)].population; }
  double providers(int part) const { return org_[static_cast<std::size_t>(part)].providers; }

  // Change of the total if `atom` moved to `to`.
  double delta(std::size_t atom, int to) const;
  void move(std::size_t atom, int to);

 private:
  struct Sums {
    double population = 0, mean = 0, variance = 0, area = 0, perimeter = 0, providers = 0;
  };
  double contribution(const Sums& s) const;
  // Moves the atom's sums from `k` (its part's) to `l` (part `to`'s).
  void shift(std::size_t atom, int to, Sums& k, Sums& l) const;
  double stays(std::size_t atom, int part) const;
  double shared_with(std::size_t atom, int part) const;

  const DesignProblem* p_;
  std::vector<int> assignment_;
  int parts_;
  std::vector<int> matching_;
  std::vector<Sums> org_;
  std::vector<std::int64_t> count_;
  double stayed_ = 0;
  double mapped_population_ = 0;
  double total_ = 0;
};

// Greedy matching of current organisations to parts by shared population, largest overlap
// first; returns current organisation -> part (or -1).
std::vector<int> match_current(const AtomSet& atoms, const std::vector<int>& assignment, int parts);

}  // namespace pco

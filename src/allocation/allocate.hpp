#pragma once
// Fair shares: each practice's target by component, organisations' targets at a level as the
// exact sum of their practices', the unified budget split by component, and indicative
// practice budgets. Every amount is whole pence and every level reconciles to the penny.

#include <cstdint>
#include <string>
#include <vector>

#include "allocation/formula.hpp"
#include "model/configuration.hpp"
#include "model/population.hpp"

namespace pco {

// Configuration-independent results per practice: the formula is applied once, nationally.
struct PracticeTargets {
  std::vector<std::string> components;
  std::vector<bool> ring_fenced;
  std::vector<std::string> weight_names;           // built-in curve name or weights file
  std::vector<std::string> weight_sources;         // where the weights come from
  std::vector<std::int64_t> quanta;                // per component
  std::vector<std::string> streams;                // funding streams ("total" when one)
  std::vector<std::int64_t> stream_quanta;         // per stream
  std::vector<std::string> stream_sources;         // where each stream's money comes from
  std::vector<std::size_t> component_stream;       // per component: its stream
  std::vector<std::string> bases;                  // per component: its base (weights or column)
  std::vector<std::vector<long double>> weighted;  // [component][practice] sum n*w*need*mff
  // [component][practice] the weighted population before the cost adjustment (n·w·need, or the
  // file's column): NHS England's "weighted population" of that component.
  std::vector<std::vector<long double>> need_weighted;
  std::vector<std::vector<std::int64_t>> pence;  // [component][practice] target
  std::vector<long double> exact;                // [practice] unrounded target, all components
  std::int64_t population = 0;                   // mapped practices' registered patients
  std::int64_t quantum = 0;                      // sum of component quanta

  // Weighted population of a practice: the population it would have at the national average
  // target per head, so that weighted populations sum to the national population.
  long double weighted_population(std::size_t practice) const;
};

// Applies the formula to every practice the configuration maps. Throws InputError when a
// component with money has no weighted population to share it over.
PracticeTargets compute_practice_targets(const Formula& formula, const Population& population,
                                         const Configuration& configuration);

struct OrganisationBudget {
  std::string code;
  std::string name;
  std::vector<std::size_t> practices;  // population indices
  std::int64_t population = 0;
  long double weighted_population = 0;
  std::vector<std::int64_t> target_components;
  std::vector<std::int64_t> allocation_components;
  std::int64_t target_pence = 0;
  std::int64_t allocation_pence = 0;
  std::int64_t pooled_pence = 0;  // contributed to pooled budgets
  // Per component: Σ over its practices of PracticeTargets::need_weighted (exact sums).
  std::vector<long double> component_weighted;

  double need_index() const;
  double distance_from_target_pct() const;
  // Per component: its weighted population per head, relative to the national per head.
  double component_need_index(std::size_t component, long double national_weighted,
                              std::int64_t national_population) const;
};

struct LevelAllocation {
  std::string level;
  std::vector<OrganisationBudget> organisations;
};

// Targets at `level`: each organisation's target per component is the sum of its practices'
// targets, and its allocation equals its target (set_allocations changes that).
LevelAllocation allocate_level(const PracticeTargets& targets, const Population& population,
                               const Configuration& configuration, std::string_view level);

// Sets each organisation's allocation (e.g. after pace of change) and splits it over the
// components in proportion to its component targets, by largest remainder.
void set_allocations(LevelAllocation& allocation, const std::vector<std::int64_t>& totals);

struct PracticeBudget {
  std::size_t practice = 0;
  std::size_t organisation = 0;  // index in LevelAllocation::organisations
  long double weighted_population = 0;
  std::vector<std::int64_t> components;
  std::int64_t indicative_budget_pence = 0;
};

// Each practice's share of its organisation's allocation, component by component in
// proportion to its weighted population for that component, so practice budgets sum exactly
// to the organisation's allocation. Where an organisation's component allocation equals the
// sum of its practices' targets, the practices' own targets are used: they already sum to it, and a
// practice's budget then does not depend on which organisation it is in.
std::vector<PracticeBudget> indicative_budgets(const LevelAllocation& allocation,
                                               const PracticeTargets& targets);

}  // namespace pco

#pragma once
// Care-pathway shifts: a share of a service's activity moves from providers of one kind (e.g.
// the acute trust's outpatient clinics) to providers of another (a community provider), where
// each event costs a given ratio of the old tariff. docs/commissioning.md.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "commissioning/flows.hpp"
#include "commissioning/provider.hpp"

namespace pco {

struct PathwayShiftSpec {
  std::string name;
  std::string service;
  ProviderKind from = ProviderKind::acute;
  ProviderKind to = ProviderKind::community;
  double share = 0;            // of the service's activity at `from` providers that moves
  double unit_cost_ratio = 1;  // price and cost of an event at the new setting / old tariff
  double transition_cost = 0;  // £ per commissioner, spent evenly over the phase-in years
  int years = 1;               // the shift phases in linearly over these years
  std::string commissioner;    // one organisation; empty: every one at `level`
  std::string level;           // empty: the commissioning level
  std::string to_provider;     // the receiving provider; empty: the practice's own `to` providers
  bool rebase_from = true;     // the losing providers' contracts are repriced on the new activity
  bool rebase_to = true;       // the receiving providers' contracts are repriced
  std::size_t line = 0;
  std::size_t column = 0;
};

// What one shift moves for one commissioner (expected values, per year at full effect).
struct ShiftMovement {
  std::size_t shift = 0;
  std::string commissioner;
  std::vector<std::size_t> practices;  // the commissioner's practices (population indices)
  std::optional<std::size_t> holder;   // the budget holder containing them (set by the caller)
  double events = 0;                   // events a year moved
  double money = 0;                    // their value at the old tariff, £
  double new_cost = 0;  // their price at the new setting, £ (unit_cost_ratio × money)
};

// Applies every shift to `flows` in order (each practice's activity at `from` providers of the
// service is cut by `share`; the moved part goes to the receiving providers at price scale
// unit_cost_ratio). `commissioners[k]` lists the practices of each commissioner shift k applies
// to (code, practices). Throws InputError naming the shift when a practice has no provider of the
// `to` kind to receive its activity.
struct ShiftTarget {
  std::string commissioner;
  std::vector<std::size_t> practices;
};
std::vector<ShiftMovement> apply_pathway_shifts(
    FlowTable& flows, const std::vector<PathwayShiftSpec>& shifts,
    const std::vector<std::vector<ShiftTarget>>& targets, const Economy& economy,
    const ServiceModel& model, const ProviderSet& providers, const FlowSettings& settings,
    const std::string& file);

}  // namespace pco

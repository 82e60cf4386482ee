#pragma once
// One budget basis for risk, simulation, appraisal and the report (docs/risk-holders.md,
// "Budgets"). With a [formula], a budget holder's budget *is* the allocation: the money of its
// practices, each practice's share of the allocation in pence (its indicative budget at the
// allocation's level, which is its formula target when there is no pace of change), so an
// organisation at the allocation's level gets exactly the pence `pco allocate` gives it and a
// merger the sum of its parts. Without a formula the budget is the service model's expected
// cost × (1 + margin). Either way the model's expected cost is shown beside the budget, and the
// allocation is reconciled with the model nationally: when they disagree by more than
// kQuantumModelTolerance, P(overspend) measures that gap rather than chance, and pco warns.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "allocation/run.hpp"
#include "demand/service.hpp"

namespace pco {

// "A few percent": beyond this relative gap between the national allocation and the model's
// national expected cost of the services it funds, pco warns.
inline constexpr double kQuantumModelTolerance = 0.03;

// Each population practice's share of the allocation in pence: its indicative budget at the
// allocation's level (its target when the allocation equals the targets), 0 for practices the
// configuration leaves out. The shares add up to the allocation's total exactly.
std::vector<std::int64_t> practice_allocations(const AllocationRun& allocation,
                                               std::size_t practice_count);

// Each population practice's target in the same year's money as practice_allocations: its
// formula target in pence, or after pace of change its organisation's final-year target split
// over the organisation's practices in proportion to their formula targets (largest
// remainder). A group's distance from target is Σ allocations / Σ targets − 1.
std::vector<std::int64_t> practice_targets(const AllocationRun& allocation,
                                           std::size_t practice_count);

// The national expected cost of one service over the mapped practices, £ (closed form
// Σ_p E N_p · E X), with the need index per practice (empty: 1).
double national_expected_cost(const Economy& economy, const ServiceLine& service,
                              const std::vector<double>& need);

// The allocation against the service model for the whole economy.
struct BudgetReconciliation {
  bool from_allocation = false;
  double margin = 0;                    // used when there is no allocation
  std::int64_t allocation_pence = 0;    // Σ practice_allocations (the quantum, or the year's
                                        // money after pace of change); 0 without an allocation
  std::int64_t quantum_pence = 0;       // the formula's quantum
  std::vector<std::string> components;  // the formula's components (what the quantum covers)
  double expected_cost = 0;             // the model's national expected cost of every service, £
  // Every service of the model with the level holding it (as held in this calculation) and its
  // national expected cost, £.
  struct Service {
    std::string name;
    std::string level;
    double expected_cost = 0;
  };
  std::vector<Service> services;
  double gap = 0;  // budgets − expected cost, £ (margin × expected cost without an allocation)
  double gap_pct = 0;                  // of expected cost
  std::string explanation;             // one paragraph for reports
  std::optional<std::string> warning;  // when |gap_pct| > kQuantumModelTolerance with a formula
};

// `hold_level`: the level every service is held at (run, appraisal: the lead level holds the
// whole budget); empty: each service's own level.
BudgetReconciliation reconcile_budgets(const Economy& economy, const ServiceModel& model,
                                       const std::optional<AllocationRun>& allocation,
                                       double margin, const std::vector<double>& need,
                                       const std::string& hold_level = "");

// Budgets in pence of holders (each a list of population practices) at one level that holds
// `held_share` of the model's national expected cost (1 when it holds every service): the sum
// of their practices' allocations, or when held_share < 1 that sum × held_share split over the
// holders by largest remainder, so the level's budgets add up to its share of the allocation.
std::vector<std::int64_t> allocation_budgets(const std::vector<std::int64_t>& practice_money,
                                             const std::vector<std::vector<std::size_t>>& holders,
                                             double held_share);

}  // namespace pco

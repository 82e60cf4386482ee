#pragma once
// Every budget holder's financial risk: for each organisation at each level, the exact
// distribution of the annual cost of the services it holds, its budget and the risk measures
// (mean, sd, CV, P(overspend), VaR/TVaR, reserves). docs/risk-holders.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "allocation/run.hpp"
#include "demand/service.hpp"
#include "risk/aggregate.hpp"
#include "risk/budget_basis.hpp"
#include "risk/cost_distribution.hpp"
#include "scenario/economy.hpp"

namespace pco {

// Measures of an annual cost distribution against a budget, in pounds.
struct RiskMeasures {
  double mean = 0;
  double sd = 0;
  double cv = 0;
  double p_overspend = 0;        // P(S > B)
  double p_overspend_5pct = 0;   // P(S > 1.05 B)
  double p_overspend_10pct = 0;  // P(S > 1.10 B)
  double var95 = 0;
  double var99 = 0;
  double tvar95 = 0;
  double tvar99 = 0;
  double reserve95 = 0;  // max(0, VaR95 − B)
  double reserve99 = 0;
};
RiskMeasures risk_measures(const AggregateDistribution& d, double budget);

struct HolderRisk {
  std::string code;
  std::string name;
  std::string level;
  std::int64_t population = 0;
  std::vector<std::string> services;
  double expected_cost = 0;       // closed form, £: the service model's view beside the budget
  double budget = 0;              // £
  std::int64_t budget_pence = 0;  // the allocation in pence with a [formula] (docs/risk-holders.md)
  RiskMeasures measures;
  double exact_sd = 0;              // closed form
  double variance_error_bound = 0;  // see CostDistribution
  double mass_beyond_grid = 0;
  AggregateDistribution distribution;  // kept only when HolderRiskOptions::keep_distributions
};

struct HolderRiskOptions {
  // Levels to report ("practice", "national" or configuration level names); empty: every level
  // that holds at least one service.
  std::vector<std::string> levels;
  // Each reported organisation holds every service, whatever its commissioning level: "what if
  // this level held the whole budget?".
  bool hold_all = false;
  double margin = 0;         // budget = expected cost × (1 + margin) without an allocation
  std::vector<double> need;  // need index per population practice; empty: 1
  GridSettings grid;
  bool keep_distributions = false;
  // Worker threads over holders (0: one per hardware thread); results do not depend on it.
  unsigned threads = 0;
};

struct HolderRiskResults {
  std::string model_source;
  std::string budget_source;            // "allocation" or "expected cost x (1 + margin)"
  BudgetReconciliation reconciliation;  // the allocation against the model, nationally
  std::vector<std::string> levels;
  std::vector<HolderRisk> holders;  // level by level, organisations in configuration order
};

// When `allocation` is given, an organisation's budget is its allocation in pence: the sum of
// its practices' shares of the allocation (practice_allocations), which at the allocation's own
// level is exactly the organisation's allocation after pace of change; a level holding only
// some services gets the share of the allocation that the model's national expected cost of
// those services is of all services. Otherwise budget = expected cost × (1 + margin). Throws
// UsageError for an unknown level.
HolderRiskResults compute_holder_risk(const Economy& economy, const ServiceModel& model,
                                      const std::optional<AllocationRun>& allocation,
                                      const HolderRiskOptions& options = {});

// The organisations at a level ("practice", "national", "organisation" or a configuration
// level), each with its practices (population indices).
struct HolderGroup {
  std::string code;
  std::string name;
  std::vector<std::size_t> practices;
};
std::vector<HolderGroup> holder_groups(const Economy& economy, const std::string& level);

// The cost components of a list of practices (population indices) for the given services.
std::vector<CostComponent> holder_components(const Economy& economy,
                                             const std::vector<const ServiceLine*>& services,
                                             const std::vector<std::size_t>& practices,
                                             const std::vector<double>& need);

}  // namespace pco

#pragma once
// Every budget holder's financial risk: for each organisation at each level, the exact
// distribution of the annual cost of the services it holds, its budget and the risk measures
// (mean, sd, CV, P(overspend), VaR/TVaR, reserves). docs/risk-holders.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "allocation/run.hpp"
#include "demand/service.hpp"
#include "holders/budget_basis.hpp"
#include "risk/aggregate.hpp"
#include "risk/cost_distribution.hpp"
#include "risk/risk_sources.hpp"
#include "risk/total_cost.hpp"

namespace pco {

// Measures of an annual cost distribution against a budget, in pounds. Probabilities are the
// mass the grid holds above the amount (risk/measures.hpp), never 1 − F.
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
  RiskMeasures measures;          // of the total cost, every source switched on
  double exact_sd = 0;            // closed form sd of the total
  // The sd with each source alone (closed forms, £): chance, formula error, shared shock.
  double sd_chance = 0;
  double sd_formula = 0;
  double sd_shock = 0;
  double formula_sd = 0;          // relative sd of this holder's formula-error factor
  double shock_sd = 0;            // relative sd of the shared shock
  double list_concentration = 1;  // Σ (n_i / N)² over its practices
  // The grid's variance lies in [exact_sd² − variance_deficit, exact_sd² + variance_error_bound]
  // (see TotalCost); every probability is within ± grid_tail_mass of the discretised model's.
  double variance_error_bound = 0;
  double variance_deficit = 0;
  double grid_tail_mass = 0;
  std::size_t quadrature_nodes = 0;    // nodes mixing the factors (0: none)
  double quadrature_error = 0;         // relative error of the nodes' E F²
  std::int64_t imputed_people = 0;     // people whose age-sex structure was imputed
  AggregateDistribution distribution;  // of the total; kept when keep_distributions
  // Chance alone (the compound sum), kept when keep_chance_distributions: the simulation
  // draws the factors itself.
  AggregateDistribution chance_distribution;
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
  RiskSources sources;
  bool keep_distributions = false;
  bool keep_chance_distributions = false;
  // Worker threads over holders (0: one per hardware thread); results do not depend on it.
  unsigned threads = 0;
};

struct HolderRiskResults {
  std::string model_source;
  std::string budget_source;            // "allocation" or "expected cost × (1 + margin)"
  BudgetReconciliation reconciliation;  // the allocation against the model, nationally
  RiskSources sources;
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

// A holder before its distribution is computed: who it is (code, name, level, population,
// imputed people, services), its budget, its expected cost and formula-error sd (closed forms),
// and the components its chance distribution is computed from. compute_holder_risk computes the
// distributions one holder at a time from these; the simulation computes each as its turn comes
// and drops it after, so that thousands of holders' distributions are never held at once.
struct PlannedHolder {
  HolderRisk risk;  // every field but the distributions, measures and sds
  std::vector<CostComponent> components;
  double concentration = 1;  // Σ (n_i / N)² of its practices' lists
};

// The holders of one level, their budgets fixed as compute_holder_risk fixes them. Throws
// UsageError for an unknown level or a level that holds no service.
std::vector<PlannedHolder> plan_holders(const Economy& economy, const ServiceModel& model,
                                        const std::optional<AllocationRun>& allocation,
                                        const HolderRiskOptions& options, const std::string& level);

// A planned holder's chance distribution (the compound sum of its components), bit for bit the
// one compute_holder_risk computes, on the caller's workspace (one per thread).
CostDistribution chance_distribution(const PlannedHolder& holder, const GridSettings& grid,
                                     RiskWorkspace& workspace);

// Fills a holder's cost fields (expected cost, sds by source, error bounds, the total's
// distribution) from its chance distribution and formula-error concentration.
void set_total_cost(HolderRisk& holder, const CostDistribution& chance, const RiskSources& sources,
                    double concentration, bool keep_chance);
// Σ (n_i / N)² of the practices' list sizes.
double practices_concentration(const Economy& economy, const std::vector<std::size_t>& practices);

// The cost components of a list of practices (population indices) for the given services.
std::vector<CostComponent> holder_components(const Economy& economy,
                                             const std::vector<const ServiceLine*>& services,
                                             const std::vector<std::size_t>& practices,
                                             const std::vector<double>& need);

}  // namespace pco

#pragma once
// Appraising configurations side by side: for the status quo and each alternative, the
// metrics of every organisation (size, financial risk, management cost, engagement proxy,
// bargaining position, equity) and of the configuration, the disruption of moving to it, and
// the multi-year comparison with the status quo, its uncertainty and a tornado
// (docs/appraisal.md).
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "allocation/run.hpp"
#include "appraisal/alternatives.hpp"
#include "appraisal/cashflow.hpp"
#include "appraisal/parameters.hpp"
#include "demand/service.hpp"
#include "model/membership_change.hpp"
#include "scenario/scenario.hpp"

namespace pco {

inline constexpr double kNotComputable = std::numeric_limits<double>::quiet_NaN();

struct OrganisationAppraisal {
  std::string code;
  std::string name;
  std::string federation;  // code of its federation, empty if none
  std::string risk_pool;   // code of the budget holder whose pool it shares
  std::int64_t population = 0;
  std::size_t practices = 0;
  std::size_t networks = 0;
  double expected_cost = 0;     // commissioned spend held, £/yr (the service model's view)
  double budget = 0;            // its budget, £/yr: its allocation with a [formula]
  double p_overspend_5pct = 0;  // of its risk pool
  double cv = 0;                // of its risk pool
  double reserve99 = 0;         // its share of its pool's 99% reserve, £
  double management_cost = 0;   // £/yr, its share of shared costs included
  double engagement = 0;        // proxy, 0..1
  double max_provider_share = kNotComputable;
  double distance_from_target_pct = kNotComputable;
};

// What does not depend on the appraisal parameters, computed once per configuration.
struct ConfigurationStructure {
  std::vector<OrganisationAppraisal> organisations;
  std::int64_t population = 0;
  double expected_cost = 0;
  double reserve99 = 0;
  // Disruption against the status quo (model/membership_change.hpp): practices and people
  // moved (in an organisation other than the continuation of their current one), people in
  // reorganised organisations (whose membership changes), status-quo organisations that cease.
  std::size_t practices_moved = 0;
  std::int64_t people_moved = 0;
  std::int64_t people_reorganised = 0;
  std::size_t organisations_merged = 0;  // status-quo organisations that cease to exist as such
  std::size_t federated_organisations = 0;
  bool has_networks = false;     // the configuration has a `network` level
  double spend_reorganised = 0;  // commissioned spend of the people in reorganised organisations
  std::vector<int> practice_organisation;  // per population practice: index in organisations
  MembershipChange change;                 // against the status quo, per practice
  // Commissioning alternatives (docs/appraisal.md): the fall in the commissioners' expected
  // payments with their contracts in force, £/yr, the change in their 99% reserves, £ (already
  // in reserve99), and the pathway shifts' transition costs, £ once.
  double contract_saving = 0;
  double contract_reserve_change = 0;
  double contract_transition = 0;
};

struct ConfigurationMetrics {
  double management_cost = 0;
  double management_cost_per_head = 0;
  double mean_population = 0;
  double practices_per_organisation = 0;
  double networks_per_organisation = 0;
  double p_overspend_5pct = 0;   // population-weighted
  double cv = 0;                 // population-weighted
  double engagement = 0;         // population-weighted proxy
  double share_best_buy_in = 0;  // of the population, in organisations <= engagement_best
  double share_remote = 0;       // in organisations > engagement_remote
  double max_provider_share = kNotComputable;
  double mean_abs_distance_from_target_pct = kNotComputable;
};

struct Uncertainty {
  int draws = 0;
  double mean = 0;
  double sd = 0;
  double standard_error = 0;
  double p05 = 0;
  double p95 = 0;
  double probability_positive = 0;
};

// One status-quo organisation under one alternative, its own view: its share of every
// organisation its people end up in (by people), and its own part of the change. The
// organisations' NPVs add up to the configuration's (docs/appraisal.md, "Your organisation").
struct OrganisationView {
  std::string code;
  std::string name;
  std::int64_t population = 0;
  std::string successor;  // the alternative's organisation holding most of its people
  std::string successor_name;
  std::int64_t successor_population = 0;
  std::string federation;  // the successor's federation, if any
  bool changed = false;    // its practices move or are reorganised, or it joins a federation
  std::int64_t people_moved = 0;
  std::int64_t people_reorganised = 0;
  double budget_before = 0;  // its budget, £/yr (unchanged by the change: money follows practices)
  double p_overspend_5pct_before = 0;
  double p_overspend_5pct_after = 0;  // of the successor's risk pool
  double reserve99_before = 0;
  double reserve99_after = 0;  // its share (by people) of its successors' reserves
  double management_cost_before = 0;
  double management_cost_after = 0;
  ChangeSummary change;
  Cashflow cashflow;
  Uncertainty npv_uncertainty;
};

struct ConfigurationAppraisal {
  std::string name;
  std::string description;
  std::string level;
  bool status_quo = false;
  std::size_t federations = 0;
  ConfigurationStructure structure;
  ConfigurationMetrics metrics;
  ChangeSummary change;  // vs status quo (zero for the status quo)
  Cashflow cashflow;
  Uncertainty npv_uncertainty;
  std::vector<OrganisationView> organisations;  // alternatives: one per status-quo organisation
};

struct TornadoEntry {
  std::string configuration;
  std::string parameter;
  double low = 0;
  double high = 0;
  double npv_low = 0;
  double npv_high = 0;
  std::string best_at_low;  // the configuration with the highest NPV at the low value
  std::string best_at_high;
  bool flips = false;  // the best configuration differs from the base case at low or high
};

struct AppraisalResults {
  AppraisalParameters parameters;
  int years = 10;
  std::string best;  // highest NPV at the base parameters (status quo: NPV 0)
  std::vector<ConfigurationAppraisal> configurations;
  std::vector<TornadoEntry> tornado;  // per alternative, widest swing first
  std::vector<std::string> notes;
  std::string budget_basis;                   // how budgets were set (BudgetReconciliation)
  std::optional<std::string> budget_warning;  // allocation and model disagree nationally
};

struct AppraisalOptions {
  int years = 10;
  int draws = 200;  // Monte Carlo draws over the parameter ranges; 0: none
  std::uint64_t seed = 1;
};

// Options from `[appraisal] years, draws` and the scenario seed.
AppraisalOptions read_appraisal_options(const Scenario& scenario);

// The whole appraisal of the scenario's configurations.
AppraisalResults appraise(const Scenario& scenario, const Economy& economy,
                          const ServiceModel& model);

// The pieces, for tests and callers with their own candidates.
// The status quo's [formula] allocation (with its pace of change); nullopt without [formula].
// Every configuration's budgets and distances from target come from its practices' shares of it.
std::optional<AllocationRun> status_quo_allocation(const Scenario& scenario, const Economy& economy,
                                                   const CandidateConfiguration& status_quo);
// Each population practice's expected annual cost of the services held at `level`, £.
std::vector<double> practice_expected_costs(const Economy& economy, const ServiceModel& model,
                                            const std::string& level);
ConfigurationStructure configuration_structure(const Scenario& scenario, const Economy& economy,
                                               const ServiceModel& model,
                                               const CandidateConfiguration& candidate,
                                               const CandidateConfiguration& status_quo);
ConfigurationStructure configuration_structure(const Scenario& scenario, const Economy& economy,
                                               const ServiceModel& model,
                                               const CandidateConfiguration& candidate,
                                               const CandidateConfiguration& status_quo,
                                               const std::optional<AllocationRun>& allocation,
                                               const std::vector<double>& practice_cost);
// Each status-quo organisation's own part of an alternative (metrics of both filled).
std::vector<OrganisationView> organisation_views(const Economy& economy,
                                                 const std::vector<double>& practice_cost,
                                                 const ConfigurationAppraisal& status_quo,
                                                 const ConfigurationAppraisal& alternative,
                                                 const AppraisalParameters& params, int years);
// Fills management cost and engagement of the organisations and the configuration metrics.
ConfigurationMetrics configuration_metrics(ConfigurationStructure& structure,
                                           const CandidateConfiguration& candidate,
                                           const AppraisalParameters& params);
ChangeSummary change_from(const ConfigurationAppraisal& status_quo,
                          const ConfigurationAppraisal& alternative,
                          const CandidateConfiguration& candidate,
                          const AppraisalParameters& params);
// Management cost of one organisation of population n standing alone, £/yr.
double standalone_management_cost(double n, const AppraisalParameters& params);
// The engagement proxy of an organisation of population n: 1 at or below engagement_best, 0 at
// or above engagement_remote, linear in log population between.
double engagement_proxy(double n, const AppraisalParameters& params);
AppraisalResults appraise_candidates(const Scenario& scenario, const Economy& economy,
                                     const ServiceModel& model,
                                     const std::vector<CandidateConfiguration>& candidates,
                                     const AppraisalParameters& params,
                                     const AppraisalOptions& options);

}  // namespace pco

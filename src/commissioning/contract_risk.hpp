#pragma once
// Who bears the risk of each contract, exactly: the distribution of every contract's activity
// (a compound of each service's count and cost per event, from the risk engine), and from it the
// commissioner's payment, the provider's income, cost and margin, P(provider loss) and the split
// of the cost's variance between them; each provider's totals over its contracts; each budget
// holder's payments with all its contracts in force, against its budget. docs/commissioning.md.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "commissioning/commissioning_model.hpp"
#include "commissioning/contract.hpp"
#include "commissioning/contract_layout.hpp"
#include "holders/holder_risk.hpp"
#include "risk/cost_distribution.hpp"

namespace pco {

// The exact distribution of one activity group: Σ parts, each a compound (count of the
// service, cost per event × price scale), with its closed-form moments.
struct GroupDistribution {
  AggregateDistribution distribution;  // point mass at 0 when the group is empty
  double mean = 0;
  double variance = 0;
  double variance_error_bound = 0;  // see CostDistribution
  bool empty = true;
};

struct ContractResult {
  ContractTerms terms;
  double expected_activity = 0;  // all the contract's activity at tariff (prime: the population's)
  double sd_activity = 0;
  double expected_own_activity = 0;  // prime contracts: the part the provider delivers itself
  // The two groups: x₁ the variable element (prime: own delivery), x₂ the rest (prime: others').
  double expected_x1 = 0;
  double sd_x1 = 0;
  double expected_x2 = 0;
  double sd_x2 = 0;
  double expected_payment = 0;  // = the provider's expected income
  double sd_payment = 0;
  double expected_cost = 0;  // the provider's cost: own activity × cost ratio (+ subcontracts)
  double sd_cost = 0;
  double expected_margin = 0;  // income − cost
  double sd_margin = 0;
  double margin_q05 = 0;
  double margin_q95 = 0;
  double p_loss = 0;  // P(margin < 0)
  // P(margin exactly 0): where the payment rises with activity at the provider's unit cost (an
  // activity contract with tariff = cost, within its cap), a true atom that the provider's
  // totals keep apart from the mass near 0 that the grid merely rounds there.
  double p_margin_zero = 0;
  // Cov(cost, payment) / Var(cost): the share of the cost's variance the commissioner bears
  // (the provider bears the rest). 0 when the cost is certain.
  double commissioner_share = 0;
  bool closed_form = true;  // false: a cap or floor; moments are taken on the grid
  double variance_error_bound = 0;
  // The activity of the variable element (prime: own delivery) and of the rest, at tariff, on
  // their own grids: kept only with ContractRiskOptions::keep_distributions.
  AggregateDistribution x1;
  AggregateDistribution x2;
};

struct ProviderResult {
  std::uint32_t provider = 0;
  std::size_t contracts = 0;
  double expected_contract_income = 0;
  double expected_tariff_income = 0;  // non-contract activity and prime contractors' subcontracts
  double expected_income = 0;
  double sd_income = 0;
  double expected_cost = 0;
  double expected_margin = 0;
  double sd_margin = 0;
  double margin_q05 = 0;
  double p_loss = 0;
};

struct CommissionerResult {
  std::size_t holder = 0;
  std::size_t contracts = 0;
  double budget = 0;
  double expected_at_tariff = 0;  // closed form
  RiskMeasures at_tariff;         // every unit of activity paid at tariff (no contract)
  RiskMeasures with_contracts;    // the payments with every contract in force
  double expected_contract_payment = 0;
  double expected_tariff_payment = 0;  // activity outside contracts, paid at tariff
  double exact_sd_at_tariff = 0;
  double exact_sd_with_contracts = 0;  // closed form when no contract is capped
  // What the holder pays at tariff outside its contracts, on its own grid: kept only with
  // ContractRiskOptions::keep_distributions.
  AggregateDistribution tariff_distribution;
};

struct ContractRiskOptions {
  GridSettings grid;
  unsigned threads = 0;  // worker threads (0: one per hardware thread); results do not depend on it
  bool keep_distributions = false;
};

// Closed-form mean and variance of a group: Σ over parts of E N · s E X and
// E N · s² (E X² + φ (E X)²) (the count of a part is negative binomial with Var N = E N (1 + φ)).
struct GroupMoments {
  double mean = 0;
  double variance = 0;
};
GroupMoments group_moments(const ServiceModel& model, const ActivityGroup& group);

// One state of the flows, priced by `terms` (one per contract). `budgets` (one per holder) are
// those of `pco risk` at the commissioning level.
struct CommissioningState {
  std::vector<ContractResult> contracts;
  std::vector<ProviderResult> providers;  // providers with any income, in provider order
  std::vector<CommissionerResult> commissioners;
};
CommissioningState evaluate_contracts(const ServiceModel& model, const ProviderSet& providers,
                                      const ContractSet& set, const ActivityLayout& layout,
                                      const std::vector<ContractTerms>& terms,
                                      const std::vector<double>& budgets,
                                      const ContractRiskOptions& options = {});

// One contract's results from its two activity groups: payment g(x₁) = terms.payment(x₁), cost
// ρ x₁ + c₂ x₂ (c₂ = 1 for a prime contract, whose provider pays the others at tariff; else ρ),
// margin g(x₁) − cost.
ContractResult evaluate_contract(const ContractTerms& terms, double cost_ratio, bool prime,
                                 const GroupDistribution& x1, const GroupDistribution& x2,
                                 const GridSettings& grid = {});

// The terms of every contract priced on a layout's expected activity.
std::vector<ContractTerms> price_contracts(const ServiceModel& model, const ContractSet& set,
                                           const ActivityLayout& layout,
                                           const std::vector<ContractSpec>& specs);

// The distribution of a group of independent parts (each a compound of its service's count and
// its cost per event × price scale) on a common grid. `severities` keeps the scaled severities
// at stable addresses, as the workspace's grid cache needs.
class SeverityTable {
 public:
  const Severity& at(const ServiceModel& model, std::size_t service, double scale);

 private:
  std::mutex mutex_;
  std::map<std::pair<std::size_t, double>, std::unique_ptr<Severity>> scaled_;
};
GroupDistribution group_distribution(const ServiceModel& model, const ActivityGroup& group,
                                     SeverityTable& severities, const GridSettings& grid,
                                     RiskWorkspace& workspace);

}  // namespace pco

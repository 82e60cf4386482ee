#pragma once
// Lays out contracts on an economy: expands each [[contract]] to its commissioners and providers
// (and, with a default payment rule, every commissioner–provider relationship no contract
// covers), checks that no activity is under two contracts, and splits every budget holder's
// expected activity into the parts each contract, each holder and each provider pays or is paid
// for. Pure bookkeeping of expected events; the distributions are computed in contract_risk.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "commissioning/commissioning_model.hpp"
#include "commissioning/commissioning_scenario.hpp"
#include "commissioning/contract.hpp"
#include "core/error.hpp"
#include "demand/service.hpp"

namespace pco {

// Expected events of one service in a year at a price scale (1: tariff; a pathway shift's unit
// cost ratio for activity moved to a new setting).
struct ActivityPart {
  std::size_t service = 0;
  double price_scale = 1;
  double events = 0;
};
// Independent parts whose sum is one random amount of activity at tariff.
struct ActivityGroup {
  std::vector<ActivityPart> parts;
  void add(std::size_t service, double price_scale, double events);
  // Σ events · E[cost per event] · scale.
  double expected(const ServiceModel& model) const;
  bool empty() const { return parts.empty(); }
};

struct BudgetHolder {
  std::string code;
  std::string name;
  std::vector<std::size_t> practices;
  std::int64_t population = 0;
};

// Which contracts exist: the same for every state of the flows (before and after pathway
// shifts), so that the states can be compared contract by contract.
struct ContractSet {
  std::string level;                       // the commissioning level
  std::vector<BudgetHolder> holders;       // organisations at the commissioning level
  std::vector<std::size_t> held_services;  // services held at that level (model indices)
  std::vector<Contract> contracts;
  std::vector<std::string> notes;
};

// Expands the scenario's contracts (and the default rule) over the flows of every given state
// (the first is the baseline, on which the default rule's thresholds are judged). Throws
// InputError listing every problem with its scenario line: an unknown commissioner, level,
// provider or service, a service not held at the commissioning level, a commissioner spanning
// several budget holders, activity under two contracts.
ContractSet expand_contracts(const Economy& economy, const ServiceModel& model,
                             const CommissioningModel& commissioning,
                             const CommissioningInputs& inputs,
                             const std::vector<const FlowTable*>& states);

// The activity of one state of the flows, split by who pays and who is paid.
struct ActivityLayout {
  std::vector<ActivityGroup> x1;  // per contract: the variable element (prime: own delivery)
  std::vector<ActivityGroup> x2;  // per contract: the other services (prime: others' delivery)
  std::vector<ActivityGroup> holder_tariff;    // per holder: paid at tariff outside contracts
  std::vector<ActivityGroup> holder_all;       // per holder: all its activity at tariff
  std::vector<ActivityGroup> provider_tariff;  // per provider: paid to it at tariff (non-contract
                                               // activity and prime contractors' subcontracts)
};
ActivityLayout lay_out_activity(const Economy& economy, const ServiceModel& model,
                                const ContractSet& set, const FlowTable& flows,
                                std::size_t provider_count);

}  // namespace pco

#pragma once
// The whole commissioning analysis of a scenario: providers and flows, contracts laid out and
// priced, every contract's, provider's and budget holder's risk, and the same again with every
// pathway shift in force. `pco contracts` prints it; `pco run` stores and reports it.
#include <optional>
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "allocation/run.hpp"
#include "commissioning/commissioning_model.hpp"
#include "commissioning/commissioning_scenario.hpp"
#include "commissioning/contract_layout.hpp"
#include "commissioning/contract_risk.hpp"
#include "commissioning/pathway.hpp"
#include "scenario/scenario.hpp"

namespace pco {

struct CommissioningRunOptions {
  double margin = 0;  // budgets = expected cost × (1 + margin) without an allocation
  ContractRiskOptions risk;
};

// Expected money a year from a budget holder to a provider for the services the holder holds
// (before pathway shifts), whatever pays for it.
struct MoneyFlow {
  std::size_t holder = 0;
  std::uint32_t provider = 0;
  double expected = 0;
};

struct CommissioningRun {
  CommissioningInputs inputs;
  CommissioningModel model;
  ContractSet set;
  std::string budget_source;
  std::vector<MoneyFlow> money_flows;  // holder by holder, providers in order
  std::vector<ContractTerms> terms;    // priced on the flows before any pathway shift
  CommissioningState state;            // before any pathway shift
  // With every pathway shift in force (when the scenario has any): the money moved, each
  // contract repriced unless its side of the shift is not rebased, and the risks again.
  std::vector<ShiftMovement> movements;
  std::vector<ContractTerms> terms_after;
  std::optional<CommissioningState> after;
  std::vector<std::string> notes;
};

// Throws InputError, UsageError or IoError (see the parts).
CommissioningRun run_commissioning(const Scenario& scenario, const Economy& economy,
                                   const ServiceModel& model,
                                   const std::optional<AllocationRun>& allocation,
                                   const CommissioningRunOptions& options = {});

}  // namespace pco

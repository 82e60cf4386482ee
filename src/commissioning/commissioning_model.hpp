#pragma once
// Loads what commissioning needs from a scenario: the providers (trust list, RTT extract,
// providers file, [[provider]], or grown from a synthetic economy) and the baseline flows.
#include <optional>
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "commissioning/commissioning_scenario.hpp"
#include "commissioning/flows.hpp"
#include "commissioning/provider.hpp"
#include "demand/service.hpp"
#include "readers/rtt_extract.hpp"
#include "scenario/scenario.hpp"

namespace pco {

struct CommissioningModel {
  std::string level;  // the commissioning level (budget holders), resolved
  ProviderSet providers;
  FlowTable flows;  // before any pathway shift
  std::optional<RttExtract> rtt;
  std::vector<std::string> notes;
};

// Adds every problem of the providers file, the [[provider]]s, the flow file and the providers the
// contracts and pathway shifts name to `problems`; throws IoError (a file that cannot be read)
// or UsageError (an unknown level).
CommissioningModel load_commissioning_model(const Scenario& scenario, const Economy& economy,
                                            const ServiceModel& model,
                                            const CommissioningInputs& inputs,
                                            DiagnosticList& problems);

}  // namespace pco

#pragma once
// The scenario's commissioning sections: [commissioning] (where providers and flows come from,
// the default payment rule), [[provider]], [[contract]] and [[pathway_shift]]. Every problem of
// every section is reported at once with its line and column.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "commissioning/contract.hpp"
#include "commissioning/flows.hpp"
#include "commissioning/pathway.hpp"
#include "commissioning/provider.hpp"
#include "demand/service.hpp"
#include "scenario/scenario.hpp"
#include "scenario/toml_check.hpp"

namespace pco {

// What pays for a commissioner's flows to a provider that no [[contract]] covers.
enum class DefaultPayment : std::uint8_t {
  activity,   // tariff per unit of activity (non-contract activity)
  nhsps2025,  // the 2025/26 NHS Payment Scheme: aligned payment and incentive for NHS providers
              // (elective services in the variable element at 100% of unit prices), a low
              // volume block at or below the threshold, activity-based for non-NHS providers
};

inline constexpr double kDefaultLvaThreshold = 1.5e6;

// A [[provider]]: a new provider, or (for a code already read from the trust list, the RTT
// extract or the providers file) a correction of the fields it gives.
struct ProviderPatch {
  std::string code;
  std::optional<std::string> name;
  std::optional<ProviderKind> kind;
  std::optional<GeoPoint> location;
  std::optional<std::string> postcode;
  std::optional<double> cost_ratio;
  std::optional<double> attraction;
  std::optional<bool> nhs;
  std::size_t line = 0;
  std::size_t column = 0;
};

struct CommissioningInputs {
  std::string file;   // the scenario, for messages
  std::string level;  // the commissioning level; empty: the scenario's default level
  std::optional<std::filesystem::path> trusts;              // ODS etr file
  std::optional<std::filesystem::path> providers_file;      // providers CSV
  std::optional<std::filesystem::path> rtt;                 // RTT extract (zipped or not)
  std::optional<std::filesystem::path> flow_file;           // practice,service,provider,share
  std::optional<std::filesystem::path> postcode_districts;  // to locate providers
  bool synthetic_providers = false;  // grow providers from the economy (docs/commissioning.md)
  FlowSettings flows = default_flow_settings();
  DefaultPayment default_payment = DefaultPayment::activity;
  double lva_threshold = kDefaultLvaThreshold;
  std::vector<std::string> variable_services = {"elective", "outpatient"};  // nhsps2025 API
  std::vector<ProviderPatch> providers;                                     // [[provider]]
  std::vector<ContractSpec> contracts;                                      // [[contract]]
  std::vector<PathwayShiftSpec> shifts;                                     // [[pathway_shift]]
};

// True when the scenario has any commissioning section.
bool has_commissioning(const Scenario& scenario);

// Reads and checks the sections against the service model (service names) and the known kinds
// and payment forms. Providers, organisations and levels are checked when the contracts are laid
// out (they need the economy). Throws InputError listing every problem.
CommissioningInputs read_commissioning_inputs(const Scenario& scenario, const ServiceModel& model);
// The same, adding the problems to `problems` instead of throwing (so that later checks can add
// theirs and every problem is reported at once).
CommissioningInputs read_commissioning_inputs(const Scenario& scenario, const ServiceModel& model,
                                              DiagnosticList& problems);

const std::vector<KeySpec>& commissioning_schema();
const std::vector<KeySpec>& provider_schema();
const std::vector<KeySpec>& contract_schema();
const std::vector<KeySpec>& pathway_shift_schema();

}  // namespace pco

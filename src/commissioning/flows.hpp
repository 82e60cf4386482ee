#pragma once
// Patient flows: which share of each practice's activity of each service goes to which provider.
// From, in order of precedence: a flow file (practice, service, provider, share); the service's
// own provider shares ([[service.provider]]); an RTT extract (real elective flows from each
// sub-ICB to each provider); a distance-decay model over the providers of the service's kind.
// docs/commissioning.md gives every rule and default.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "commissioning/provider.hpp"
#include "demand/service.hpp"
#include "readers/rtt_extract.hpp"

namespace pco {

// One destination of a practice's activity of a service. price_scale is the price (and cost) of
// an event there relative to the service's tariff: 1, or a pathway shift's unit-cost ratio for
// activity moved to a new setting.
struct FlowEntry {
  std::uint32_t provider = 0;
  double share = 0;
  double price_scale = 1;
};
// Shares summing to 1; empty when no modelled provider delivers the practice's activity of the
// service (it is then paid at tariff to providers outside the model).
using PracticeFlows = std::vector<FlowEntry>;

enum class FlowSource : std::uint8_t { none, file, service, rtt, decay };
std::string_view flow_source_label(FlowSource source);

struct ServiceFlows {
  std::string service;
  std::optional<ProviderKind> kind;      // who delivers it; nullopt: no modelled provider
  std::vector<PracticeFlows> practices;  // by population index
  std::vector<FlowSource> sources;       // by population index
};

struct FlowTable {
  std::vector<ServiceFlows> services;  // in the service model's order
  std::vector<std::string> notes;
};

// Distance decay: share_j ∝ attraction_j · exp(−d_j / scale_km) over the located providers of
// the service's kind within max_km (and independent providers, for the elective services that
// have an RTT treatment function); shares below min_share are dropped and the rest renormalised.
// The scale is the maximum-likelihood fit to the April 2026 RTT flows from every sub-ICB to the
// located acute trusts (docs/commissioning.md); providers beyond kDefaultMaxKm receive no flow.
inline constexpr double kDefaultDecayKm = 12.1;
inline constexpr double kDefaultMaxKm = 60.0;
inline constexpr double kDefaultMinShare = 0.01;

struct FlowSettings {
  double decay_km = kDefaultDecayKm;
  double max_km = kDefaultMaxKm;
  double min_share = kDefaultMinShare;
  // Which kind of provider delivers each service (defaults: docs/commissioning.md); a service
  // mapped to nullopt has no modelled provider.
  std::map<std::string, std::optional<ProviderKind>> service_kind;
  // Services whose flows come from the RTT extract, and the treatment function of each.
  std::map<std::string, std::string> rtt_function;
  RttPart rtt_part = RttPart::incomplete;
  std::string rtt_level;  // configuration level of RTT commissioners; empty: detected
};
// The defaults: elective, non_elective, outpatient, ae, rare_costly → acute; community →
// community; mental_health → mental_health; primary_medical → primary_care; prescribing → none.
// RTT: elective and outpatient from all treatment functions (C_999).
FlowSettings default_flow_settings();

// Explicit flows read from a flow file: (practice index, service index) → shares.
struct FlowFile {
  std::string source;
  std::map<std::pair<std::size_t, std::size_t>, PracticeFlows> flows;
  std::vector<std::string> notes;
};

// practice,service,provider,share. Every problem is reported at once: an unknown service or
// provider, a share outside [0, 1], a row given twice, the shares of a practice's service not
// summing to 1 (within 1e-6). Practices not in the population are noted and left out.
FlowFile parse_flow_file(const TextFile& file, const Population& population,
                         const ServiceModel& model, const ProviderSet& providers);

// The level of the configuration whose organisation codes are the extract's commissioners
// (most practices matched); nullopt when none matches.
std::optional<std::string> detect_rtt_level(const Economy& economy, const RttExtract& rtt);

// Flows for every service and practice. Throws InputError when a service's own provider shares
// name unknown providers, UsageError when settings name an unknown level or service.
FlowTable build_flows(const Economy& economy, const ServiceModel& model,
                      const ProviderSet& providers, const FlowSettings& settings,
                      const RttExtract* rtt, const FlowFile* file);

// Distance-decay shares of one point over the given providers (indices into `providers`)
// within max_km; empty when none is that close.
PracticeFlows decay_flows(const GeoPoint& at, const ProviderSet& providers,
                          const std::vector<std::uint32_t>& candidates, double decay_km,
                          double max_km, double min_share);

}  // namespace pco

#pragma once
// Where providers come from: the ODS trust list (etr) located by postcode district, the
// providers named in an RTT extract, and a plain providers CSV. docs/commissioning.md gives the
// rules (which trust is acute, community, mental health or ambulance; attraction weights).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commissioning/provider.hpp"
#include "readers/locations.hpp"
#include "readers/rtt_extract.hpp"
#include "readers/trusts.hpp"

namespace pco {

// A trust's kind from its ODS name and, when an RTT extract is read, its RTT waiting list
// (all specialties): not in England (no ICB) → other; "AMBULANCE" → ambulance; "MENTAL
// HEALTH" → mental_health; "COMMUNITY" → community; "HOSPITAL", "CANCER", "CHILDREN",
// "CHRISTIE", "MARSDEN" or a waiting list of at least kAcuteRttPathways → acute; with an RTT
// extract, any other trust → mental_health (the trusts with bland names and no elective
// waiting list are mental health and community trusts), without one → acute.
inline constexpr double kAcuteRttPathways = 10000;
ProviderKind classify_trust(std::string_view name, std::string_view icb,
                            std::optional<double> rtt_pathways);

struct ProviderLoadNotes {
  std::vector<std::string> notes;
};

// Adds the trusts that are open, or closed but still present in `rtt` (the extract predates
// their closure). Locations are their postcode districts' centroids (when `districts` is
// given); the attraction of a trust is its RTT waiting list, or the median of its kind's when
// the extract shows it with none. cost_ratio 1, nhs = true.
void add_trusts(ProviderSet& providers, const std::vector<Trust>& trusts,
                const PostcodeDistricts* districts, const RttExtract* rtt,
                ProviderLoadNotes& notes);

// Adds every RTT provider not already in the set as an independent (non-NHS) provider without a
// location, its attraction its RTT waiting list.
void add_rtt_providers(ProviderSet& providers, const RttExtract& rtt, ProviderLoadNotes& notes);

// A providers CSV: code,name,kind and optionally lat,lon or postcode, cost_ratio, attraction,
// nhs (yes/no). Throws InputError listing every problem (unknown kind, a code twice, a cost
// ratio <= 0, a postcode whose district is unknown when `districts` is given).
std::vector<Provider> parse_providers_csv(const TextFile& file, const PostcodeDistricts* districts);

}  // namespace pco

#pragma once
// Fits the distance-decay scale of the flow model to real flows: the scale D (km) that makes
// attraction · exp(−d / D) shares from each practice to the located acute trusts closest, in
// multinomial log-likelihood, to the shares its sub-ICB's RTT waiting list actually has.
// docs/commissioning.md reports the fit behind the default.
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "commissioning/provider.hpp"
#include "readers/rtt_extract.hpp"

namespace pco {

struct DecayFit {
  double scale_km = 0;
  double log_likelihood = 0;                       // per observed pathway share, list-weighted
  double null_log_likelihood = 0;                  // shares ∝ attraction alone (no distance)
  std::size_t practices = 0;                       // practices with a location and RTT flows
  std::vector<std::pair<double, double>> profile;  // (scale, log-likelihood) on the search grid
};

// Over the located providers of `kind` that appear in the extract; `level` is the configuration
// level of the RTT commissioners. The scale is searched on a log grid from 1 to 200 km and
// refined by golden section. Throws UsageError when no practice can be compared.
DecayFit fit_decay_scale(const Economy& economy, const ProviderSet& providers,
                         const RttExtract& rtt, const std::string& level, ProviderKind kind,
                         RttPart part = RttPart::incomplete);

}  // namespace pco

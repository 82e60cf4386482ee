#pragma once
// Providers of care: NHS trusts, independent providers, community, mental health and primary
// care providers, each with a kind (which services it can deliver), a location (for
// distance-decay flows and maps), a unit cost relative to tariff and an attraction weight.
// docs/commissioning.md.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/population.hpp"

namespace pco {

enum class ProviderKind : std::uint8_t {
  acute,
  community,
  mental_health,
  primary_care,
  independent,
  ambulance,
  other,
};
// "acute", "community", "mental_health", "primary_care", "independent", "ambulance", "other".
std::string_view provider_kind_label(ProviderKind kind);
std::optional<ProviderKind> provider_kind_from_label(std::string_view label);
// The labels joined for messages: "acute, community, …".
std::string provider_kind_choices();

struct Provider {
  std::string code;
  std::string name;
  ProviderKind kind = ProviderKind::acute;
  std::optional<GeoPoint> location;
  bool location_is_approximate = false;  // a postcode-district centroid
  bool nhs = false;                      // an NHS trust or foundation trust (NHS Payment Scheme)
  double cost_ratio = 1;                 // the provider's unit cost / tariff price
  double attraction = 1;                 // weight in distance-decay flows (size of the provider)
  std::string source;                    // where it was defined (file:line, or "synthetic")
};

class ProviderSet {
 public:
  // Adds a provider; a provider with a code already present replaces the earlier one's fields
  // (a scenario's [[provider]] corrects a trust read from the ODS file). Returns its index.
  std::size_t add_or_replace(Provider provider);
  const Provider* find(std::string_view code) const;
  std::optional<std::size_t> index_of(std::string_view code) const;
  const std::vector<Provider>& all() const { return providers_; }
  std::vector<Provider>& all() { return providers_; }
  std::size_t size() const { return providers_.size(); }
  bool empty() const { return providers_.empty(); }
  const Provider& operator[](std::size_t i) const { return providers_[i]; }

 private:
  std::vector<Provider> providers_;
  std::unordered_map<std::string, std::size_t> index_;
};

// Great-circle distance in km (haversine, mean Earth radius 6,371 km).
double distance_km(const GeoPoint& a, const GeoPoint& b);

}  // namespace pco

#include "commissioning/provider.hpp"

#include <array>
#include <cmath>
#include <numbers>

namespace pco {

namespace {

constexpr std::array<std::pair<ProviderKind, std::string_view>, 7> kKinds = {{
    {ProviderKind::acute, "acute"},
    {ProviderKind::community, "community"},
    {ProviderKind::mental_health, "mental_health"},
    {ProviderKind::primary_care, "primary_care"},
    {ProviderKind::independent, "independent"},
    {ProviderKind::ambulance, "ambulance"},
    {ProviderKind::other, "other"},
}};

constexpr double kEarthRadiusKm = 6371.0;

}  // namespace

std::string_view provider_kind_label(ProviderKind kind) {
  return kKinds[static_cast<std::size_t>(kind)].second;
}

std::optional<ProviderKind> provider_kind_from_label(std::string_view label) {
  for (const auto& [kind, name] : kKinds)
    if (name == label) return kind;
  return std::nullopt;
}

std::string provider_kind_choices() {
  std::string out;
  for (const auto& [kind, name] : kKinds)
    out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::size_t ProviderSet::add_or_replace(Provider provider) {
  const auto [it, fresh] = index_.emplace(provider.code, providers_.size());
  if (fresh)
    providers_.push_back(std::move(provider));
  else
    providers_[it->second] = std::move(provider);
  return it->second;
}

const Provider* ProviderSet::find(std::string_view code) const {
  const auto i = index_of(code);
  return i ? &providers_[*i] : nullptr;
}

std::optional<std::size_t> ProviderSet::index_of(std::string_view code) const {
  const auto it = index_.find(std::string(code));
  return it == index_.end() ? std::nullopt : std::optional(it->second);
}

double distance_km(const GeoPoint& a, const GeoPoint& b) {
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlon = (b.lon - a.lon) * kRad;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace pco

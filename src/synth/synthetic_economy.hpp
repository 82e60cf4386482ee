#pragma once
// The embedded default: a synthetic health economy that needs no downloaded data. It is
// generated deterministically from a seed and calibrated to the real national files (list
// size spread and age-sex profile; see docs/synthetic.md), so every capability can be shown
// and tested without NHS downloads.

#include <cstdint>
#include <filesystem>
#include <string>

#include "model/mapping.hpp"
#include "model/population.hpp"

namespace pco {

struct SyntheticOptions {
  std::uint64_t seed = 1;
  std::int64_t practices = 1500;
};

// The kind of place a practice serves; it shapes the age-sex structure of its list.
enum class PlaceKind : std::uint8_t { urban, suburban, coastal, rural };
std::string_view place_kind_label(PlaceKind kind);

struct SyntheticEconomy {
  Population population;         // practices with lists by cell, names and exact locations
  MappingTable mapping;          // levels network, organisation, region
  std::vector<PlaceKind> kinds;  // per practice, in population order
};

// Throws UsageError when the options are out of range (practices outside 10..20,000).
SyntheticEconomy generate_synthetic_economy(const SyntheticOptions& options);

// Writes practices.csv (practice,sex,age_band,count), organisations.csv
// (practice,network,network_name,organisation,organisation_name,region,region_name),
// locations.csv (practice,lat,lon) and scenario.toml that reads them back. Each file is
// written atomically.
void write_synthetic_economy(const SyntheticEconomy& economy, const SyntheticOptions& options,
                             const std::filesystem::path& dir);

}  // namespace pco

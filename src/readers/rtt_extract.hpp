#pragma once
// NHS England's referral-to-treatment (RTT) waiting-times full extract: one row per provider ×
// commissioner × RTT part × treatment function, with counts of pathways by weeks waited. pco
// keeps the `Total All` count of each row (pathways with a known and an unknown clock start),
// which gives real patient flows from each commissioner (sub-ICB) to each provider.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "readers/population_file.hpp"

namespace pco {

// The extract's parts (column `RTT Part Type`).
enum class RttPart : std::uint8_t {
  incomplete,           // Part_2: the waiting list at the end of the month
  incomplete_with_dta,  // Part_2A: of which with a decision to admit
  admitted,             // Part_1A: pathways completed by an admission in the month
  non_admitted,         // Part_1B: pathways completed without an admission in the month
  new_periods,          // Part_3: clock starts in the month
};
inline constexpr std::size_t kRttParts = 5;
// "incomplete", "incomplete_with_dta", "admitted", "non_admitted", "new_periods".
std::string_view rtt_part_label(RttPart part);
std::optional<RttPart> rtt_part_from_label(std::string_view label);

// The code of the all-specialties rows.
inline constexpr std::string_view kRttAllFunctions = "C_999";

struct RttOrganisation {
  std::string code;
  std::string name;
  std::string parent_code;  // provider: the ICB the provider sits in; commissioner: its ICB
  std::string parent_name;
};

struct RttCount {
  RttPart part = RttPart::incomplete;
  std::uint32_t function = 0;      // index into RttExtract::functions
  std::uint32_t commissioner = 0;  // index into RttExtract::commissioners
  std::uint32_t provider = 0;      // index into RttExtract::providers
  double pathways = 0;             // `Total All`
};

struct RttExtract {
  std::string source;
  std::string period;  // e.g. "RTT-April-2026"
  std::vector<RttOrganisation> providers;
  std::vector<RttOrganisation> commissioners;
  std::vector<std::pair<std::string, std::string>> functions;  // code, name
  std::vector<RttCount> counts;
  std::size_t rows = 0;

  std::optional<std::uint32_t> provider_index(std::string_view code) const;
  std::optional<std::uint32_t> commissioner_index(std::string_view code) const;
  std::optional<std::uint32_t> function_index(std::string_view code) const;
  // Σ pathways of a part and function over every provider and commissioner.
  double total(RttPart part, std::string_view function = kRttAllFunctions) const;
  // Σ pathways of a part and function per provider, in provider order.
  std::vector<double> provider_totals(RttPart part,
                                      std::string_view function = kRttAllFunctions) const;

  std::unordered_map<std::string, std::uint32_t> provider_lookup;
  std::unordered_map<std::string, std::uint32_t> commissioner_lookup;
  std::unordered_map<std::string, std::uint32_t> function_lookup;
};

// Throws InputError listing every problem (missing columns, an unknown part, a count that is not
// a whole number, inconsistent names or periods).
RttExtract parse_rtt_extract(const TextFile& file);
// The extract as published: the CSV, or the zip archive holding it.
RttExtract read_rtt_extract(const std::filesystem::path& path);

}  // namespace pco

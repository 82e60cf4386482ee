#pragma once
// NHS England's practice-level weighted populations: the data behind the ICB allocations and
// the ICB place-based allocation tool (2022/23, 2023/24, 2024/25 and 2025/26 layouts). Each row
// is one practice with its projected population and one need-weighted population per
// allocation component; every weighted column sums to the national population, so a column
// divided by the population is the practice's need index for that component. docs/population.md
// ("NHS England's weighted populations") describes the layouts.

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/population.hpp"
#include "readers/population_file.hpp"

namespace pco {

// The weighted columns, in file order.
enum class WpColumn : std::uint8_t {
  general_and_acute,            // "G&A WP"
  community,                    // "CS WP"
  mental_health,                // "MH WP"
  maternity,                    // "Mat WP"
  health_inequalities,          // "Health Ineq WP": health inequalities and unmet need
  prescribing,                  // "Prescr WP"
  core_overall,                 // "Final WP": core ICB services, all adjustments
  primary_medical_care_need,    // "Primary Medical Care WP": need only
  primary_medical_care_overall  // "Final PMC WP": primary medical care, all adjustments
};
inline constexpr std::size_t kWpColumns = 9;

std::string_view wp_column_key(WpColumn column);     // "general_and_acute", ...
std::string_view wp_column_header(WpColumn column);  // "G&A WP", ...
// Accepts a key ("mental_health") or a file heading ("MH WP"), any case.
std::optional<WpColumn> parse_wp_column(std::string_view text);
const std::array<WpColumn, kWpColumns>& all_wp_columns();

struct WeightedPopulationRow {
  std::string code;
  std::string name;
  std::string postcode;
  std::optional<GeoPoint> location;
  std::string ccg;  // CCG21 / CCG (empty in 2025/26)
  std::string pcn, pcn_name;
  std::string sub_icb, sub_icb_name;     // LOC22 / LOC (empty from 2023/24)
  std::string icb, icb_name;             // ICS22 / ICB: ODS Q code
  std::string region, region_name;       // R22 / Rcode
  std::string lad, lad_name;             // LAD21 / LAD, LTLA21 / LTLA: lower-tier local authority
  std::string utla, utla_name;           // LA21 / LA, UTLA21 / UTLA: upper tier (empty in 2025/26)
  std::optional<std::int64_t> patients;  // registered patients (2022/23 only)
  double population = 0;                 // projected population of the allocation year
  std::array<double, kWpColumns> wp{};
  std::string source;  // "file:line"
};

struct WeightedPopulations {
  std::string source_file;
  std::string year;    // "2025/26", from the file name when it carries one; else empty
  std::string layout;  // "2022/23", "2023/24-2024/25" or "2025/26"
  std::vector<WeightedPopulationRow> rows;
  std::vector<std::string> notes;  // empty fields read as 0, and the like

  const WeightedPopulationRow* find(std::string_view code) const;
  double total_population() const;
  double total(WpColumn column) const;

 private:
  friend WeightedPopulations parse_weighted_populations(const TextFile& file);
  std::unordered_map<std::string, std::size_t> index_;
};

// True when the header is that of a weighted-populations file (Practice_Code ... Final WP).
bool is_weighted_populations_file(std::string_view text);

// Reads any of the four layouts (a leading byte-order mark is already removed by
// read_text_file). Every bad number, duplicate practice and missing column is reported at once
// as an InputError. An empty weighted field is read as 0 and counted in `notes`.
WeightedPopulations parse_weighted_populations(const TextFile& file);
WeightedPopulations read_weighted_populations_file(const std::filesystem::path& path);

// The file as a population: each practice's list is its projected population rounded to whole
// people, spread over age-sex cells by the national profile (flagged imputed: the file has no
// ages), located exactly at the file's coordinates; the embedded mapping has the levels the
// file fills (network, sub_icb, icb, region). Practices whose projection rounds to 0 people are
// left out and listed in `population.excluded`.
PopulationSource weighted_populations_as_population(const WeightedPopulations& table);

}  // namespace pco

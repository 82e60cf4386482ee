#pragma once
// The ODS practice file (epraccur): no header, 27 quoted columns.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/mapping.hpp"
#include "model/population.hpp"
#include "readers/population_file.hpp"

namespace pco {

struct OdsPractice {
  std::string code;
  std::string name;
  std::string postcode;
  std::string open_date;   // ISO, or empty
  std::string close_date;  // ISO, or empty
  PracticeStatus status = PracticeStatus::unknown;
  std::string commissioner;
  int prescribing_setting = 0;  // 4 = GP practice
  std::string source;
};

inline constexpr int kOdsGpPracticeSetting = 4;

// An ODS date (CCYYMMDD, or empty) as ISO YYYY-MM-DD (empty stays empty); nullopt when it is
// neither.
std::optional<std::string> ods_date(std::string_view text);

std::vector<OdsPractice> parse_epraccur(const TextFile& file);

// Fills in name, postcode and status of the population's practices from ODS records.
// Returns how many practices were found in the ODS file.
std::size_t apply_ods(Population& population, const std::vector<OdsPractice>& records);

// The commissioner column (15) as a one-level mapping, for GP practices only.
MappingTable ods_commissioner_mapping(const std::vector<OdsPractice>& records,
                                      const std::string& source_file);

}  // namespace pco

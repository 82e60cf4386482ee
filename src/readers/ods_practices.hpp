#pragma once
// The ODS practice file (epraccur): no header, 27 quoted columns.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.hpp"
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

// ODS files have no header: names for the columns a reader keeps (0-based index → name), so that
// problems name the field; the other columns of the 27 stay unnamed.
inline constexpr std::size_t kOdsColumns = 27;
CsvHeader ods_column_names(std::initializer_list<std::pair<std::size_t, const char*>> names);

// An ODS date (CCYYMMDD) as ISO YYYY-MM-DD; "" for an empty field; nullopt when malformed.
std::optional<std::string> parse_ods_date(std::string_view text);

std::vector<OdsPractice> parse_epraccur(const TextFile& file);

// Fills in name, postcode and status of the population's practices from ODS records.
// Returns how many practices were found in the ODS file.
std::size_t apply_ods(Population& population, const std::vector<OdsPractice>& records);

// The commissioner column (15) as a one-level mapping, for GP practices only.
MappingTable ods_commissioner_mapping(const std::vector<OdsPractice>& records,
                                      const std::string& source_file);

}  // namespace pco

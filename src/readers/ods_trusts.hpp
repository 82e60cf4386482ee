#pragma once
// The ODS NHS trust file (etr): no header, 27 quoted columns laid out as epraccur's.
#include <string>
#include <vector>

#include "readers/population_file.hpp"

namespace pco {

struct OdsTrust {
  std::string code;
  std::string name;
  std::string region;  // column 3, e.g. Y56
  std::string
      icb;  // column 4: the ICB (from April 2026 the merged ICB codes); empty outside England
  std::string postcode;
  std::string open_date;   // ISO, or empty
  std::string close_date;  // ISO, or empty: the trust is open
  std::string source;      // file:line

  bool is_open() const { return close_date.empty(); }
};

// Every row, open and closed. Throws InputError listing every problem (wrong column count, no
// code, a bad date, a code given twice).
std::vector<OdsTrust> parse_ods_trusts(const TextFile& file);

}  // namespace pco

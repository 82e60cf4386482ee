#pragma once
// Effective-dated membership: the rows of a mapping in force on a date. A membership file with
// valid_from / valid_to columns holds every period of every practice's membership; a series of
// map files by date is the same thing file by file (economy/load_economy.cpp picks the file).

#include <string>
#include <string_view>

#include "model/mapping.hpp"

namespace pco {

// The rows in force on `date` (ISO; valid_from <= date <= valid_to, empty bounds open). With an
// empty `date`, the rows without a valid_to: the configuration as it stands now. Throws
// InputError listing every practice whose rows overlap (two rows in force on one day).
MappingTable mapping_as_of(const MappingTable& table, std::string_view date);

// "2026-04-01" -> itself; also 01APR2026, 01-Apr-26 and the other NHS extract-date forms.
// Throws UsageError naming `what` when `text` is not a date.
std::string parse_iso_date(std::string_view text, std::string_view what);

}  // namespace pco

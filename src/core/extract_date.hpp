#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pco {

// NHS Digital has written EXTRACT_DATE as 01JAN2021, 01-Sep-20, 01Jan2022 and 2026-04-01.
// Returns the ISO form (YYYY-MM-DD) of any of these, or nullopt.
std::optional<std::string> parse_extract_date(std::string_view text);

inline constexpr std::string_view kExtractDateExpected =
    "a date like 01JAN2021, 01-Sep-20, 01Jan2022 or 2026-04-01";

}  // namespace pco

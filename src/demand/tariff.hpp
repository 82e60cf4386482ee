#pragma once
// A tariff mix as a discrete severity: each category's price with its share of events, and for
// the share of spells that stay beyond the trim point, the price plus the excess bed days at
// the excess-day price (payment by results' long-stay add-on).
#include <filesystem>
#include <string>

#include "risk/severity.hpp"

namespace pco {

// CSV columns: category, price, share, and optionally excess_share, excess_days,
// excess_day_price. Shares must sum to 1. Throws InputError listing every problem.
Severity parse_tariff(const std::string& file_name, const std::string& text);
Severity read_tariff(const std::filesystem::path& path);

}  // namespace pco

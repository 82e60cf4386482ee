#include "core/extract_date.hpp"

#include <array>

#include <fmt/format.h>

#include "core/csv.hpp"

namespace pco {

namespace {

std::optional<int> month_number(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  const auto upper = to_upper(name);
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (upper == kMonths[i]) return static_cast<int>(i + 1);
  }
  return std::nullopt;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<std::string> make_iso(std::int64_t year, std::int64_t month, std::int64_t day) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return std::nullopt;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int max_day = month == 2 && !leap ? 28 : kDays[static_cast<std::size_t>(month - 1)];
  if (day > max_day) return std::nullopt;
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

}  // namespace

std::optional<std::string> parse_extract_date(std::string_view text) {
  text = trim(text);
  // 2026-04-01
  if (text.size() == 10 && text[4] == '-' && text[7] == '-' && all_digits(text.substr(0, 4)) &&
      all_digits(text.substr(5, 2)) && all_digits(text.substr(8, 2))) {
    return make_iso(*parse_int(text.substr(0, 4)), *parse_int(text.substr(5, 2)),
                    *parse_int(text.substr(8, 2)));
  }
  // 01-Sep-20
  if (text.size() == 9 && text[2] == '-' && text[6] == '-' && all_digits(text.substr(0, 2)) &&
      all_digits(text.substr(7, 2))) {
    const auto month = month_number(text.substr(3, 3));
    if (!month) return std::nullopt;
    return make_iso(2000 + *parse_int(text.substr(7, 2)), *month, *parse_int(text.substr(0, 2)));
  }
  // 01JAN2021 / 01Jan2022
  if (text.size() == 9 && all_digits(text.substr(0, 2)) && all_digits(text.substr(5, 4))) {
    const auto month = month_number(text.substr(2, 3));
    if (!month) return std::nullopt;
    return make_iso(*parse_int(text.substr(5, 4)), *month, *parse_int(text.substr(0, 2)));
  }
  return std::nullopt;
}

}  // namespace pco

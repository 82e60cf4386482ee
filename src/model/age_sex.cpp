#include "model/age_sex.hpp"

#include <fmt/format.h>

#include "core/checked.hpp"
#include "core/csv.hpp"

namespace pco {

std::string age_band_label(int band) {
  if (band == kAgeBands - 1) return "95+";
  return fmt::format("{}-{}", band_lower_age(band), band_upper_age(band));
}

std::string_view sex_label(Sex sex) {
  return sex == Sex::male ? "male" : "female";
}

std::string cell_label(int cell) {
  return fmt::format("{} {}", sex_label(cell_sex(cell)), age_band_label(cell_band(cell)));
}

std::optional<int> parse_age_band(std::string_view text) {
  const auto upper = to_upper(trim(text));
  std::string_view t = upper;
  if (t == "95+" || t == "95_PLUS" || t == "95PLUS" || t == "95 AND OVER") return kAgeBands - 1;
  std::size_t sep = t.find_first_of("-_");
  std::size_t sep_len = 1;
  if (sep == std::string_view::npos) {
    sep = t.find(" TO ");
    sep_len = 4;
  }
  if (sep == std::string_view::npos) return std::nullopt;
  const auto lo = parse_int(t.substr(0, sep));
  const auto hi = parse_int(t.substr(sep + sep_len));
  if (!lo || !hi || *lo < 0 || *lo % 5 != 0 || *hi != *lo + 4 || *lo > 90) return std::nullopt;
  return static_cast<int>(*lo / 5);
}

std::optional<Sex> parse_sex(std::string_view text) {
  const auto t = to_upper(trim(text));
  if (t == "M" || t == "MALE" || t == "MALES") return Sex::male;
  if (t == "F" || t == "FEMALE" || t == "FEMALES") return Sex::female;
  return std::nullopt;
}

std::int64_t total(const CellCounts& counts) {
  std::int64_t sum = 0;
  for (const auto c : counts)
    sum = checked_add(sum, c, "a practice's list size");
  return sum;
}

const std::array<CoarseBand, 9>& nine_bands() {
  static const std::array<CoarseBand, 9> bands = {{{"0-4", 0, 0},
                                                   {"5-14", 1, 2},
                                                   {"15-24", 3, 4},
                                                   {"25-34", 5, 6},
                                                   {"35-44", 7, 8},
                                                   {"45-54", 9, 10},
                                                   {"55-64", 11, 12},
                                                   {"65-74", 13, 14},
                                                   {"75+", 15, 19}}};
  return bands;
}

}  // namespace pco

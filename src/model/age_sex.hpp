#pragma once
// The canonical population cells: sex x quinary age band (0-4, 5-9, ..., 90-94, 95+). Every
// input layout is mapped onto these 40 cells, so every later calculation sees one shape.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pco {

enum class Sex : std::uint8_t { male = 0, female = 1 };

inline constexpr int kAgeBands = 20;  // 0-4 ... 90-94, 95+
inline constexpr int kSexes = 2;
inline constexpr int kCells = kSexes * kAgeBands;

using CellCounts = std::array<std::int64_t, kCells>;
using CellValues = std::array<double, kCells>;

constexpr int cell_index(Sex sex, int band) {
  return static_cast<int>(sex) * kAgeBands + band;
}
constexpr Sex cell_sex(int cell) {
  return cell < kAgeBands ? Sex::male : Sex::female;
}
constexpr int cell_band(int cell) {
  return cell % kAgeBands;
}

constexpr int band_lower_age(int band) {
  return band * 5;
}
// Inclusive upper age of a band; the last band is open (returns -1).
constexpr int band_upper_age(int band) {
  return band == kAgeBands - 1 ? -1 : band * 5 + 4;
}
// The band containing a single year of age (ages above 95 fall in 95+).
constexpr int band_of_age(int age) {
  return age >= 95 ? kAgeBands - 1 : age / 5;
}

// "0-4", ..., "90-94", "95+".
std::string age_band_label(int band);
std::string_view sex_label(Sex sex);  // "male" / "female"
// "male 0-4" etc.
std::string cell_label(int cell);

// Accepts "0-4", "0_4", "0 to 4", "95+", "95_plus"; nullopt for anything else.
std::optional<int> parse_age_band(std::string_view text);
// Accepts M/F, MALE/FEMALE (any case).
std::optional<Sex> parse_sex(std::string_view text);

std::int64_t total(const CellCounts& counts);

// A coarser age banding, e.g. the 9 bands of the 2013/2015 list-size files. Each coarse band
// covers a contiguous run of quinary bands.
struct CoarseBand {
  std::string label;  // as written in files, e.g. "5-14", "75+"
  int first_band;     // first quinary band covered
  int last_band;      // last quinary band covered (inclusive)
};

// 0-4, 5-14, 15-24, 25-34, 35-44, 45-54, 55-64, 65-74, 75+.
const std::array<CoarseBand, 9>& nine_bands();

}  // namespace pco

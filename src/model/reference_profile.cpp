#include "model/reference_profile.hpp"

#include <algorithm>
#include <cmath>

namespace pco {

namespace {

// Registered patients in England by sex and the 9 list-size bands, summed over every practice
// in NHS Digital's April-June 2013 list-size file (56,025,327 patients).
constexpr std::array<double, 9> kMale2013 = {1738008, 3206780, 3554217, 3971190, 3969606,
                                             4049208, 3130927, 2452039, 1777363};
constexpr std::array<double, 9> kFemale2013 = {1654490, 3056947, 3535008, 4016628, 3772161,
                                               3882121, 3121268, 2613359, 2524007};

// Share of each quinary band within its coarse band, from ONS mid-2013 population estimates
// for England, rounded (approximate to a few per cent; see docs/population.md). Bands 0-74
// use persons; 75+ is split by sex because women predominate at the oldest ages.
constexpr std::array<double, 15> kUnder75Within = {
    1.0,           // 0-4
    0.511, 0.489,  // 5-9, 10-14
    0.474, 0.526,  // 15-19, 20-24
    0.508, 0.492,  // 25-29, 30-34
    0.467, 0.533,  // 35-39, 40-44
    0.523, 0.477,  // 45-49, 50-54
    0.494, 0.506,  // 55-59, 60-64
    0.581, 0.419,  // 65-69, 70-74
};
constexpr std::array<double, 5> kMale75Plus = {0.80, 0.54, 0.27, 0.085, 0.016};
constexpr std::array<double, 5> kFemale75Plus = {0.96, 0.78, 0.52, 0.23, 0.065};

CellValues build_profile() {
  CellValues profile{};
  const auto& bands = nine_bands();
  for (int s = 0; s < kSexes; ++s) {
    const auto& totals = s == 0 ? kMale2013 : kFemale2013;
    const auto& old = s == 0 ? kMale75Plus : kFemale75Plus;
    double old_sum = 0;
    for (const double v : old)
      old_sum += v;
    for (std::size_t b = 0; b < bands.size(); ++b) {
      for (int q = bands[b].first_band; q <= bands[b].last_band; ++q) {
        const double share =
            q < 15 ? kUnder75Within[static_cast<std::size_t>(q)] : old[q - 15] / old_sum;
        profile[cell_index(static_cast<Sex>(s), q)] = totals[b] * share;
      }
    }
  }
  return profile;
}

}  // namespace

const CellValues& national_reference_profile() {
  static const CellValues profile = build_profile();
  return profile;
}

void spread_count(std::int64_t count, int first_cell, int last_cell, const CellValues& weights,
                  CellCounts& out) {
  if (count <= 0 || first_cell > last_cell) return;
  double weight_sum = 0;
  for (int c = first_cell; c <= last_cell; ++c)
    weight_sum += weights[c];
  const int n = last_cell - first_cell + 1;
  std::array<std::int64_t, kCells> parts{};
  std::array<std::pair<double, int>, kCells> remainders{};
  std::int64_t assigned = 0;
  for (int i = 0; i < n; ++i) {
    const double w = weight_sum > 0 ? weights[first_cell + i] / weight_sum : 1.0 / n;
    const double ideal = static_cast<double>(count) * w;
    const double whole = std::floor(ideal);
    parts[static_cast<std::size_t>(i)] = static_cast<std::int64_t>(whole);
    assigned += static_cast<std::int64_t>(whole);
    remainders[static_cast<std::size_t>(i)] = {ideal - whole, i};
  }
  // Largest remainders first; ties to the lower cell, so the result is fully determined.
  std::sort(remainders.begin(), remainders.begin() + n, [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  });
  for (std::int64_t k = 0; k < count - assigned; ++k) {
    ++parts[static_cast<std::size_t>(remainders[static_cast<std::size_t>(k % n)].second)];
  }
  for (int i = 0; i < n; ++i)
    out[first_cell + i] += parts[static_cast<std::size_t>(i)];
}

CellCounts spread_total(std::int64_t count) {
  // Spread across both sexes at once so that the sex split also follows the profile.
  CellCounts out{};
  spread_count(count, 0, kCells - 1, national_reference_profile(), out);
  return out;
}

}  // namespace pco

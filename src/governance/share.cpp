#include "governance/share.hpp"

#include <cmath>

#include <fmt/format.h>

namespace pco {

std::optional<double> ShareTable::percent(std::size_t category) const {
  if (responders <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(categories.at(category).count) /
         static_cast<double>(responders);
}

double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  // The nudge keeps values such as 65.85 (stored as 65.8499999...) rounding as printed.
  const double scaled = value * scale;
  const double nudged = scaled + std::copysign(1e-9 * std::max(1.0, std::abs(scaled)), scaled);
  return std::round(nudged) / scale;
}

std::string count_with_percent(std::int64_t count, std::optional<double> percent) {
  if (count == 0) return "0";
  if (!percent) return fmt::format("{} (-)", count);
  return fmt::format("{} ({:.1f}%)", count, round_to(*percent, 1));
}

}  // namespace pco

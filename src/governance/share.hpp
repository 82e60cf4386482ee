#pragma once
// Counts and percentages of responders, the form in which the total purchasing evaluation
// printed its tables: each category's count with its share of those who answered, and
// non-response counted separately (never in the denominator).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pco {

struct CategoryCount {
  std::string code;
  std::string label;
  std::int64_t count = 0;
};

struct ShareTable {
  std::vector<CategoryCount> categories;
  std::int64_t responders = 0;    // denominator of every percentage
  std::int64_t non_response = 0;  // shown separately

  // 100 * count / responders, or nullopt when nobody responded (a share of nobody is not 0%).
  std::optional<double> percent(std::size_t category) const;
};

// A percentage rounded half away from zero to `decimals` places, as printed tables round.
double round_to(double value, int decimals);

// "25 (65.8%)", or "0" / "25 (-)" when there is no share to show.
std::string count_with_percent(std::int64_t count, std::optional<double> percent);

}  // namespace pco

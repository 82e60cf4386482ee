#include "allocation/rounding.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace pco {

std::vector<std::int64_t> largest_remainder(std::int64_t total,
                                            std::span<const long double> weights) {
  std::vector<std::int64_t> parts(weights.size(), 0);
  if (total == 0 || weights.empty()) return parts;
  long double sum = 0;
  for (const auto w : weights)
    sum += w;
  if (!(sum > 0)) throw std::invalid_argument("largest_remainder: weights sum to 0");
  std::vector<long double> remainder(weights.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const long double exact = static_cast<long double>(total) * (weights[i] / sum);
    const long double whole = std::floor(exact);
    parts[i] = static_cast<std::int64_t>(whole);
    remainder[i] = exact - whole;
    given += parts[i];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::int64_t left = total - given;
  // Long double keeps the exact shares to ~1e-6 pence at national scale, so `left` is the
  // count of pence the floors dropped; the clamps only guard against pathological inputs.
  if (left > 0) {
    const auto k = static_cast<std::size_t>(std::min<std::int64_t>(left, std::ssize(order)));
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
    for (std::size_t i = 0; i < k; ++i)
      ++parts[order[i]];
    left -= static_cast<std::int64_t>(k);
  }
  // Any residue (rounding of the sum itself) goes to, or comes from, the largest parts.
  if (left != 0) {
    const auto biggest =
        static_cast<std::size_t>(std::max_element(parts.begin(), parts.end()) - parts.begin());
    parts[biggest] += left;
  }
  return parts;
}

}  // namespace pco

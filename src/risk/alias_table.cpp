#include "risk/alias_table.hpp"

#include <cmath>

#include "core/error.hpp"

namespace pco {

AliasTable::AliasTable(const std::vector<double>& weights) {
  const std::size_t n = weights.size();
  double total = 0;
  for (double w : weights) {
    if (!(std::isfinite(w) && w >= 0)) throw UsageError("alias table: weights must be >= 0");
    total += w;
  }
  if (n == 0 || !(total > 0)) throw UsageError("alias table: weights must have a positive sum");
  if (n > 0xffffffffu) throw UsageError("alias table: too many weights");
  std::vector<double> probability(n, 1.0);
  std::vector<std::uint32_t> alias(n);
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> small;
  std::vector<std::uint32_t> large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] * static_cast<double>(n) / total;
    alias[i] = static_cast<std::uint32_t>(i);
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const auto s = small.back();
    small.pop_back();
    const auto l = large.back();
    probability[s] = scaled[s];
    alias[s] = l;
    scaled[l] = (scaled[l] + scaled[s]) - 1.0;
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // What is left is 1 up to rounding.
  for (auto i : small)
    probability[i] = 1.0;
  for (auto i : large)
    probability[i] = 1.0;
  columns_.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    columns_[i] = {probability[i], alias[i]};
}

}  // namespace pco

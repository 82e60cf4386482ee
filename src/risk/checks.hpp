#pragma once
// Argument checks shared by the risk models: each failure is a UsageError naming the model,
// the parameter and the value.

#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco::risk_checks {

inline void require(bool ok, const std::string& message) {
  if (!ok) throw UsageError(message);
}

inline bool is_probability(double p) {
  return std::isfinite(p) && p >= 0.0 && p <= 1.0;
}

inline void require_positive(double value, const char* model, const char* name) {
  require(std::isfinite(value) && value > 0,
          fmt::format("{}: {} must be > 0, got {}", model, name, value));
}

// Each entry in [0, 1] and the sum 1 within 1e-9; `item` names an entry, e.g. "P(N = {})".
inline void require_distribution(const std::vector<double>& p, const char* model,
                                 const char* item) {
  require(!p.empty(), fmt::format("{}: no probabilities", model));
  double total = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    require(is_probability(p[i]), fmt::format("{}: {} must be in [0, 1], got {}", model,
                                              fmt::format(fmt::runtime(item), i), p[i]));
    total += p[i];
  }
  require(std::fabs(total - 1.0) <= 1e-9,
          fmt::format("{}: probabilities must sum to 1, got {:.12g}", model, total));
}

}  // namespace pco::risk_checks

#pragma once
// Discretisation of a severity on the knots 0, h, 2h, …, with the meaning of
// actuar::discretize(cdf, from = 0, to = max, step = h, method).

#include <string>
#include <string_view>
#include <vector>

#include "risk/severity.hpp"

namespace pco {

enum class DiscretizeMethod { upper, lower, rounding, unbiased };

// Parses "upper", "lower", "rounding" or "unbiased"; throws UsageError otherwise.
DiscretizeMethod parse_discretize_method(std::string_view text);
std::string to_string(DiscretizeMethod method);

// A probability mass function on the knots j·step, j = 0, 1, …. It may be defective (sum < 1):
// the mass beyond the last knot is left out, as actuar does.
struct SeverityGrid {
  double step = 1;
  std::vector<double> pmf;

  double total() const;
  // E[X^k] of the discretised pmf (k = 1, 2, 3), in money units.
  double raw_moment(int k) const;
};

// Throws UsageError when step <= 0, max < step or the grid would exceed 2^28 knots.
SeverityGrid discretize(const Severity& severity, double step, double max, DiscretizeMethod method);

// A pmf given directly on the grid (e.g. actuar's model.sev vector): checks each mass is in
// [0, 1] and their sum is at most 1 + 1e-9.
SeverityGrid grid_from_pmf(std::vector<double> pmf, double step);

}  // namespace pco

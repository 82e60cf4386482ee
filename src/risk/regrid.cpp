#include "risk/regrid.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

namespace {

struct Split {
  std::int64_t lower;  // index of a on the new grid
  double up;           // (x − a)/H, the share that goes to b
};

Split split(double x, double step) {
  const double u = x / step;
  const double lower = std::floor(u);
  return {static_cast<std::int64_t>(lower), u - lower};
}

}  // namespace

AggregateDistribution regrid(const AggregateDistribution& d, double step) {
  if (!(std::isfinite(step) && step > 0))
    throw UsageError(fmt::format("regrid step must be a finite number > 0, got {}", step));
  AggregateDistribution out;
  out.step = step;
  out.method = d.method;
  if (d.pmf.empty()) return out;
  const auto lo = split(d.knot(0), step).lower;
  const auto hi = split(d.knot(d.size() - 1), step).lower + 1;
  out.first = lo;
  out.pmf.assign(static_cast<std::size_t>(hi - lo + 1), 0.0);
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (d.pmf[i] == 0) continue;
    const auto s = split(d.knot(i), step);
    const auto j = static_cast<std::size_t>(s.lower - lo);
    out.pmf[j] += d.pmf[i] * (1 - s.up);
    out.pmf[j + 1] += d.pmf[i] * s.up;
  }
  while (out.pmf.size() > 1 && out.pmf.back() == 0)
    out.pmf.pop_back();
  return out;
}

AggregateDistribution map_distribution(const AggregateDistribution& d, double step,
                                       const std::function<double(double)>& f, int cell_points) {
  if (!(std::isfinite(step) && step > 0))
    throw UsageError(fmt::format("step must be a finite number > 0, got {}", step));
  const int per_cell = d.size() > 1 ? std::max(cell_points, 1) : 1;
  const auto points = static_cast<std::size_t>(per_cell);
  std::vector<double> values(d.size() * points);
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (std::size_t i = 0; i < d.size(); ++i) {
    for (int m = 0; m < per_cell; ++m) {
      auto& v = values[i * points + static_cast<std::size_t>(m)];
      v = f(cell_point(d, i, m, per_cell));
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  AggregateDistribution out;
  out.step = step;
  out.method = d.method;
  if (d.pmf.empty()) return out;
  out.first = split(lo, step).lower;
  out.pmf.assign(static_cast<std::size_t>(split(hi, step).lower - out.first + 2), 0.0);
  for (std::size_t i = 0; i < d.size(); ++i) {
    const double mass = d.pmf[i] / static_cast<double>(points);
    for (std::size_t m = 0; m < points; ++m) {
      const auto s = split(values[i * points + m], step);
      const auto j = static_cast<std::size_t>(s.lower - out.first);
      out.pmf[j] += mass * (1 - s.up);
      out.pmf[j + 1] += mass * s.up;
    }
  }
  while (out.pmf.size() > 1 && out.pmf.back() == 0)
    out.pmf.pop_back();
  return out;
}

double regrid_added_variance(const AggregateDistribution& d, double step) {
  double added = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    const auto s = split(d.knot(i), step);
    added += d.pmf[i] * s.up * (1 - s.up) * step * step;
  }
  return added;
}

}  // namespace pco

#include "commissioning/grid_transform.hpp"

#include <algorithm>
#include <cmath>

#include "risk/regrid.hpp"

namespace pco {

AggregateDistribution point_mass(double value) {
  if (value == 0) return AggregateDistribution{1, 0, {1.0}, "exact"};
  return AggregateDistribution{std::fabs(value), value > 0 ? 1 : -1, {1.0}, "exact"};
}

AggregateDistribution scaled(const AggregateDistribution& d, double factor) {
  if (factor == 0 || d.pmf.empty()) {
    auto out = point_mass(0);
    out.pmf[0] = d.total();
    return out;
  }
  AggregateDistribution out = d;
  out.step = d.step * std::fabs(factor);
  if (factor < 0) {
    std::reverse(out.pmf.begin(), out.pmf.end());
    out.first = -(d.first + static_cast<std::int64_t>(d.pmf.size()) - 1);
  }
  return out;
}

AggregateDistribution sum_on_step(const std::vector<AggregateDistribution>& parts, double step) {
  AggregateDistribution total{step, 0, {1.0}, "exact"};
  for (const auto& part : parts) {
    if (part.pmf.empty()) continue;
    total = convolve(total, regrid(part, step));
  }
  return total;
}

TransformMoments transform_moments(const AggregateDistribution& x,
                                   const std::function<double(double)>& f) {
  double mass = 0, mx = 0, mf = 0;
  std::vector<double> values(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    values[i] = f(x.knot(i));
    mass += x.pmf[i];
    mx += x.pmf[i] * x.knot(i);
    mf += x.pmf[i] * values[i];
  }
  TransformMoments m;
  if (!(mass > 0)) return m;
  mx /= mass;
  mf /= mass;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double dx = x.knot(i) - mx;
    const double df = values[i] - mf;
    m.variance += x.pmf[i] * df * df;
    m.covariance += x.pmf[i] * dx * df;
  }
  m.mean = mf;
  m.variance /= mass;
  m.covariance /= mass;
  return m;
}

}  // namespace pco

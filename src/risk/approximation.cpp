#include "risk/approximation.hpp"

#include <cmath>
#include <limits>

#include "core/random.hpp"
#include "risk/special.hpp"

namespace pco {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double Approximation::cdf(double x) const {
  if (kind == ApproximationKind::normal) return normal_cdf((x - mean) / sd);
  if (x <= mean) return kNaN;
  const double g = skewness;
  return normal_cdf(std::sqrt(1 + 9 / (g * g) + 6 * (x - mean) / (sd * g)) - 3 / g);
}

double Approximation::quantile(double p) const {
  const double z = normal_quantile(p);
  if (kind == ApproximationKind::normal) return mean + sd * z;
  if (p <= 0.5) return kNaN;
  return mean + sd * (z + skewness * (z * z - 1) / 6);
}

double Approximation::tail_mean(double p) const {
  const double z = normal_quantile(p);
  const double factor = kind == ApproximationKind::normal ? 1.0 : 1 + skewness * z / 6;
  return mean + sd * normal_pdf(z) * factor / (1 - p);
}

}  // namespace pco

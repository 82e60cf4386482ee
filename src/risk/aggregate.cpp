#include "risk/aggregate.hpp"

#include <algorithm>
#include <cmath>

namespace pco {

double AggregateDistribution::total() const {
  double sum = 0;
  for (double p : pmf)
    sum += p;
  return sum;
}

double AggregateDistribution::mass_beyond_grid() const {
  return std::max(0.0, 1.0 - total());
}

double CompoundMoments::sd() const {
  return std::sqrt(std::max(0.0, variance));
}

double CompoundMoments::skewness() const {
  const double s = sd();
  return s > 0 ? third_central / (s * s * s) : 0.0;
}

CompoundMoments compound_moments(const Frequency& frequency, double m1, double m2, double m3) {
  const double var_x = m2 - m1 * m1;
  const double mu3_x = m3 - 3 * m1 * m2 + 2 * m1 * m1 * m1;
  const double en = frequency.mean();
  const double vn = frequency.variance();
  CompoundMoments m;
  m.mean = en * m1;
  m.variance = en * var_x + vn * m1 * m1;
  m.third_central =
      en * mu3_x + 3 * vn * m1 * var_x + frequency.third_central_moment() * m1 * m1 * m1;
  return m;
}

}  // namespace pco

#include "risk/measures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pco {

namespace {

// Index of the last knot <= x, or -1; a relative slack absorbs x given as a rounded knot.
std::int64_t last_index_at_or_below(const AggregateDistribution& d, double x) {
  return static_cast<std::int64_t>(std::floor(x / d.step + 1e-9)) - d.first;
}

}  // namespace

GridMoments grid_moments(const AggregateDistribution& d) {
  double mass = 0;
  double m1 = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    mass += d.pmf[i];
    m1 += d.knot(i) * d.pmf[i];
  }
  // Spread and shape of the distribution on the grid (renormalised): mass beyond the grid
  // lies beyond any knot and has no place to count, and must not inflate the spread.
  const double centre = mass > 0 ? m1 / mass : 0.0;
  double c2 = 0;
  double c3 = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    const double dx = d.knot(i) - centre;
    c2 += dx * dx * d.pmf[i];
    c3 += dx * dx * dx * d.pmf[i];
  }
  if (mass > 0) {
    c2 /= mass;
    c3 /= mass;
  }
  GridMoments m;
  m.mean = m1;
  m.sd = std::sqrt(std::max(0.0, c2));
  m.skewness = m.sd > 0 ? c3 / (m.sd * m.sd * m.sd) : 0.0;
  return m;
}

double cdf_at(const AggregateDistribution& d, double x) {
  const std::int64_t last = last_index_at_or_below(d, x);
  if (last < 0) return 0.0;
  const auto n = std::min<std::size_t>(static_cast<std::size_t>(last) + 1, d.size());
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i)
    sum += d.pmf[i];
  return sum;
}

double quantile(const AggregateDistribution& d, double p) {
  double sum = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    sum += d.pmf[i];
    if (sum >= p) return d.knot(i);
  }
  return std::numeric_limits<double>::infinity();
}

double tail_mean(const AggregateDistribution& d, double p) {
  const double var = quantile(d, p);
  if (!std::isfinite(var)) return var;
  double mass = 0;
  double weighted = 0;
  for (auto i = static_cast<std::size_t>(last_index_at_or_below(d, var) + 1); i < d.size(); ++i) {
    mass += d.pmf[i];
    weighted += d.knot(i) * d.pmf[i];
  }
  return mass > 0 ? weighted / mass : var;
}

double exceedance(const AggregateDistribution& d, double budget) {
  // Summed from the top: the mass the grid holds above the budget, never 1 − F (which would
  // count the mass the grid does not hold, and the rounding of F near 1, as overspend).
  const std::int64_t last = last_index_at_or_below(d, budget);
  const auto size = static_cast<std::int64_t>(d.size());
  double sum = 0;
  for (std::int64_t i = size - 1; i > last && i >= 0; --i)
    sum += d.pmf[static_cast<std::size_t>(i)];
  return sum;
}

double histogram_exceedance(const AggregateDistribution& d, double x) {
  if (d.size() == 1) return exceedance(d, x);
  // Cell i covers [i − 1/2, i + 1/2] in knot units; u is x in those units. Cells from `whole`
  // up lie entirely above x, and the one below holds x.
  const double u = x / d.step - static_cast<double>(d.first);
  const auto size = static_cast<double>(d.size());
  const double whole = std::clamp(std::ceil(u + 0.5), 0.0, size);
  double sum = 0;  // from the top, as exceedance
  for (auto i = d.size(); i-- > static_cast<std::size_t>(whole);)
    sum += d.pmf[i];
  if (whole >= 1) {
    const double part = std::clamp(whole - 0.5 - u, 0.0, 1.0);
    sum += part * d.pmf[static_cast<std::size_t>(whole) - 1];
  }
  return sum;
}

HistogramSurvival::HistogramSurvival(const AggregateDistribution& d)
    : d_(d), above_(d.size() + 1, 0.0) {
  for (auto i = d.size(); i-- > 0;)
    above_[i] = above_[i + 1] + d.pmf[i];
}

double HistogramSurvival::operator()(double x) const {
  if (d_.size() == 1) return exceedance(d_, x);
  const double u = x / d_.step - static_cast<double>(d_.first);
  const double whole = std::clamp(std::ceil(u + 0.5), 0.0, static_cast<double>(d_.size()));
  const auto w = static_cast<std::size_t>(whole);
  double sum = above_[w];
  if (w >= 1) sum += std::clamp(whole - 0.5 - u, 0.0, 1.0) * d_.pmf[w - 1];
  return sum;
}

double histogram_quantile(const AggregateDistribution& d, double p) {
  if (d.size() == 1) return quantile(d, p);
  double below = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    const double through = below + d.pmf[i];
    if (through >= p) {
      const double into = d.pmf[i] > 0 ? std::clamp((p - below) / d.pmf[i], 0.0, 1.0) : 1.0;
      return (static_cast<double>(d.first + static_cast<std::int64_t>(i)) - 0.5 + into) * d.step;
    }
    below = through;
  }
  return std::numeric_limits<double>::infinity();
}

double histogram_tail_mean(const AggregateDistribution& d, double p) {
  if (d.size() == 1) return tail_mean(d, p);
  double below = 0;
  std::size_t i = 0;
  for (; i < d.size() && below + d.pmf[i] < p; ++i)
    below += d.pmf[i];
  if (i == d.size()) return std::numeric_limits<double>::infinity();
  // The part of cell i above the quantile, evenly spread between it and the cell's top.
  const double var = histogram_quantile(d, p);
  const double top = d.knot(i) + 0.5 * d.step;
  double mass = below + d.pmf[i] - p;
  double weighted = mass * 0.5 * (var + top);
  for (std::size_t j = i + 1; j < d.size(); ++j) {
    mass += d.pmf[j];
    weighted += d.knot(j) * d.pmf[j];
  }
  return mass > 0 ? weighted / mass : var;
}

double reserve_needed(const AggregateDistribution& d, double budget, double confidence) {
  return std::max(0.0, quantile(d, confidence) - budget);
}

}  // namespace pco

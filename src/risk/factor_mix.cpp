#include "risk/factor_mix.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

namespace {

struct Cell {
  double x = 0;     // centre of mass
  double mass = 0;  // probability
};

// S's knots merged, in order, into cells no wider than max(step, σ·x/fraction) at their start
// (body_fraction up to `body_end`, tail_fraction beyond): the factor moves a knot at x by about
// σ·x, so finer detail than a fraction of that cannot survive the mixture. Returns the cells and
// adds the variance the merging removes.
std::vector<Cell> cells_of(const AggregateDistribution& s, double sigma,
                           const FactorMixSettings& settings, double body_end, double& removed) {
  std::vector<Cell> cells;
  Cell cell;
  double start = 0;
  double second = 0;  // Σ p x² within the cell
  const auto close = [&] {
    if (cell.mass <= 0) return;
    const double centre = cell.x / cell.mass;
    removed += std::max(0.0, second - cell.mass * centre * centre);
    cells.push_back({centre, cell.mass});
    cell = {};
    second = 0;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double p = s.pmf[i];
    if (p == 0) continue;
    const double x = s.knot(i);
    const double fraction = start <= body_end ? settings.body_fraction : settings.tail_fraction;
    if (cell.mass > 0 && x - start > std::max(s.step, sigma * start / fraction)) close();
    if (cell.mass == 0) start = x;
    cell.x += p * x;
    cell.mass += p;
    second += p * x * x;
  }
  close();
  return cells;
}

}  // namespace

double lognormal_sigma(double cv) {
  return std::sqrt(std::log1p(cv * cv));
}

FactorMix mix_lognormal_factor(const AggregateDistribution& s, double sigma,
                               const FactorMixSettings& settings) {
  if (!(std::isfinite(sigma) && sigma >= 0))
    throw UsageError(fmt::format("factor sigma must be a finite number >= 0, got {}", sigma));
  FactorMix out;
  if (sigma == 0 || s.pmf.empty()) {
    out.distribution = s;
    return out;
  }
  double mass = 0;
  double first = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    mass += s.pmf[i];
    first += s.pmf[i] * s.knot(i);
  }
  const double mean = mass > 0 ? first / mass : 0;
  double variance = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    variance += s.pmf[i] * (s.knot(i) - mean) * (s.knot(i) - mean);
  variance = mass > 0 ? variance / mass : 0;
  const double ef2 = std::exp(sigma * sigma);
  const double variance_t = (variance + mean * mean) * ef2 - mean * mean;
  if (!(variance_t > 0)) {
    out.distribution = s;
    return out;
  }
  const double step = std::sqrt(variance_t) / settings.knots_per_sd;

  // Nodes z_j = j·Δz on [−z_max, z_max], trapezoid weights ∝ φ(z_j) (spectrally accurate for a
  // Gaussian integrand), rescaled so that Σ w = 1 and Σ w f = 1 exactly.
  const double cv = mean > 0 ? std::sqrt(variance) / mean : 0;
  double spacing = std::min(settings.max_spacing, settings.ratio * cv / sigma);
  spacing = std::max(spacing, settings.z_max / 4096);
  const auto half = static_cast<int>(std::ceil(settings.z_max / spacing));
  spacing = settings.z_max / half;
  std::vector<double> w;
  std::vector<double> f;
  for (int j = -half; j <= half; ++j) {
    const double z = j * spacing;
    w.push_back(std::exp(-0.5 * z * z));
    f.push_back(std::exp(sigma * z - 0.5 * sigma * sigma));
  }
  double sw = 0;
  for (double v : w)
    sw += v;
  double swf = 0;
  for (std::size_t j = 0; j < w.size(); ++j) {
    w[j] /= sw;
    swf += w[j] * f[j];
  }
  double swf2 = 0;
  for (std::size_t j = 0; j < w.size(); ++j) {
    f[j] /= swf;
    swf2 += w[j] * f[j] * f[j];
  }
  out.nodes = w.size();
  out.spacing = spacing;
  out.second_moment_error = swf2 / ef2 - 1;
  out.misplaced = std::erfc(settings.z_max / std::sqrt(2.0));

  double removed = 0;
  const auto cells = cells_of(s, sigma, settings, mean + 8 * std::sqrt(variance_t), removed);
  out.variance_deficit = removed * swf2;
  out.variance_error_bound = step * step / 4;

  double lo = cells.front().x;
  double hi = cells.back().x;
  const auto lower = static_cast<std::int64_t>(std::floor(std::min(lo * f.front(), lo) / step));
  const auto upper = static_cast<std::int64_t>(std::floor(hi * f.back() / step)) + 1;
  AggregateDistribution& t = out.distribution;
  t.step = step;
  t.first = lower;
  t.method = s.method + "+factor";
  t.pmf.assign(static_cast<std::size_t>(upper - lower + 2), 0.0);
  for (std::size_t j = 0; j < w.size(); ++j) {
    const double scale = f[j] / step;
    for (const auto& c : cells) {
      const double u = c.x * scale;
      const double k = std::floor(u);
      const double up = u - k;
      const double m = c.mass * w[j];
      const auto at = static_cast<std::size_t>(static_cast<std::int64_t>(k) - lower);
      t.pmf[at] += m * (1 - up);
      t.pmf[at + 1] += m * up;
    }
  }
  while (t.pmf.size() > 1 && t.pmf.back() == 0)
    t.pmf.pop_back();
  std::size_t skip = 0;
  while (skip + 1 < t.pmf.size() && t.pmf[skip] == 0)
    ++skip;
  if (skip > 0) {
    t.pmf.erase(t.pmf.begin(), t.pmf.begin() + static_cast<std::ptrdiff_t>(skip));
    t.first += static_cast<std::int64_t>(skip);
  }
  return out;
}

}  // namespace pco

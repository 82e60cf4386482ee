#include "risk/cost_distribution.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/error.hpp"
#include "risk/discretize.hpp"
#include "risk/fft_pool.hpp"
#include "risk/regrid.hpp"

namespace pco {

namespace {

constexpr double kMaxSeverityKnots = double(1 << 22);

// Smallest h·2^k beyond which `events` expected events fall with total probability <= tail.
double severity_max(const Severity& severity, double h, double events, double tail) {
  double max = std::max(h, severity.mean());
  while (events * (1 - severity.cdf(max)) > tail && max / h < kMaxSeverityKnots / 2)
    max *= 2;
  return std::max(max, 2 * h);
}

// Half-width of the window around the mean, in sds of the compound. For a sum of non-negative
// claims the left tail is sub-Gaussian, P(S <= E S - k sd) <= exp(-k²/2) for Poisson counts;
// on the right the window also spans the whole severity grid, so one claim as large as the
// largest knot still fits.
constexpr double kWindowSds = 14;
constexpr double kMaxPartEvents = 16384;
// The relative noise floor per expected event, about 500 machine epsilons: measured noise of
// the transforms sits near 1e-13 (tests/unit/risk/holder_cost_test.cpp checks the mass).
constexpr double kNoise = 1e-13;
// Tail mass dropped at each end of each convolution: above the transforms' rounding noise (which
// would otherwise stop the support from being trimmed), far below any reported probability.
constexpr double kTrim = 1e-13;
constexpr std::uint64_t kMaxParts = std::uint64_t{1} << 20;

// The compound of `frequency` and `grid` by FFT on a window [first, first + width) chosen from
// the moments (cheap, unlike the Chernoff window of compound_fft, whose cost grows with the
// severity grid times the tilts tried). No exponential tilt: the noise of the transform stays
// at rounding level instead of being magnified in the tail, and aliasing is limited to the
// mass beyond the window, which the zero padding to twice its width keeps out.
AggregateDistribution compound_on_window(const Frequency& frequency, const SeverityGrid& grid,
                                         FftPool& pool) {
  const double h = grid.step;
  const auto m = compound_moments(frequency, grid.raw_moment(1) / h, grid.raw_moment(2) / (h * h),
                                  grid.raw_moment(3) / (h * h * h));
  const double lo = std::max(0.0, std::floor(m.mean - kWindowSds * m.sd()));
  const double hi = std::ceil(m.mean + kWindowSds * m.sd()) + static_cast<double>(grid.pmf.size());
  const auto first = static_cast<std::int64_t>(lo);
  const auto width = static_cast<std::size_t>(hi - lo) + 1;
  auto& fft = pool.at_least(2 * width);
  const std::size_t n = fft.size();
  double* x = fft.real();
  std::fill(x, x + n, 0.0);
  for (std::size_t j = 0; j < grid.pmf.size(); ++j)
    x[j % n] += grid.pmf[j];
  fft.forward();
  auto* spectrum = fft.spectrum();
  for (std::size_t k = 0; k <= n / 2; ++k)
    spectrum[k] = std::exp(frequency.log_pgf(spectrum[k]));
  fft.backward();
  AggregateDistribution out;
  out.step = h;
  out.first = first;
  out.method = "fft";
  out.pmf.resize(width);
  double peak = 0;
  for (std::size_t i = 0; i < width; ++i) {
    out.pmf[i] = std::max(0.0, x[(static_cast<std::size_t>(first) + i) % n]);
    peak = std::max(peak, out.pmf[i]);
  }
  // The pgf magnifies the rounding error of the transformed severity about E N times; values
  // at the ends below that noise floor are noise (kept, clamped at 0, they would add spurious
  // mass far out in the tails) and are dropped.
  const double floor = peak * std::max(1.0, frequency.mean()) * kNoise;
  std::size_t lo_keep = 0;
  while (lo_keep + 1 < width && out.pmf[lo_keep] < floor)
    ++lo_keep;
  std::size_t hi_keep = width;
  while (hi_keep > lo_keep + 1 && out.pmf[hi_keep - 1] < floor)
    --hi_keep;
  out.pmf = std::vector<double>(out.pmf.begin() + static_cast<std::ptrdiff_t>(lo_keep),
                                out.pmf.begin() + static_cast<std::ptrdiff_t>(hi_keep));
  out.first += static_cast<std::int64_t>(lo_keep);
  // The mass the compound must have on the grid is P_N(Σ severity masses); rounding moves it by
  // ~1e-8 relative, which a count split in thousands of parts would raise to that power.
  const double target = std::exp(frequency.log_pgf(grid.total()));
  double mass = 0;
  for (double p : out.pmf)
    mass += p;
  if (mass > 0)
    for (auto& p : out.pmf)
      p *= target / mass;
  return out;
}

}  // namespace

AggregateDistribution component_on_grid(const CostComponent& c, double step,
                                        const GridSettings& settings, double& bound,
                                        FftPool& pool) {
  const double m1 = c.severity.raw_moment(1);
  const double m2 = c.severity.raw_moment(2);
  const double events = c.frequency.mean();
  const double sd = std::sqrt(events * (m2 - m1 * m1) + c.frequency.variance() * m1 * m1);
  // Var S / E N: the variance each expected event brings (E X² plus the clustering term).
  const double per_event = events > 0 ? sd * sd / events : m2;
  double h = std::min(step, std::sqrt(per_event) / settings.steps_per_rms);
  // The FFT's rounding noise grows with the expected count (the pgf magnifies the error of the
  // transformed severity E N times), so a divisible count is split into identical parts of at
  // most kMaxPartEvents events, and further while a part's window (about 20 of its sds) is
  // too wide for max_part_knots knots.
  std::uint64_t parts = 1;
  const bool divisible = c.frequency.kind() == FrequencyKind::poisson ||
                         c.frequency.kind() == FrequencyKind::negative_binomial;
  const auto knots = static_cast<double>(settings.max_part_knots);
  const auto part_sd = [&] { return sd / std::sqrt(static_cast<double>(parts)); };
  while (divisible && parts < kMaxParts &&
         (events / static_cast<double>(parts) > kMaxPartEvents || 20 * part_sd() / h > knots))
    parts *= 2;
  h = std::max(h, std::min(step, 20 * part_sd() / knots));
  // Parts meet on an intermediate step fine enough that their regrids add at most 1/256 of the
  // variance in all, then the sum moves onto the common step.
  const double middle = parts > 1 ? std::min(step, part_sd() / 8) : step;
  const Frequency part = parts > 1 ? c.frequency.divided(static_cast<double>(parts)) : c.frequency;
  // The tail allowance is for all the component's events, not each part's.
  auto grid = discretize(c.severity, h, severity_max(c.severity, h, events, settings.severity_tail),
                         DiscretizeMethod::unbiased);
  // Rounding in the discretisation can leave the masses summing to 1 + 1e-12 or so; raised to
  // the power E N (and again for every part) that would become visible.
  if (const double total = grid.total(); total > 1)
    for (auto& p : grid.pmf)
      p /= total;
  auto compound = regrid(compound_on_window(part, grid, pool), middle);
  bound += events * h * h / 4 + static_cast<double>(parts) * middle * middle / 4;
  if (parts > 1) {
    compound = regrid(convolution_power_pooled(compound, parts, kTrim, pool), step);
    bound += step * step / 4;
    // As for each part: the whole has mass P_N(Σ severity masses).
    const double target = std::exp(c.frequency.log_pgf(grid.total()));
    const double mass = compound.total();
    if (mass > 0)
      for (auto& p : compound.pmf)
        p *= target / mass;
  }
  return compound;
}

CostDistribution cost_distribution(const std::vector<CostComponent>& components,
                                   const GridSettings& settings, double step, FftPool* pool) {
  FftPool own;
  FftPool& ffts = pool != nullptr ? *pool : own;
  CostDistribution out;
  for (const auto& c : components) {
    const double m1 = c.severity.raw_moment(1);
    const double m2 = c.severity.raw_moment(2);
    if (!std::isfinite(m2))
      throw UsageError(
          fmt::format("{}: cost per event {} has no finite variance; the risk of a "
                      "budget needs one (e.g. a pareto shape above 2)",
                      c.name, c.severity.describe()));
    out.exact_mean += c.frequency.mean() * m1;
    out.exact_variance += c.frequency.mean() * (m2 - m1 * m1) + c.frequency.variance() * m1 * m1;
  }
  if (step <= 0) step = std::sqrt(out.exact_variance) / settings.knots_per_sd;
  if (!(step > 0)) {
    // No events expected at all: the cost is 0 for certain.
    out.distribution = AggregateDistribution{1, 0, {1.0}, "exact"};
    return out;
  }
  bool first = true;
  for (const auto& c : components) {
    if (c.frequency.mean() <= 0) continue;
    auto d = component_on_grid(c, step, settings, out.variance_error_bound, ffts);
    out.distribution = first ? std::move(d) : convolve_pooled(out.distribution, d, kTrim, ffts);
    first = false;
  }
  if (first) out.distribution = AggregateDistribution{step, 0, {1.0}, "exact"};
  out.distribution.method = "fft+regrid";
  return out;
}

}  // namespace pco

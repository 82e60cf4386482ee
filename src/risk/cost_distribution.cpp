#include "risk/cost_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <complex>

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

// P_N(z) for |z| <= 1. For Poisson and negative binomial counts the complex log and exp are
// written out (log |w| and arg w, then exp and cos/sin): the library's complex log sorts its
// terms for accuracy and dominated the time of thousands of holders.
std::complex<double> pgf(const Frequency& frequency, std::complex<double> z) {
  double log_modulus = 0;
  double angle = 0;
  if (frequency.kind() == FrequencyKind::poisson && !frequency.is_zero_modified()) {
    log_modulus = frequency.lambda() * (z.real() - 1);
    angle = frequency.lambda() * z.imag();
  } else if (frequency.kind() == FrequencyKind::negative_binomial &&
             !frequency.is_zero_modified()) {
    // (p / (1 − q z))^r
    const double q = 1 - frequency.prob();
    const std::complex<double> w(1 - q * z.real(), -q * z.imag());
    log_modulus = frequency.size() * (std::log(frequency.prob()) - 0.5 * std::log(std::norm(w)));
    angle = -frequency.size() * std::atan2(w.imag(), w.real());
  } else {
    return std::exp(frequency.log_pgf(z));
  }
  return std::polar(std::exp(log_modulus), angle);
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
// mass beyond the window.
AggregateDistribution compound_on_window(const Frequency& frequency, const SeverityGrid& grid,
                                         FftPool& pool) {
  const double h = grid.step;
  // Moments of the grid in units of the step, in one pass.
  double g1 = 0;
  double g2 = 0;
  double g3 = 0;
  for (std::size_t j = 0; j < grid.pmf.size(); ++j) {
    const double x = static_cast<double>(j);
    const double p = grid.pmf[j];
    g1 += x * p;
    g2 += x * x * p;
    g3 += x * x * x * p;
  }
  const auto m = compound_moments(frequency, g1, g2, g3);
  const double lo = std::max(0.0, std::floor(m.mean - kWindowSds * m.sd()));
  const double hi = std::ceil(m.mean + kWindowSds * m.sd()) + static_cast<double>(grid.pmf.size());
  const auto first = static_cast<std::int64_t>(lo);
  const auto width = static_cast<std::size_t>(hi - lo) + 1;
  // A transform as long as the window: the cyclic wrap brings into it only the mass outside it.
  auto& fft = pool.at_least(width);
  const std::size_t n = fft.size();
  double* x = fft.real();
  std::fill(x, x + n, 0.0);
  for (std::size_t j = 0; j < grid.pmf.size(); ++j)
    x[j % n] += grid.pmf[j];
  fft.forward();
  auto* spectrum = fft.spectrum();
  for (std::size_t k = 0; k <= n / 2; ++k)
    spectrum[k] = pgf(frequency, spectrum[k]);
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

// The retained or excess layer of a discretised severity. A knot at x maps to min(x, T) or
// (x − T)+; values off the grid are split between the two neighbouring knots in proportion to
// distance (mean-preserving, adding at most h²/4 per case, within the bound already counted).
SeverityGrid split_grid(const SeverityGrid& grid, CaseLayer layer, double threshold) {
  SeverityGrid out;
  out.step = grid.step;
  out.pmf.assign(grid.pmf.size() + 1, 0.0);
  for (std::size_t j = 0; j < grid.pmf.size(); ++j) {
    const double x = static_cast<double>(j) * grid.step;
    const double y =
        layer == CaseLayer::retained ? std::min(x, threshold) : std::max(0.0, x - threshold);
    const double u = y / grid.step;
    const auto lower = static_cast<std::size_t>(std::floor(u));
    const double up = u - std::floor(u);
    out.pmf[lower] += grid.pmf[j] * (1 - up);
    if (up > 0) out.pmf[lower + 1] += grid.pmf[j] * up;
  }
  while (out.pmf.size() > 1 && out.pmf.back() == 0)
    out.pmf.pop_back();
  return out;
}

}  // namespace

double case_moment(const CostComponent& c, int k) {
  const double t = c.threshold;
  switch (c.layer) {
    case CaseLayer::whole:
      return c.severity.raw_moment(k);
    case CaseLayer::retained:
      // E[min(X, T)^k] = E[X^k; X <= T] + T^k (1 − F(T))
      return c.severity.partial_moment(k, t) + std::pow(t, k) * (1 - c.severity.cdf(t));
    case CaseLayer::excess: {
      // E[(X − T)+] = E X − E[min(X, T)];
      // E[(X − T)+²] = E X² − E[X²; X <= T] − 2T (E X − E[X; X <= T]) + T² (1 − F(T))
      const double tail = 1 - c.severity.cdf(t);
      // (Clamped at 0: far above the severity's scale the differences are rounding.)
      if (k == 1)
        return std::max(0.0, c.severity.raw_moment(1) - c.severity.partial_moment(1, t) - t * tail);
      return std::max(0.0,
                      c.severity.raw_moment(2) - c.severity.partial_moment(2, t) -
                          2 * t * (c.severity.raw_moment(1) - c.severity.partial_moment(1, t)) +
                          t * t * tail);
    }
  }
  return 0;
}

AggregateDistribution component_on_grid(const CostComponent& c, double step,
                                        const GridSettings& settings, double& bound,
                                        RiskWorkspace& workspace) {
  FftPool& pool = workspace.ffts;
  const double m1 = case_moment(c, 1);
  const double m2 = case_moment(c, 2);
  const double sd =
      std::sqrt(c.frequency.mean() * (m2 - m1 * m1) + c.frequency.variance() * m1 * m1);
  // The excess layer of a pool is computed as the cases above T only: the count thinned by
  // P(X > T) (Poisson λπ; NB(r, p / (p + π(1 − p)))) with the excess of those cases, which is
  // the same compound but without millions of zero-cost cases.
  const double above = c.layer == CaseLayer::excess ? 1 - c.severity.cdf(c.threshold) : 1.0;
  const double events = c.frequency.mean() * above;
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
  Frequency count = c.frequency;
  const auto knots = static_cast<double>(settings.max_part_knots);
  const auto part_sd = [&] { return sd / std::sqrt(static_cast<double>(parts)); };
  while (divisible && parts < kMaxParts &&
         (events / static_cast<double>(parts) > kMaxPartEvents || 20 * part_sd() / h > knots))
    parts *= 2;
  h = std::max(h, std::min(step, 20 * part_sd() / knots));
  // Parts meet on an intermediate step fine enough that their regrids add at most 1/256 of the
  // variance in all, then the sum moves onto the common step.
  const double middle = parts > 1 ? std::min(step, part_sd() / 8) : step;
  // Round the step down to a power of two: the bound only improves, and holders share grids.
  int exponent = 0;
  if (c.layer == CaseLayer::whole) {
    std::frexp(h, &exponent);  // h = f · 2^exponent with f in [0.5, 1)
    h = std::ldexp(1.0, exponent - 1);
  } else {
    // T / 2^k: the threshold is a knot, where the unbiased discretisation keeps E[min(X, T)]
    // exact, so the split of every case at T is exact in mean.
    std::frexp(c.threshold / h, &exponent);
    h = std::ldexp(c.threshold, -exponent);
  }
  // The tail allowance counts all cases (above or below T), not each part's.
  const double max = severity_max(c.severity, h, c.frequency.mean(), settings.severity_tail);
  auto [slot, fresh] = workspace.grids.try_emplace(std::make_tuple(&c.severity, h, max));
  if (fresh) {
    slot->second = discretize(c.severity, h, max, DiscretizeMethod::unbiased);
    // Rounding in the discretisation can leave the masses summing to 1 + 1e-12 or so; raised
    // to the power E N (and again for every part) that would become visible.
    if (const double total = slot->second.total(); total > 1)
      for (auto& p : slot->second.pmf)
        p /= total;
  }
  SeverityGrid layer_grid;
  if (c.layer != CaseLayer::whole) layer_grid = split_grid(slot->second, c.layer, c.threshold);
  if (c.layer == CaseLayer::excess) {
    // Thin by the grid's own P(excess > 0), so that thinning and grid agree exactly.
    const double pi = layer_grid.total() - layer_grid.pmf[0];
    if (!(pi > 0)) return AggregateDistribution{step, 0, {1.0}, "exact"};
    const double zero = layer_grid.pmf[0];
    layer_grid.pmf[0] = 0;
    for (auto& p : layer_grid.pmf)
      p /= 1 - zero;
    const double thin = pi / (1 - zero) * (1 - zero);  // = pi: mass above 0 of a proper grid
    if (count.kind() == FrequencyKind::poisson) {
      count = Frequency::poisson(count.lambda() * thin);
    } else if (count.kind() == FrequencyKind::negative_binomial) {
      const double p = count.prob();
      count = Frequency::negative_binomial(count.size(), p / (p + thin * (1 - p)));
    } else {
      throw UsageError(c.name + ": a high-cost pool needs a Poisson or negative binomial count");
    }
  }
  const SeverityGrid& grid = c.layer == CaseLayer::whole ? slot->second : layer_grid;
  const Frequency part = parts > 1 ? count.divided(static_cast<double>(parts)) : count;
  auto compound = regrid(compound_on_window(part, grid, pool), middle);
  bound += events * h * h / 4 + static_cast<double>(parts) * middle * middle / 4;
  if (parts > 1) {
    compound = regrid(convolution_power_pooled(compound, parts, kTrim, pool), step);
    bound += step * step / 4;
    // As for each part: the whole has mass P_N(Σ severity masses).
    const double target = std::exp(count.log_pgf(grid.total()));
    const double mass = compound.total();
    if (mass > 0)
      for (auto& p : compound.pmf)
        p *= target / mass;
  }
  return compound;
}

CostDistribution cost_distribution(const std::vector<CostComponent>& components,
                                   const GridSettings& settings, double step,
                                   RiskWorkspace* workspace) {
  RiskWorkspace own;
  RiskWorkspace& shared = workspace != nullptr ? *workspace : own;
  CostDistribution out;
  for (const auto& c : components) {
    const double m1 = case_moment(c, 1);
    const double m2 = case_moment(c, 2);
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
    // A component that costs nothing: no events, or (almost) no case above a pool's threshold.
    // Below 1e-12 of the total it is left out, its mean counted as mass beyond the grid.
    const double mean = c.frequency.mean() * case_moment(c, 1);
    if (c.frequency.mean() <= 0 || !(mean > 1e-12 * out.exact_mean)) continue;
    auto d = component_on_grid(c, step, settings, out.variance_error_bound, shared);
    out.distribution =
        first ? std::move(d) : convolve_pooled(out.distribution, d, kTrim, shared.ffts);
    first = false;
  }
  if (first) out.distribution = AggregateDistribution{step, 0, {1.0}, "exact"};
  out.distribution.method = "fft+regrid";
  return out;
}

}  // namespace pco

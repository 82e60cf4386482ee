#include "risk/cost_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>

#include <fmt/format.h>

#include "core/error.hpp"
#include "risk/discretize.hpp"
#include "risk/fft_pool.hpp"
#include "risk/regrid.hpp"

namespace pco {

namespace {

// Σ values with Neumaier's compensation: a grid's mass is raised to the power E N (millions),
// so its last bits matter.
double compensated_sum(const std::vector<double>& values) {
  double sum = 0;
  double carry = 0;
  for (double v : values) {
    const double t = sum + v;
    carry += std::fabs(sum) >= std::fabs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
  }
  return sum + carry;
}

// E[X²; X > x], by difference: relative to E X² it carries an error of about 1e-16, enough where
// the cut leaves more than 1e-9 of E X² beyond it (and checked where it is used).
double upper_second_moment(const Severity& severity, double x) {
  return std::max(0.0, severity.raw_moment(2) - severity.partial_moment(2, x));
}

// Smallest cut M = h·2^k (M >= E X) beyond which `events` expected cases fall with probability
// at most `tail`, within the knot cap.
double severity_cut(const Severity& severity, double h, double events,
                    const GridSettings& settings) {
  const double cap = static_cast<double>(settings.max_severity_knots);
  double cut = std::max(h, severity.mean());
  cut = h * std::exp2(std::ceil(std::log2(cut / h)));
  while (events * severity.survival(cut) > settings.severity_tail && 2 * cut / h <= cap)
    cut *= 2;
  return std::max(cut, 2 * h);
}

void add_split(std::vector<double>& pmf, double x, double h, double mass) {
  const double u = x / h;
  const auto lower = static_cast<std::size_t>(std::floor(u));
  const double up = u - std::floor(u);
  if (pmf.size() < lower + 2) pmf.resize(lower + 2, 0.0);
  pmf[lower] += mass * (1 - up);
  pmf[lower + 1] += mass * up;
}

// The unbiased discretisation on 0, h, …, M with the cases beyond M replaced by two atoms that
// keep their probability S, mean and second moment exactly: mass a at M and b at y with
// y + M = E[(X − M)(X + M); X > M] / E[X − M; X > M] and b = E[X − M; X > M] / (y − M)
// (b <= S by Cauchy–Schwarz, y >= M). Each atom is split between the knots around it
// (mean-preserving, within the h²/4 per case already counted). The masses are then rescaled to
// sum to 1 exactly: the rounding of thousands of differences leaves them 1e-13 off, which
// raised to the power E N would lose mass in millions of events. Where the tail's moments are
// too small to resolve, one atom at E[X | X > M] keeps mass and mean and lacks the tail's
// conditional variance (reported).
CutSeverity cut_severity(const Severity& severity, double h, double cut) {
  CutSeverity out;
  out.cut = cut;
  out.grid = discretize(severity, h, cut, DiscretizeMethod::unbiased);
  const double last = static_cast<double>(out.grid.pmf.size() - 1) * h;
  const double tail = severity.survival(last);
  if (tail > 0) {
    const double excess = severity.stop_loss(last);  // E[X − M; X > M]
    const double beyond = last + excess / tail;      // E[X | X > M]
    const double second = upper_second_moment(severity, last);
    const double spread = second - tail * last * last - 2 * last * excess;  // E[(X − M)²; X > M]
    bool two = false;
    if (spread > 1e-9 * severity.raw_moment(2) && excess > 0) {
      const double y = last + spread / excess;
      const double b = excess * excess / spread;
      if (std::isfinite(y) && y > last && b > 0 && b <= tail) {
        add_split(out.grid.pmf, last, h, tail - b);
        add_split(out.grid.pmf, y, h, b);
        two = true;
      }
    }
    if (!two) {
      add_split(out.grid.pmf, beyond, h, tail);
      out.collapsed_variance = std::max(0.0, second - tail * beyond * beyond);
    }
    while (out.grid.pmf.size() > 1 && out.grid.pmf.back() == 0)
      out.grid.pmf.pop_back();
    out.tail = tail;
  }
  const double total = compensated_sum(out.grid.pmf);
  if (total > 0)
    for (auto& p : out.grid.pmf)
      p /= total;
  return out;
}

// P_N(z) for |z| <= 1. For Poisson and negative binomial counts the complex log and exp are
// written out (log |w| and arg w, then exp and cos/sin): the library's complex log sorts its
// terms for accuracy and dominated the time of thousands of holders. Where the modulus is
// below e^{-745} (most high frequencies of a large count) the value is 0 and the angle is not
// computed.
std::complex<double> pgf(const Frequency& frequency, std::complex<double> z) {
  constexpr double kUnderflow = -745;
  if (frequency.kind() == FrequencyKind::poisson && !frequency.is_zero_modified()) {
    const double log_modulus = frequency.lambda() * (z.real() - 1);
    if (log_modulus < kUnderflow) return {0.0, 0.0};
    return std::polar(std::exp(log_modulus), frequency.lambda() * z.imag());
  }
  if (frequency.kind() == FrequencyKind::negative_binomial && !frequency.is_zero_modified()) {
    // (p / (1 − q z))^r
    const double q = 1 - frequency.prob();
    const std::complex<double> w(1 - q * z.real(), -q * z.imag());
    const double log_modulus =
        frequency.size() * (std::log(frequency.prob()) - 0.5 * std::log(std::norm(w)));
    if (log_modulus < kUnderflow) return {0.0, 0.0};
    return std::polar(std::exp(log_modulus), -frequency.size() * std::atan2(w.imag(), w.real()));
  }
  return std::exp(frequency.log_pgf(z));
}

// Half-width of the window around the mean, in sds of the compound. For a sum of non-negative
// claims the left tail is sub-Gaussian: P(S <= E S − k sd) <= exp(−k²/2) for Poisson counts and
// for negative binomial ones (a gamma mixture of Poissons, whose lower tail is sub-Gaussian
// too), 1e-43 at k = 14. The right end is checked by a Chernoff bound (below).
constexpr double kWindowSds = 14;
constexpr double kMaxPartEvents = 16384;
// Tail mass dropped at each end of each convolution (cumulative): above the transforms'
// rounding noise (which would otherwise stop the support from being trimmed), and small enough
// that a national holder's thousands of convolutions misplace under 1e-10 in all.
constexpr double kTrim = 1e-16;
// Mass a component's transforms may fold back from beyond their window (Chernoff bound, shared
// among a component's parts; what it is is counted as misplaced).
constexpr double kAlias = 1e-12;
// Counts with at most this many expected events are computed as P(N = 0)·δ0 + P(N = 1)·f
// (exact, knot by knot) plus the transform of the rest: a small holder's cost is dominated in
// its far tail by one large case, whose probabilities lie far below the transform's noise.
constexpr double kFewEvents = 1;
constexpr std::uint64_t kMaxParts = std::uint64_t{1} << 20;
// Severity knots a workspace keeps for reuse (8 MiB each million).
constexpr std::size_t kMaxCachedKnots = std::size_t{1} << 23;

// log Σ_j f_j e^{t j} (t in grid units), by powers of e^{-t} from the top knot down so that
// nothing overflows; terms below e^{-690} of the largest cannot matter.
double log_mgf(const std::vector<double>& f, double t) {
  std::size_t top = f.size();
  while (top > 0 && f[top - 1] == 0)
    --top;
  if (top == 0) return -std::numeric_limits<double>::infinity();
  const double r = std::exp(-t);
  double sum = 0;
  double w = 1;
  for (std::size_t j = top; j-- > 0 && w > 1e-300;) {
    sum += f[j] * w;
    w *= r;
  }
  return t * static_cast<double>(top - 1) + std::log(sum);
}

}  // namespace

std::vector<std::pair<double, double>> severity_tilts(const SeverityGrid& grid) {
  std::vector<std::pair<double, double>> out;
  const double length = static_cast<double>(grid.pmf.size());
  for (int j = 0; j < 40; ++j) {
    const double t = 650 / length * std::exp2(-0.5 * j);
    out.push_back({t, log_mgf(grid.pmf, t)});
  }
  return out;
}

namespace {

// Chernoff's bound P(S >= b) <= min_t e^{-tb} P_N(M_X(t)) (b, t in grid units) over the tilts
// given (any tilt gives a valid bound), and the smallest b where it is at most `tail` (+inf if
// none is).
double chernoff_tail(const Frequency& frequency,
                     const std::vector<std::pair<double, double>>& tilts, double b) {
  double best = 0;  // log of the bound
  for (const auto& [t, log_m] : tilts) {
    if (!(log_m < 700)) continue;
    const double k = frequency.log_pgf(std::exp(log_m));
    if (std::isfinite(k)) best = std::min(best, k - t * b);
  }
  return std::exp(best);
}

double chernoff_end(const Frequency& frequency, const std::vector<std::pair<double, double>>& tilts,
                    double tail) {
  double best = std::numeric_limits<double>::infinity();
  for (const auto& [t, log_m] : tilts) {
    if (!(log_m < 700)) continue;
    const double k = frequency.log_pgf(std::exp(log_m));
    if (std::isfinite(k)) best = std::min(best, (k - std::log(tail)) / t);
  }
  return best;
}

// Σ_j j^k f_j for k = 1, 2, 3: the grid's moments in units of its step, in one pass.
std::array<double, 3> step_moments(const SeverityGrid& grid) {
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
  return {g1, g2, g3};
}

// Transforms longer than this are freed after each holder (see FftPool::release_above).
constexpr std::size_t kKeptFftLength = std::size_t{1} << 20;

// Transform bins a workspace keeps for reuse (32 bytes each with a negative binomial's terms:
// 32 MiB at most).
constexpr std::size_t kMaxCachedBins = std::size_t{1} << 20;

bool plain_negative_binomial(const Frequency& frequency) {
  return frequency.kind() == FrequencyKind::negative_binomial && !frequency.is_zero_modified();
}

// The grid folded onto n knots and transformed, with a negative binomial's count-free pgf terms
// (as pgf() computes them, so that r times them is bit for bit what pgf() gives), from the
// workspace's cache or computed into it (on `n`'s pooled transform).
const GridTransform& grid_transform(const Frequency& frequency, const SeverityGrid& grid,
                                    const GridKey& key, std::size_t n, RiskWorkspace& workspace) {
  const double prob = plain_negative_binomial(frequency) ? frequency.prob() : 0.0;
  auto id = std::make_tuple(key, n, prob);
  if (auto found = workspace.transforms.find(id); found != workspace.transforms.end())
    return found->second;
  auto& fft = workspace.ffts.at_least(n);
  double* x = fft.real();
  std::fill(x, x + n, 0.0);
  // x_j mod n += f_j, in the order of j (a grid longer than n folds onto it).
  for (std::size_t from = 0; from < grid.pmf.size(); from += n) {
    const std::size_t to = std::min(grid.pmf.size(), from + n);
    for (std::size_t j = from; j < to; ++j)
      x[j - from] += grid.pmf[j];
  }
  fft.forward();
  GridTransform made;
  const std::size_t bins = n / 2 + 1;
  made.spectrum.assign(fft.spectrum(), fft.spectrum() + bins);
  if (prob > 0) {
    const double q = 1 - prob;
    const double log_p = std::log(prob);
    made.log_terms.resize(bins);
    made.angles.resize(bins);
    for (std::size_t k = 0; k < bins; ++k) {
      const std::complex<double> z = made.spectrum[k];
      const std::complex<double> w(1 - q * z.real(), -q * z.imag());
      made.log_terms[k] = log_p - 0.5 * std::log(std::norm(w));
      made.angles[k] = std::atan2(w.imag(), w.real());
    }
  }
  if (workspace.cached_bins + bins > kMaxCachedBins) {
    workspace.transforms.clear();
    workspace.cached_bins = 0;
  }
  workspace.cached_bins += bins;
  return workspace.transforms.emplace(std::move(id), std::move(made)).first->second;
}

// pgf() of a plain negative binomial at bin k of a cached transform.
std::complex<double> pgf_negative_binomial(const Frequency& frequency,
                                           const GridTransform& transform, std::size_t k) {
  constexpr double kUnderflow = -745;
  const double r = frequency.size();
  const double log_modulus = r * transform.log_terms[k];
  if (log_modulus < kUnderflow) return {0.0, 0.0};
  return std::polar(std::exp(log_modulus), -r * transform.angles[k]);
}

// The compound of `frequency` and `grid` (mass 1) by FFT on a window [first, first + width)
// chosen from the moments (cheap, unlike the Chernoff search of compound_fft, whose cost grows
// with the severity grid times the tilts tried), its period lengthened until a Chernoff bound
// proves at most kAlias folds back into it. No exponential tilt: the noise of the transform
// stays at rounding level instead of being magnified in the tail.
//
// Ends below the noise floor are trimmed and the kept knots rescaled to the compound's whole
// mass P_N(1) = 1, which also undoes the clamping of negative noise and the rounding of the
// transformed mass; the trimmed signed sum (the ends' true mass plus noise that averages out)
// is added to `misplaced`, the probability the result holds only approximately.
//
// `raw`: the whole period, signed, untrimmed: a part that will be convolved with itself
// thousands of times keeps its noise (which averages out in the convolutions) rather than
// lose the true mass below it at its ends thousands of times over.
AggregateDistribution compound_on_window(const Frequency& frequency, const SeverityGrid& grid,
                                         const std::vector<std::pair<double, double>>& tilts,
                                         const std::array<double, 3>& g, const GridKey& key,
                                         RiskWorkspace& workspace, double& misplaced,
                                         double alias_budget, bool raw = false) {
  FftPool& pool = workspace.ffts;
  const double h = grid.step;
  const auto m = compound_moments(frequency, g[0], g[1], g[2]);
  const double lo = std::max(0.0, std::floor(m.mean - kWindowSds * m.sd()));
  const double hi = std::ceil(m.mean + kWindowSds * m.sd()) + static_cast<double>(grid.pmf.size());
  const auto first = static_cast<std::int64_t>(lo);
  const auto width = static_cast<std::size_t>(hi - lo) + 1;
  // A transform at least as long as the window, lengthened until Chernoff's bound proves at most
  // kAlias beyond its period: the cyclic wrap brings into the window only the mass below first
  // (at most 1e-43) and at or beyond first + n, which is counted as misplaced.
  std::size_t length = pool.at_least(width).size();
  double alias = chernoff_tail(frequency, tilts, lo + static_cast<double>(length));
  while (alias > alias_budget) {
    if (length >= (std::size_t{1} << 28))
      throw UsageError(
          fmt::format("a compound of {:.4g} expected cases spans more than 2^28 grid "
                      "steps",
                      frequency.mean()));
    length *= 2;
    alias = chernoff_tail(frequency, tilts, lo + static_cast<double>(length));
  }
  misplaced += alias;
  const double end = chernoff_end(frequency, tilts, alias_budget);
  auto& fft = pool.at_least(length);
  const std::size_t n = fft.size();
  double* x = fft.real();
  const GridTransform& transform = grid_transform(frequency, grid, key, n, workspace);
  const std::complex<double>* phi = transform.spectrum.data();
  auto* spectrum = fft.spectrum();
  // Few events: the transform carries only P_N(φ) − P(N = 0) − P(N = 1)·φ, the cost given two
  // cases or more, and the first two terms are added back exactly below.
  const bool few = frequency.mean() <= kFewEvents && first == 0;
  const double p0 = few ? frequency.pmf(0) : 0.0;
  const double p1 = few ? frequency.pmf(1) : 0.0;
  const bool nb = !transform.log_terms.empty();
  for (std::size_t k = 0; k <= n / 2; ++k) {
    const std::complex<double> value =
        nb ? pgf_negative_binomial(frequency, transform, k) : pgf(frequency, phi[k]);
    spectrum[k] = few ? value - p0 - p1 * phi[k] : value;
  }
  fft.backward();
  const std::size_t span = length;
  // x[(first + i) mod n], without a division per knot.
  const std::size_t start = static_cast<std::size_t>(first) % n;
  const auto value = [&](std::size_t i) {
    const std::size_t at = start + i;
    return x[at < n ? at : at - n];
  };
  if (raw && !few) {
    // Only the knots that can hold more than kAlias each side: below E S − 8 sd (sub-Gaussian,
    // e^{-32}) and beyond the Chernoff end there is rounding noise alone, which the thousands of
    // convolutions ahead would carry along.
    const double left = std::max(lo, std::floor(m.mean - 8 * m.sd()));
    const double right =
        std::min(lo + static_cast<double>(span) - 1, std::isfinite(end) ? std::ceil(end) : hi);
    const auto from = static_cast<std::size_t>(left - lo);
    const auto to = static_cast<std::size_t>(std::max(left, right) - lo) + 1;
    AggregateDistribution out{h, first + static_cast<std::int64_t>(from),
                              std::vector<double>(to - from), "fft"};
    for (std::size_t i = from; i < to; ++i)
      out.pmf[i - from] = value(i);
    return out;
  }
  // The rounding noise of the transform, measured: true probabilities are >= 0, so the most
  // negative value shows the noise's amplitude (it is about the same on every knot). Values at
  // the ends below twice that are noise (kept, clamped at 0, they would add spurious mass far
  // out in the tails) and are dropped.
  double noise = 0;
  for (std::size_t i = 0; i < span; ++i)
    noise = std::max(noise, -value(i));
  const double floor = 2 * noise;
  std::size_t lo_keep = 0;
  while (lo_keep + 1 < span && value(lo_keep) < floor)
    ++lo_keep;
  std::size_t hi_keep = span;
  while (hi_keep > lo_keep + 1 && value(hi_keep - 1) < floor)
    --hi_keep;
  double dropped = 0;
  for (std::size_t i = 0; i < lo_keep; ++i)
    dropped += value(i);
  for (std::size_t i = hi_keep; i < span; ++i)
    dropped += value(i);
  // The rest (two cases or more) on the kept knots, rescaled to its exact mass.
  std::vector<double> rest(hi_keep - lo_keep);
  for (std::size_t i = lo_keep; i < hi_keep; ++i)
    rest[i - lo_keep] = std::max(0.0, value(i));
  const double kept = compensated_sum(rest);
  const double mass = 1 - p0 - p1;
  if (kept > 0)
    for (auto& p : rest)
      p *= mass / kept;
  misplaced += std::clamp(dropped, 0.0, 1.0);
  AggregateDistribution out;
  out.step = h;
  out.method = "fft";
  if (!few) {
    out.first = first + static_cast<std::int64_t>(lo_keep);
    out.pmf = std::move(rest);
    return out;
  }
  out.first = 0;
  out.pmf.assign(std::max(grid.pmf.size(), hi_keep), 0.0);
  out.pmf[0] += p0;
  for (std::size_t j = 0; j < grid.pmf.size(); ++j)
    out.pmf[j] += p1 * grid.pmf[j];
  for (std::size_t i = lo_keep; i < hi_keep; ++i)
    out.pmf[i] += rest[i - lo_keep];
  return out;
}

// Trims the ends of `d` whose cumulative mass is at most `trim`, rescales the kept knots to carry
// `mass` and returns the mass trimmed.
double trim_and_rescale(AggregateDistribution& d, double trim, double mass) {
  std::size_t lo = 0;
  double cut_lo = 0;
  while (lo + 1 < d.pmf.size() && cut_lo + d.pmf[lo] <= trim)
    cut_lo += d.pmf[lo++];
  std::size_t hi = d.pmf.size();
  double cut_hi = 0;
  while (hi > lo + 1 && cut_hi + d.pmf[hi - 1] <= trim)
    cut_hi += d.pmf[--hi];
  if (lo > 0 || hi < d.pmf.size()) {
    d.pmf = std::vector<double>(d.pmf.begin() + static_cast<std::ptrdiff_t>(lo),
                                d.pmf.begin() + static_cast<std::ptrdiff_t>(hi));
    d.first += static_cast<std::int64_t>(lo);
  }
  const double kept = compensated_sum(d.pmf);
  if (kept > 0)
    for (auto& p : d.pmf)
      p *= mass / kept;
  return cut_lo + cut_hi;
}

// A + B of two signed (noisy) distributions on the same step, neither clamped nor trimmed.
AggregateDistribution convolve_signed(const AggregateDistribution& a,
                                      const AggregateDistribution& b, FftPool& pool) {
  const std::size_t size = a.size() + b.size() - 1;
  auto& fft = pool.at_least(size);
  const std::size_t n = fft.size();
  double* x = fft.real();
  std::fill(x, x + n, 0.0);
  std::copy(a.pmf.begin(), a.pmf.end(), x);
  fft.forward();
  std::vector<std::complex<double>> spectrum_a(fft.spectrum(), fft.spectrum() + n / 2 + 1);
  if (&a != &b) {
    std::fill(x, x + n, 0.0);
    std::copy(b.pmf.begin(), b.pmf.end(), x);
    fft.forward();
  }
  auto* spectrum = fft.spectrum();
  for (std::size_t k = 0; k <= n / 2; ++k)
    spectrum[k] *= spectrum_a[k];
  fft.backward();
  return AggregateDistribution{a.step, a.first + b.first, std::vector<double>(x, x + size),
                               a.method};
}

// u >= 0 with Bennett's bound exp(−(v/b²)·((1 + ub/v) ln(1 + ub/v) − ub/v)) <= tail on
// P(Σ (Y_i − μ) >= u) for independent Y_i − μ <= b with Σ Var Y_i = v.
double bennett_deviation(double v, double b, double tail) {
  if (!(v > 0)) return 0;
  if (!(b > 0)) return std::sqrt(2 * v * std::log(1 / tail));
  const double target = std::log(1 / tail);
  const auto exponent = [&](double u) {
    const double r = u * b / v;
    return v / (b * b) * ((1 + r) * std::log1p(r) - r);
  };
  double hi = std::sqrt(2 * v * target) + b;
  while (exponent(hi) < target)
    hi *= 2;
  double lo = 0;
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    (exponent(mid) < target ? lo : hi) = mid;
  }
  return hi;
}

// The signed part `a` (knots [a.first, a.first + size), all of its mass) convolved with itself
// `times` (>= 1) times by repeated squaring, each partial sum of k copies kept on the knots where
// Bennett's bound leaves at most kAlias beyond either end (the part's deviations from its mean
// are bounded by the ends of its knots); neither clamped nor trimmed in between.
AggregateDistribution power_signed(const AggregateDistribution& a, std::uint64_t times,
                                   FftPool& pool) {
  double mass = 0;
  double mean = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    mass += a.pmf[i];
    mean += static_cast<double>(a.first + static_cast<std::int64_t>(i)) * a.pmf[i];
  }
  mean /= mass;
  double variance = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double d = static_cast<double>(a.first + static_cast<std::int64_t>(i)) - mean;
    variance += d * d * a.pmf[i];
  }
  variance = std::max(0.0, variance / mass);
  const double up = static_cast<double>(a.first) + static_cast<double>(a.size() - 1) - mean;
  const double down = mean - static_cast<double>(a.first);
  const auto fit = [&](AggregateDistribution d, std::uint64_t copies) {
    const double k = static_cast<double>(copies);
    const double centre = k * mean;
    GridWindow window;
    window.first = static_cast<std::int64_t>(
        std::floor(centre - bennett_deviation(k * variance, down, kAlias)));
    window.end =
        static_cast<std::int64_t>(std::ceil(centre + bennett_deviation(k * variance, up, kAlias))) +
        1;
    window.first = std::max(window.first, d.first);
    window.end = std::min(window.end, d.first + static_cast<std::int64_t>(d.size()));
    return window.end > window.first ? restrict_to(d, window) : d;
  };
  AggregateDistribution base = a;
  std::uint64_t base_copies = 1;
  AggregateDistribution result;
  std::uint64_t result_copies = 0;
  while (times > 0) {
    if (times & 1) {
      result_copies += base_copies;
      result = result_copies == base_copies
                   ? base
                   : fit(convolve_signed(result, base, pool), result_copies);
    }
    times >>= 1;
    if (times > 0) {
      base_copies *= 2;
      base = fit(convolve_signed(base, base, pool), base_copies);
    }
  }
  return result;
}

// A signed distribution made proper: negative noise clamped, the ends whose cumulative mass is
// at most `trim` dropped, the rest rescaled to `mass`; what the clamping and trimming moved is
// added to `misplaced`.
void make_proper(AggregateDistribution& d, double trim, double mass, double& misplaced) {
  double negative = 0;
  for (auto& p : d.pmf)
    if (p < 0) {
      negative -= p;
      p = 0;
    }
  misplaced += negative + trim_and_rescale(d, trim, mass);
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

AggregateDistribution convolve_accounted(const AggregateDistribution& a,
                                         const AggregateDistribution& b, double trim, FftPool& pool,
                                         double& misplaced) {
  const double mass = compensated_sum(a.pmf) * compensated_sum(b.pmf);
  auto out = convolve_pooled(a, b, 0.0, pool);
  misplaced += trim_and_rescale(out, trim, mass);
  return out;
}

AggregateDistribution component_on_grid(const CostComponent& c, double step,
                                        const GridSettings& settings, ComponentErrors& errors,
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
  const double cut = severity_cut(c.severity, h, c.frequency.mean(), settings);
  // Keyed by the cut too (not "the longest so far"): a holder's grid must not depend on which
  // holders the same worker computed before it.
  GridKey key{c.severity.identity(), h, cut, static_cast<int>(CaseLayer::whole), 0.0};
  // Bounded caches (the tiny holders' grids run to millions of knots): when full they are
  // emptied, which changes the time taken, never a result.
  const auto make_room = [&](std::size_t size) {
    if (workspace.cached_knots + size > kMaxCachedKnots) {
      workspace.grids.clear();
      workspace.layers.clear();
      workspace.cached_knots = 0;
    }
    workspace.cached_knots += size;
  };
  auto slot = workspace.grids.find(key);
  if (slot == workspace.grids.end()) {
    auto made = cut_severity(c.severity, h, cut);
    made.tilts = severity_tilts(made.grid);
    made.moments = step_moments(made.grid);
    make_room(made.grid.pmf.size());
    slot = workspace.grids.emplace(key, std::move(made)).first;
  }
  // A copy: emptying the caches for a layer below must not leave it dangling.
  const double whole_cut = slot->second.cut;
  const double whole_tail = slot->second.tail;
  const double collapsed_variance = slot->second.collapsed_variance;
  const SeverityGrid* grid = &slot->second.grid;
  const std::vector<std::pair<double, double>>* tilts = &slot->second.tilts;
  const std::array<double, 3>* moments = &slot->second.moments;
  if (c.layer != CaseLayer::whole) {
    GridKey layer_key = key;
    layer_key.layer = static_cast<int>(c.layer);
    layer_key.threshold = c.threshold;
    auto layer = workspace.layers.find(layer_key);
    if (layer == workspace.layers.end()) {
      LayerGrid made;
      made.grid = split_grid(slot->second.grid, c.layer, c.threshold);
      if (c.layer == CaseLayer::excess) {
        // Thin by the grid's own P(excess > 0), so that thinning and grid agree exactly.
        made.above = 1 - made.grid.pmf[0];
        if (made.above > 0) {
          made.grid.pmf[0] = 0;
          for (auto& p : made.grid.pmf)
            p /= made.above;
        }
      }
      made.tilts = severity_tilts(made.grid);
      made.moments = step_moments(made.grid);
      make_room(made.grid.pmf.size());
      layer = workspace.layers.emplace(layer_key, std::move(made)).first;
    }
    key = std::move(layer_key);
    grid = &layer->second.grid;
    tilts = &layer->second.tilts;
    moments = &layer->second.moments;
    if (c.layer == CaseLayer::excess) {
      const double pi = layer->second.above;
      if (!(pi > 0)) return AggregateDistribution{step, 0, {1.0}, "exact"};
      if (count.kind() == FrequencyKind::poisson) {
        count = Frequency::poisson(count.lambda() * pi);
      } else if (count.kind() == FrequencyKind::negative_binomial) {
        const double p = count.prob();
        count = Frequency::negative_binomial(count.size(), p / (p + pi * (1 - p)));
      } else {
        throw UsageError(c.name + ": a high-cost pool needs a Poisson or negative binomial count");
      }
    }
  }
  // The retained layer min(X, T) keeps no part of the tail beyond a cut above T. Cases beyond
  // the cut have their exact mass and moments but not their shape: up to E N·S(M) of
  // probability is misplaced.
  if (!(c.layer == CaseLayer::retained && c.threshold <= whole_cut)) {
    errors.variance_deficit += c.frequency.mean() * collapsed_variance;
    errors.misplaced += c.frequency.mean() * whole_tail;
  }
  const Frequency part = parts > 1 ? count.divided(static_cast<double>(parts)) : count;
  double misplaced = 0;
  double part_misplaced = 0;
  auto compound =
      regrid(compound_on_window(part, *grid, *tilts, *moments, key, workspace, part_misplaced,
                                kAlias / static_cast<double>(parts), parts > 1),
             middle);
  misplaced += static_cast<double>(parts) * part_misplaced;
  errors.variance_error_bound +=
      events * h * h / 4 + static_cast<double>(parts) * middle * middle / 4;
  if (parts > 1) {
    compound = power_signed(compound, parts, pool);
    make_proper(compound, kTrim, 1.0, misplaced);
    compound = regrid(compound, step);
    errors.variance_error_bound += step * step / 4;
  }
  errors.misplaced += misplaced;
  return compound;
}

double expected_cost(const std::vector<CostComponent>& components) {
  double mean = 0;
  for (const auto& c : components)
    mean += c.frequency.mean() * case_moment(c, 1);
  return mean;
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
  ComponentErrors errors;
  std::vector<AggregateDistribution> parts;
  for (const auto& c : components) {
    // A component that costs nothing: no events, or (almost) no case above a pool's threshold.
    // Below 1e-12 of the total it is left out, its mean counted as mass beyond the grid.
    const double mean = c.frequency.mean() * case_moment(c, 1);
    if (c.frequency.mean() <= 0 || !(mean > 1e-12 * out.exact_mean)) continue;
    parts.push_back(component_on_grid(c, step, settings, errors, shared));
  }
  // Shortest first: a heavy tail's long grid then takes part in one convolution, not all.
  std::stable_sort(parts.begin(), parts.end(),
                   [](const auto& a, const auto& b) { return a.size() < b.size(); });
  for (std::size_t i = 0; i < parts.size(); ++i)
    out.distribution = i == 0 ? std::move(parts[i])
                              : convolve_accounted(out.distribution, parts[i], kTrim, shared.ffts,
                                                   errors.misplaced);
  if (parts.empty()) out.distribution = AggregateDistribution{step, 0, {1.0}, "exact"};
  out.distribution.method = "fft+regrid";
  shared.ffts.release_above(kKeptFftLength);
  out.variance_error_bound = errors.variance_error_bound;
  out.variance_deficit = errors.variance_deficit;
  out.misplaced = errors.misplaced;
  return out;
}

}  // namespace pco

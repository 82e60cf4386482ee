// Panjer's recursion, split into parts when P(S = 0) would underflow (actuar's limit near
// λ = 700): each part starts from a representable P(S = 0) and the parts are convolved back.
#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "risk/aggregate.hpp"

namespace pco {

namespace {

// log P(S = 0) of a part must stay above this (e^{-600} ≈ 1e-261, far from underflow).
constexpr double kLogP0Floor = -600.0;

// f_S(x) = Σ_{y=1}^{min(x, m)} (a + b y / x) f_y f_S(x - y) / (1 - a f_0), on knots [0, n).
AggregateDistribution panjer(const Frequency& frequency, const SeverityGrid& severity,
                             std::size_t n) {
  const auto ab = *frequency.panjer_ab();
  const auto& f = severity.pmf;
  AggregateDistribution d;
  d.step = severity.step;
  d.method = "recursive";
  d.pmf.assign(n, 0.0);
  d.pmf[0] = std::exp(frequency.log_pgf(f[0]));
  const double denominator = 1 - ab.a * f[0];
  std::vector<double> yf(f.size());
  for (std::size_t y = 0; y < f.size(); ++y)
    yf[y] = static_cast<double>(y) * f[y];
  for (std::size_t x = 1; x < n; ++x) {
    const std::size_t top = std::min(x, f.size() - 1);
    double plain = 0;
    double weighted = 0;
    for (std::size_t y = 1; y <= top; ++y) {
      const double g = d.pmf[x - y];
      plain += f[y] * g;
      weighted += yf[y] * g;
    }
    d.pmf[x] = (ab.a * plain + ab.b * weighted / static_cast<double>(x)) / denominator;
  }
  return d;
}

AggregateDistribution recurse_part(const Frequency& part, const SeverityGrid& severity,
                                   double tail) {
  const auto window = aggregate_window(part, severity, tail);
  return panjer(part, severity, static_cast<std::size_t>(window.end));
}

// The unmodified compound, split into parts when P(S = 0) is too small to start from.
AggregateDistribution unmodified_compound(const Frequency& base, const SeverityGrid& severity,
                                          double tail) {
  const double part_tail = tail * 1e-3;
  if (base.kind() == FrequencyKind::binomial && base.prob() >= 1) {
    // N is the constant `size`: S is the size-fold convolution of the severity.
    const AggregateDistribution x{severity.step, 0, severity.pmf, "recursive"};
    return convolution_power(x, static_cast<std::uint64_t>(base.size()));
  }
  const double log_p0 = base.log_pgf(severity.pmf[0]);
  if (log_p0 >= kLogP0Floor) return recurse_part(base, severity, tail);
  if (base.kind() == FrequencyKind::binomial) {
    // Bin(n, p) = Bin(m, p)^{*q} * Bin(r, p) with n = q m + r and each piece recursable.
    const double n = base.size();
    const double m = std::max(1.0, std::floor(n * kLogP0Floor / log_p0));
    const auto q = static_cast<std::uint64_t>(std::floor(n / m));
    const double r = n - static_cast<double>(q) * m;
    auto result = convolution_power(
        recurse_part(Frequency::binomial(m, base.prob()), severity, part_tail), q);
    if (r > 0)
      result =
          convolve(result, recurse_part(Frequency::binomial(r, base.prob()), severity, part_tail));
    return result;
  }
  // Poisson and negative binomial are infinitely divisible: λ / 2^k, size / 2^k.
  const int k = static_cast<int>(std::ceil(std::log2(log_p0 / kLogP0Floor)));
  const double parts = std::ldexp(1.0, k);
  return convolution_power(recurse_part(base.divided(parts), severity, part_tail),
                           static_cast<std::uint64_t>(parts));
}

}  // namespace

AggregateDistribution compound_recursive(const Frequency& frequency, const SeverityGrid& severity,
                                         double tail) {
  const Frequency base = frequency.unmodified();
  if (!base.panjer_ab() && !(base.kind() == FrequencyKind::binomial && base.prob() >= 1))
    throw UsageError(
        "the recursive method needs a poisson, negbin or binomial frequency (or its "
        "zero-modified form); use --method fft");
  const GridWindow window = aggregate_window(frequency, severity, tail);
  const AggregateDistribution s = unmodified_compound(base, severity, tail);

  // Zero modification: f^M = p0^M δ_0 + c (f_S - p0 δ_0), c = (1 - p0^M) / (1 - p0).
  const double c = frequency.zero_modified_scale();
  const double shift = frequency.zero_modified_p0() - c * std::exp(base.log_pgf(0.0));
  AggregateDistribution result;
  result.step = severity.step;
  result.first = window.first;
  result.method = "recursive";
  result.pmf.assign(static_cast<std::size_t>(window.end - window.first), 0.0);
  for (std::size_t i = 0; i < result.pmf.size(); ++i) {
    const std::int64_t knot = window.first + static_cast<std::int64_t>(i);
    const std::int64_t at = knot - s.first;
    double value = 0 <= at && at < static_cast<std::int64_t>(s.pmf.size())
                       ? c * s.pmf[static_cast<std::size_t>(at)]
                       : 0.0;
    if (knot == 0 && frequency.is_zero_modified()) value += shift;
    result.pmf[i] = std::max(0.0, value);
  }
  return result;
}

}  // namespace pco

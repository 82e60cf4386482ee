#include "core/random.hpp"

#include <cmath>
#include <numbers>

namespace pco {

namespace {
__extension__ using Uint128 = unsigned __int128;
}  // namespace

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  key_[0] = seed;
  key_[1] = a;
  counter_[0] = 0;
  counter_[1] = b;
  counter_[2] = c;
  counter_[3] = 0;
}

void RandomStream::refill() {
  block_ = generator_(counter_, key_);
  ++counter_[0];
  used_ = 0;
}

void RandomStream::next_u64s(std::uint64_t* out, std::size_t n) {
  std::size_t i = 0;
  for (; i < n && used_ < 4; ++i)
    out[i] = block_[static_cast<std::size_t>(used_++)];
  // Whole blocks straight into the output; counters are consecutive as in refill().
  for (; i + 4 <= n; i += 4) {
    const auto block = generator_(counter_, key_);
    ++counter_[0];
    for (std::size_t k = 0; k < 4; ++k)
      out[i + k] = block[k];
  }
  for (; i < n; ++i)
    out[i] = next_u64();
}

std::uint64_t RandomStream::below(std::uint64_t n) {
  // Lemire's method with rejection keeps every value equally likely.
  while (true) {
    const auto x = next_u64();
    const auto m = static_cast<Uint128>(x) * n;
    const auto low = static_cast<std::uint64_t>(m);
    if (low >= n || low >= (0 - n) % n) return static_cast<std::uint64_t>(m >> 64);
  }
}

double normal_quantile(double p) {
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double p_low = 0.02425;
  double x;
  if (p < p_low) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - p_low) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // One Halley step against the exact CDF.
  const double e = 0.5 * std::erfc(-x / std::numbers::sqrt2) - p;
  const double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

double RandomStream::normal() {
  return normal_quantile(uniform());
}

double RandomStream::lognormal(double meanlog, double sdlog) {
  return std::exp(normal(meanlog, sdlog));
}

double RandomStream::exponential(double rate) {
  return -std::log(uniform()) / rate;
}

double RandomStream::gamma(double shape, double scale) {
  if (shape < 1) {
    // Gamma(a) = Gamma(a + 1) * U^(1/a).
    const double boost = std::pow(uniform(), 1.0 / shape);
    return gamma(shape + 1, scale) * boost;
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9 * d);
  while (true) {
    double x, v;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
    if (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v * scale;
  }
}

}  // namespace pco

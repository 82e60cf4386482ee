#include <algorithm>
#include <cmath>

#include "risk/aggregate.hpp"
#include "risk/fft.hpp"

namespace pco {

namespace {

constexpr std::size_t kDirectLimit = 48;

void trim_tails(AggregateDistribution& d, double trim) {
  std::size_t lo = 0;
  double cumulative = 0;
  while (lo + 1 < d.pmf.size() && cumulative + d.pmf[lo] <= trim)
    cumulative += d.pmf[lo++];
  std::size_t hi = d.pmf.size();
  cumulative = 0;
  while (hi > lo + 1 && cumulative + d.pmf[hi - 1] <= trim)
    cumulative += d.pmf[--hi];
  if (lo > 0 || hi < d.pmf.size()) {
    d.pmf = std::vector<double>(d.pmf.begin() + static_cast<std::ptrdiff_t>(lo),
                                d.pmf.begin() + static_cast<std::ptrdiff_t>(hi));
    d.first += static_cast<std::int64_t>(lo);
  }
}

}  // namespace

AggregateDistribution convolve(const AggregateDistribution& a, const AggregateDistribution& b,
                               double trim) {
  AggregateDistribution result;
  result.step = a.step;
  result.first = a.first + b.first;
  result.method = a.method;
  const std::size_t na = a.pmf.size();
  const std::size_t nb = b.pmf.size();
  const std::size_t n = na + nb - 1;
  if (std::min(na, nb) <= kDirectLimit) {
    result.pmf.assign(n, 0.0);
    for (std::size_t i = 0; i < na; ++i)
      for (std::size_t j = 0; j < nb; ++j)
        result.pmf[i + j] += a.pmf[i] * b.pmf[j];
  } else {
    RealFft fft(fast_fft_size(n));
    const std::size_t size = fft.size();
    const std::size_t bins = size / 2 + 1;
    double* x = fft.real();
    std::fill(x, x + size, 0.0);
    std::copy(a.pmf.begin(), a.pmf.end(), x);
    fft.forward();
    std::vector<std::complex<double>> spectrum_a(fft.spectrum(), fft.spectrum() + bins);
    if (&a != &b) {
      std::fill(x, x + size, 0.0);
      std::copy(b.pmf.begin(), b.pmf.end(), x);
      fft.forward();
    }
    auto* spectrum = fft.spectrum();
    for (std::size_t k = 0; k < bins; ++k)
      spectrum[k] *= spectrum_a[k];
    fft.backward();
    result.pmf.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      result.pmf[i] = std::max(0.0, x[i]);
  }
  trim_tails(result, trim);
  return result;
}

AggregateDistribution convolution_power(const AggregateDistribution& a, std::uint64_t times,
                                        double trim) {
  if (times == 0) return AggregateDistribution{a.step, 0, {1.0}, a.method};
  AggregateDistribution base = a;
  AggregateDistribution result;
  bool have = false;
  while (times > 0) {
    if (times & 1) {
      result = have ? convolve(result, base, trim) : base;
      have = true;
    }
    times >>= 1;
    if (times > 0) base = convolve(base, base, trim);
  }
  return result;
}

}  // namespace pco

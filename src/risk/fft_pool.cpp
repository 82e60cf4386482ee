#include "risk/fft_pool.hpp"

#include <algorithm>

namespace pco {

namespace {

constexpr std::size_t kDirectLimit = 48;

void trim_ends(AggregateDistribution& d, double trim) {
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

RealFft& FftPool::at_least(std::size_t n) {
  std::size_t size = 64;
  while (size < n)
    size *= 2;
  auto& slot = ffts_[size];
  if (!slot) slot = std::make_unique<RealFft>(size);
  return *slot;
}

AggregateDistribution convolve_pooled(const AggregateDistribution& a,
                                      const AggregateDistribution& b, double trim, FftPool& pool) {
  AggregateDistribution out;
  out.step = a.step;
  out.first = a.first + b.first;
  out.method = a.method;
  const std::size_t na = a.pmf.size();
  const std::size_t nb = b.pmf.size();
  const std::size_t n = na + nb - 1;
  if (std::min(na, nb) <= kDirectLimit) {
    out.pmf.assign(n, 0.0);
    for (std::size_t i = 0; i < na; ++i)
      for (std::size_t j = 0; j < nb; ++j)
        out.pmf[i + j] += a.pmf[i] * b.pmf[j];
  } else {
    auto& fft = pool.at_least(n);
    const std::size_t size = fft.size();
    const std::size_t bins = size / 2 + 1;
    double* x = fft.real();
    std::fill(x, x + size, 0.0);
    std::copy(a.pmf.begin(), a.pmf.end(), x);
    fft.forward();
    std::vector<std::complex<double>> first(fft.spectrum(), fft.spectrum() + bins);
    std::fill(x, x + size, 0.0);
    std::copy(b.pmf.begin(), b.pmf.end(), x);
    fft.forward();
    auto* spectrum = fft.spectrum();
    for (std::size_t k = 0; k < bins; ++k)
      spectrum[k] *= first[k];
    fft.backward();
    out.pmf.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      out.pmf[i] = std::max(0.0, x[i]);
  }
  trim_ends(out, trim);
  return out;
}

AggregateDistribution convolution_power_pooled(const AggregateDistribution& a, std::uint64_t times,
                                               double trim, FftPool& pool) {
  AggregateDistribution base = a;
  AggregateDistribution result;
  bool have = false;
  while (times > 0) {
    if (times & 1) {
      result = have ? convolve_pooled(result, base, trim, pool) : base;
      have = true;
    }
    times >>= 1;
    if (times > 0) base = convolve_pooled(base, base, trim, pool);
  }
  return result;
}

}  // namespace pco

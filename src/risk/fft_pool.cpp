#include "risk/fft_pool.hpp"

#include <algorithm>

namespace pco {

namespace {

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

void FftPool::release_above(std::size_t n) {
  ffts_.erase(ffts_.upper_bound(n), ffts_.end());
}

AggregateDistribution convolve_pooled(const AggregateDistribution& a,
                                      const AggregateDistribution& b, double trim, FftPool& pool) {
  auto out = convolve(a, b, [&pool](std::size_t n) -> RealFft& { return pool.at_least(n); });
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

#include <algorithm>
#include <cmath>
#include <optional>

#include "risk/aggregate.hpp"
#include "risk/fft.hpp"

namespace pco {

namespace {

constexpr std::size_t kDirectLimit = 48;

}  // namespace

AggregateDistribution restrict_to(const AggregateDistribution& d, const GridWindow& window) {
  AggregateDistribution result;
  result.step = d.step;
  result.method = d.method;
  result.first = window.first;
  result.pmf.assign(static_cast<std::size_t>(window.end - window.first), 0.0);
  for (std::size_t i = 0; i < result.pmf.size(); ++i) {
    const std::int64_t at = window.first + static_cast<std::int64_t>(i) - d.first;
    if (0 <= at && at < static_cast<std::int64_t>(d.size()))
      result.pmf[i] = d.pmf[static_cast<std::size_t>(at)];
  }
  return result;
}

AggregateDistribution convolve(const AggregateDistribution& a, const AggregateDistribution& b,
                               const std::function<RealFft&(std::size_t)>& transform_of) {
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
    return result;
  }
  RealFft& fft = transform_of(n);
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
  return result;
}

AggregateDistribution convolve(const AggregateDistribution& a, const AggregateDistribution& b) {
  std::optional<RealFft> fft;
  return convolve(a, b,
                  [&fft](std::size_t n) -> RealFft& { return fft.emplace(fast_fft_size(n)); });
}

AggregateDistribution convolution_power(const AggregateDistribution& a, std::uint64_t times,
                                        const std::function<GridWindow(std::uint64_t)>& window_of) {
  if (times == 0) return AggregateDistribution{a.step, 0, {1.0}, a.method};
  const auto fit = [&](AggregateDistribution d, std::uint64_t copies) {
    return window_of ? restrict_to(d, window_of(copies)) : d;
  };
  AggregateDistribution base = a;
  std::uint64_t base_copies = 1;
  AggregateDistribution result;
  std::uint64_t result_copies = 0;
  while (times > 0) {
    if (times & 1) {
      result_copies += base_copies;
      result = result_copies == base_copies ? base : fit(convolve(result, base), result_copies);
    }
    times >>= 1;
    if (times > 0) {
      base_copies *= 2;
      base = fit(convolve(base, base), base_copies);
    }
  }
  return result;
}

}  // namespace pco

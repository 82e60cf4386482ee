// The compound distribution by FFT: the DFT of the severity pmf evaluates its generating
// function at the N-th roots of unity, where the compound's is P_N of it.
#include <algorithm>
#include <cmath>

#include "risk/aggregate.hpp"
#include "risk/fft.hpp"

namespace pco {

AggregateDistribution compound_fft(const Frequency& frequency, const SeverityGrid& severity,
                                   const FftOptions& options) {
  const GridWindow window = aggregate_window(frequency, severity, options.tail);
  const auto width = static_cast<std::size_t>(window.end - window.first);
  // Padding to twice the window leaves only mass beyond first + N to alias back, and the tilt
  // damps it by a further e^{-θN}. A window away from 0 is not tilted: untilting would magnify
  // the (bounded, 1e-25) mass below it instead.
  // One transform, planned for this call alone: a size that plans fast (risk/fft.hpp).
  RealFft fft(one_shot_fft_size(std::max<std::size_t>(2 * width, 64)));
  const std::size_t n = fft.size();
  const double theta = window.first == 0 ? options.tilt / static_cast<double>(n) : 0.0;

  double* x = fft.real();
  std::fill(x, x + n, 0.0);
  // Without a tilt the factors e^{∓θj} are exactly 1: skip their exp.
  for (std::size_t j = 0; j < severity.pmf.size(); ++j)
    if (severity.pmf[j] != 0)
      x[j % n] += theta == 0 ? severity.pmf[j]
                             : severity.pmf[j] * std::exp(-theta * static_cast<double>(j));
  fft.forward();
  auto* spectrum = fft.spectrum();
  // |P(φ)| <= P(|φ|) for a generating function with non-negative coefficients, and exp
  // underflows to exactly 0 below e^-745.2: where the real bound is under e^-750 the bin's
  // value is 0 and its complex log and exp are skipped. For large counts that is most bins
  // (Poisson 20,000: nine in ten). A general count's real pgf is a sum, no cheaper: no skip.
  constexpr double kUnderflow = -750;
  const bool bounded = frequency.kind() != FrequencyKind::general;
  for (std::size_t k = 0; k <= n / 2; ++k) {
    if (bounded && frequency.log_pgf(std::sqrt(std::norm(spectrum[k]))) < kUnderflow)
      spectrum[k] = 0.0;
    else
      spectrum[k] = std::exp(frequency.log_pgf(spectrum[k]));
  }
  fft.backward();

  AggregateDistribution result;
  result.step = severity.step;
  result.first = window.first;
  result.method = "fft";
  result.pmf.resize(width);
  // Knot s sits at s mod n: stepped with a wrap rather than divided per knot.
  std::size_t at = static_cast<std::size_t>(window.first) % n;
  for (std::size_t i = 0; i < width; ++i) {
    const auto s = static_cast<std::size_t>(window.first) + i;
    const double value = theta == 0 ? x[at] : x[at] * std::exp(theta * static_cast<double>(s));
    // Rounding leaves values of order 1e-17 either side of zero where the true mass is ~0.
    result.pmf[i] = std::max(0.0, value);
    if (++at == n) at = 0;
  }
  return result;
}

}  // namespace pco

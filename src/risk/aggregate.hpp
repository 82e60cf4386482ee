#pragma once
// Aggregate (compound) cost distributions S = X_1 + … + X_N on a grid of knots, computed
// exactly by FFT or Panjer recursion, and sums of independent aggregates on a common grid.
// docs/risk.md gives every formula and the error bounds.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "risk/discretize.hpp"
#include "risk/frequency.hpp"

namespace pco {

// The distribution of S on the knots (first + i)·step, i = 0 … pmf.size() - 1. Mass outside
// the knots (below `first`, which the window bounds below 1e-25, and beyond the last knot,
// including severity mass beyond the severity grid) is 1 - Σ pmf and is reported.
struct AggregateDistribution {
  double step = 1;
  std::int64_t first = 0;
  std::vector<double> pmf;
  std::string method;

  std::size_t size() const { return pmf.size(); }
  double knot(std::size_t i) const {
    return static_cast<double>(first + static_cast<std::int64_t>(i)) * step;
  }
  double total() const;
  // 1 - Σ pmf, clamped at 0.
  double mass_beyond_grid() const;
};

// Knots [first, end) (grid units) outside which the aggregate has at most `tail` mass on
// the right and 1e-25 on the left, from Chernoff bounds P(S >= b) <= e^{-tb} E[e^{tS}]
// (P(S <= a) <= e^{ta} E[e^{-tS}] on the left) on the discretised model.
struct GridWindow {
  std::int64_t first = 0;
  std::int64_t end = 1;
};
GridWindow aggregate_window(const Frequency& frequency, const SeverityGrid& severity,
                            double tail = 1e-15);

struct FftOptions {
  double tail = 1e-15;  // right-tail mass allowed beyond the window
  double tilt = 10.0;   // θ·N of the exponential tilting (when the window starts at 0)
};

// FFT of the zero-padded, exponentially tilted severity; P_N applied pointwise; inverted.
AggregateDistribution compound_fft(const Frequency& frequency, const SeverityGrid& severity,
                                   const FftOptions& options = {});

// Panjer recursion for unmodified Poisson, negative binomial and binomial (zero-modified
// forms through P^M = p0^M + c (P - p0)). When P(S = 0) would underflow the model is split
// into parts small enough to recurse on and the result convolved back.
AggregateDistribution compound_recursive(const Frequency& frequency, const SeverityGrid& severity,
                                         double tail = 1e-15);

// The distribution of A + B for independent A and B on the same step (FFT for long inputs,
// whose rounding leaves ~1e-17 absolute on every knot, clamped at 0).
AggregateDistribution convolve(const AggregateDistribution& a, const AggregateDistribution& b);
// As convolve, with the transform (when one is needed) supplied by `transform_of(n)`, which
// returns a transform of at least n points; lets callers reuse planned transforms.
class RealFft;
AggregateDistribution convolve(const AggregateDistribution& a, const AggregateDistribution& b,
                               const std::function<RealFft&(std::size_t)>& transform_of);

// Keeps the knots [window.first, window.end); the rest counts as mass outside the grid.
AggregateDistribution restrict_to(const AggregateDistribution& d, const GridWindow& window);

// A convolved with itself `times` times (times = 0 gives S = 0), by repeated squaring. When
// `window_of` is given, each partial result for k copies is restricted to window_of(k), which
// keeps the work proportional to where the mass is.
AggregateDistribution convolution_power(
    const AggregateDistribution& a, std::uint64_t times,
    const std::function<GridWindow(std::uint64_t)>& window_of = {});

// Moments of the compound on the discretised severity: E[N]E[X], Var N E[X]^2 + E[N] Var X,
// and the third central moment E[N]μ3(X) + 3 Var N E[X] Var X + μ3(N) E[X]^3.
struct CompoundMoments {
  double mean = 0;
  double variance = 0;
  double third_central = 0;
  double sd() const;
  double skewness() const;
};
CompoundMoments compound_moments(const Frequency& frequency, double m1, double m2, double m3);

}  // namespace pco

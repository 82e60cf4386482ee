#pragma once
// Aggregate (compound) cost distributions S = X_1 + … + X_N on a grid of knots, computed
// exactly by FFT or Panjer recursion, and sums of independent aggregates on a common grid.
// docs/risk.md gives every formula and the error bounds.

#include <cstdint>
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

// The distribution of A + B for independent A and B on the same step; knots whose mass lies
// within `trim` of either end (cumulatively) are dropped and count as mass outside the grid.
AggregateDistribution convolve(const AggregateDistribution& a, const AggregateDistribution& b,
                               double trim = 1e-18);

// A convolved with itself `times` times (times >= 1), by repeated squaring.
AggregateDistribution convolution_power(const AggregateDistribution& a, std::uint64_t times,
                                        double trim = 1e-18);

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

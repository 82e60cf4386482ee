#pragma once
// Transforms kept for reuse by size. Planning a transform (even FFTW_ESTIMATE) costs far more
// than running it at the sizes budget holders need, and thousands of holders reuse a few sizes.
// Owned by the caller (no global state); not thread-safe: one pool per thread.
#include <cstddef>
#include <map>
#include <memory>

#include "risk/aggregate.hpp"
#include "risk/fft.hpp"

namespace pco {

class FftPool {
 public:
  // A transform of the smallest power of two >= n (its buffers hold whatever the last use left).
  RealFft& at_least(std::size_t n);
  // Frees the transforms longer than n (a later at_least plans them again, with the same
  // results): the few holders whose grids run to millions of knots need transforms of 2^22 and
  // more, 16 bytes a knot, which the next thousand holders do not.
  void release_above(std::size_t n);

 private:
  std::map<std::size_t, std::unique_ptr<RealFft>> ffts_;
};

// The distribution of A + B (same step, independent), as risk/aggregate.hpp's convolve but on
// pooled transforms; ends whose cumulative mass is at most `trim` are dropped.
AggregateDistribution convolve_pooled(const AggregateDistribution& a,
                                      const AggregateDistribution& b, double trim, FftPool& pool);
// A convolved with itself `times` (>= 1) times, by repeated squaring.
AggregateDistribution convolution_power_pooled(const AggregateDistribution& a, std::uint64_t times,
                                               double trim, FftPool& pool);

}  // namespace pco

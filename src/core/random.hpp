#pragma once
// Reproducible random streams. A stream is keyed by (seed, a, b, c) -- e.g. (seed, replicate,
// entity, stream) -- and draws from Random123's Philox4x64 counter-based generator, so the
// numbers an entity sees do not depend on which thread or process computes it, or in what
// order. Variates are produced by pco's own transforms (not std:: distributions, whose output
// differs between standard libraries), so results are bit-identical across platforms.

#include <array>
#include <cstdint>

#include <Random123/philox.h>

namespace pco {

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t a = 0, std::uint64_t b = 0, std::uint64_t c = 0);

  // Uniform 64-bit integer. Inline: a Monte Carlo draw is a few nanoseconds, and a call per
  // word was a third of it.
  std::uint64_t next_u64() {
    if (used_ == 4) refill();
    return block_[static_cast<std::size_t>(used_++)];
  }
  // The next n words, exactly those n calls of next_u64 would return, with whole blocks
  // computed back to back so that the multiplications of independent blocks overlap.
  void next_u64s(std::uint64_t* out, std::size_t n);
  // Uniform on the open interval (0, 1): never exactly 0 or 1, so logs and inverse CDFs are
  // safe. 53 random bits.
  double uniform() { return to_uniform(next_u64()); }
  // The uniform that word `x` gives: (k + 0.5) / 2^53 with k its top 53 bits.
  static double to_uniform(std::uint64_t x) {
    return (static_cast<double>(x >> 11) + 0.5) * 0x1.0p-53;
  }
  // Uniform integer in [0, n), without modulo bias. n must be > 0.
  std::uint64_t below(std::uint64_t n);
  // Standard normal by the inverse CDF (one uniform per draw keeps streams easy to reason
  // about).
  double normal();
  double normal(double mean, double sd) { return mean + sd * normal(); }
  double lognormal(double meanlog, double sdlog);
  double exponential(double rate);
  // Gamma(shape, scale) by Marsaglia and Tsang (2000); shape < 1 via the boosting identity.
  double gamma(double shape, double scale);

 private:
  void refill();

  r123::Philox4x64 generator_;
  r123::Philox4x64::key_type key_{};
  r123::Philox4x64::ctr_type counter_{};
  r123::Philox4x64::ctr_type block_{};
  int used_ = 4;
};

// Inverse of the standard normal CDF (Acklam's rational approximation refined by one step of
// Halley's method; relative error below 1e-15 over (0, 1)).
double normal_quantile(double p);

}  // namespace pco

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

  // Uniform 64-bit integer.
  std::uint64_t next_u64();
  // Uniform on the open interval (0, 1): never exactly 0 or 1, so logs and inverse CDFs are
  // safe. 53 random bits.
  double uniform();
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

#pragma once
// Claim-count (frequency) models, parameterised as R does: dpois(lambda), dnbinom(size, prob),
// dbinom(size, prob), a general probability vector, and the zero-modified form of each
// (P(N = 0) replaced by p0 and the rest rescaled, as actuar's dzmpois etc.).

#include <complex>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/random.hpp"

namespace pco {

enum class FrequencyKind { poisson, negative_binomial, binomial, general };

class Frequency {
 public:
  // Each factory throws UsageError naming the parameter when a value is out of range.
  static Frequency poisson(double lambda);
  static Frequency negative_binomial(double size, double prob);
  static Frequency binomial(double size, double prob);
  // probabilities[n] = P(N = n); must be non-negative and sum to 1 within 1e-9.
  static Frequency general(std::vector<double> probabilities);
  // The same model with P(N = 0) replaced by p0 (0 <= p0 <= 1).
  Frequency zero_modified(double p0) const;

  FrequencyKind kind() const { return kind_; }
  bool is_zero_modified() const { return p0_modified_.has_value(); }
  std::string describe() const;

  double mean() const;
  double variance() const;
  double third_central_moment() const;

  // P(N = n) and P(N = 0) of the model (zero modification applied).
  double pmf(std::uint64_t n) const;
  // Probability generating function E[z^N] in logs, for complex z with |z| <= 1 (the FFT) and
  // for real z >= 0 (tail bounds; +inf where the series diverges).
  std::complex<double> log_pgf(std::complex<double> z) const;
  double log_pgf(double z) const;

  // Panjer's (a, b, 0) constants: p_n = (a + b / n) p_{n-1}. Only for the unmodified
  // Poisson, negative binomial and binomial.
  struct PanjerAb {
    double a;
    double b;
  };
  std::optional<PanjerAb> panjer_ab() const;

  // The unmodified model behind a zero-modified one (itself otherwise).
  Frequency unmodified() const;
  // For zero-modified models: P(N^M = n) = scale · P(N = n) for n >= 1, with
  // scale = (1 - p0^M) / (1 - p0). 1 for unmodified models.
  double zero_modified_scale() const;
  double zero_modified_p0() const { return p0_modified_.value_or(unmodified_pmf(0)); }

  // The model whose `parts`-fold convolution is this one (unmodified Poisson and negative
  // binomial only: λ/parts, size/parts).
  Frequency divided(double parts) const;

  double lambda() const { return lambda_; }
  double size() const { return size_; }
  double prob() const { return prob_; }

  std::uint64_t sample(RandomStream& random) const;

 private:
  double unmodified_pmf(std::uint64_t n) const;
  double unmodified_raw_moment(int k) const;
  std::complex<double> unmodified_log_pgf(std::complex<double> z) const;
  double unmodified_log_pgf(double z) const;
  std::uint64_t unmodified_sample(RandomStream& random) const;

  FrequencyKind kind_ = FrequencyKind::poisson;
  double lambda_ = 0;
  double size_ = 0;
  double prob_ = 0;
  std::vector<double> probabilities_;
  std::vector<double> cumulative_;
  std::optional<double> p0_modified_;
};

// Poisson variate (inversion below λ = 10, Hörmann's PTRS transformed rejection above).
std::uint64_t sample_poisson(RandomStream& random, double lambda);

}  // namespace pco

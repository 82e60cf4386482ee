#include "risk/frequency.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

void require(bool ok, const std::string& message) {
  if (!ok) throw UsageError(message);
}

bool is_probability(double p) {
  return std::isfinite(p) && p >= 0.0 && p <= 1.0;
}

// log Σ p_n z^n for real z >= 0, shifted to avoid overflow.
double log_polynomial(const std::vector<double>& p, double z) {
  if (z == 0.0) return std::log(p.empty() ? 0.0 : p[0]);
  const double log_z = std::log(z);
  double top = -kInf;
  for (std::size_t n = 0; n < p.size(); ++n)
    if (p[n] > 0) top = std::max(top, std::log(p[n]) + static_cast<double>(n) * log_z);
  if (!std::isfinite(top)) return top;
  double sum = 0;
  for (std::size_t n = 0; n < p.size(); ++n)
    if (p[n] > 0) sum += std::exp(std::log(p[n]) + static_cast<double>(n) * log_z - top);
  return top + std::log(sum);
}

std::uint64_t sample_binomial(RandomStream& random, std::uint64_t n, double p) {
  // Beta splitting (Knuth, TAOCP 3.4.1): the a-th smallest of n uniforms is Beta(a, n + 1 - a),
  // so the count below p is found in O(log n) steps, exactly.
  std::uint64_t result = 0;
  while (n > 32) {
    const std::uint64_t a = 1 + n / 2;
    const std::uint64_t b = n + 1 - a;
    const double ga = random.gamma(static_cast<double>(a), 1.0);
    const double gb = random.gamma(static_cast<double>(b), 1.0);
    const double x = ga / (ga + gb);
    if (x >= p) {
      n = a - 1;
      p /= x;
    } else {
      result += a;
      n = b - 1;
      p = (p - x) / (1.0 - x);
    }
  }
  for (std::uint64_t i = 0; i < n; ++i)
    if (random.uniform() < p) ++result;
  return result;
}

}  // namespace

std::uint64_t sample_poisson(RandomStream& random, double lambda) {
  if (lambda <= 0) return 0;
  if (lambda < 10) {
    // Inversion by sequential search.
    double p = std::exp(-lambda);
    double cumulative = p;
    const double u = random.uniform();
    std::uint64_t k = 0;
    while (u > cumulative && k < 1000) {
      ++k;
      p *= lambda / static_cast<double>(k);
      cumulative += p;
    }
    return k;
  }
  // PTRS: Hörmann, "The transformed rejection method for generating Poisson random
  // variables", Insurance: Mathematics and Economics 12 (1993) 39-45.
  const double slam = std::sqrt(lambda);
  const double loglam = std::log(lambda);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const double u = random.uniform() - 0.5;
    const double v = random.uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2 * a / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -lambda + k * loglam - std::lgamma(k + 1))
      return static_cast<std::uint64_t>(k);
  }
}

Frequency Frequency::poisson(double lambda) {
  require(std::isfinite(lambda) && lambda >= 0,
          fmt::format("poisson: lambda must be a finite number >= 0, got {}", lambda));
  Frequency f;
  f.kind_ = FrequencyKind::poisson;
  f.lambda_ = lambda;
  return f;
}

Frequency Frequency::negative_binomial(double size, double prob) {
  require(std::isfinite(size) && size > 0,
          fmt::format("negbin: size must be a finite number > 0, got {}", size));
  require(std::isfinite(prob) && prob > 0 && prob <= 1,
          fmt::format("negbin: prob must be in (0, 1], got {}", prob));
  Frequency f;
  f.kind_ = FrequencyKind::negative_binomial;
  f.size_ = size;
  f.prob_ = prob;
  return f;
}

Frequency Frequency::binomial(double size, double prob) {
  require(std::isfinite(size) && size >= 0 && size == std::floor(size) && size < 1e15,
          fmt::format("binomial: size must be a whole number >= 0, got {}", size));
  require(is_probability(prob), fmt::format("binomial: prob must be in [0, 1], got {}", prob));
  Frequency f;
  f.kind_ = FrequencyKind::binomial;
  f.size_ = size;
  f.prob_ = prob;
  return f;
}

Frequency Frequency::general(std::vector<double> probabilities) {
  require(!probabilities.empty(), "frequency: the probability list is empty");
  double total = 0;
  for (std::size_t n = 0; n < probabilities.size(); ++n) {
    require(is_probability(probabilities[n]),
            fmt::format("frequency: P(N = {}) must be in [0, 1], got {}", n, probabilities[n]));
    total += probabilities[n];
  }
  require(std::fabs(total - 1.0) <= 1e-9,
          fmt::format("frequency: probabilities must sum to 1, got {:.12g}", total));
  Frequency f;
  f.kind_ = FrequencyKind::general;
  f.probabilities_ = std::move(probabilities);
  f.cumulative_.resize(f.probabilities_.size());
  std::partial_sum(f.probabilities_.begin(), f.probabilities_.end(), f.cumulative_.begin());
  return f;
}

Frequency Frequency::zero_modified(double p0) const {
  require(is_probability(p0), fmt::format("zero-modified: p0 must be in [0, 1], got {}", p0));
  require(unmodified_pmf(0) < 1.0,
          "zero-modified: the unmodified model has P(N = 0) = 1, so nothing can be rescaled");
  Frequency f = unmodified();
  f.p0_modified_ = p0;
  return f;
}

Frequency Frequency::unmodified() const {
  Frequency f = *this;
  f.p0_modified_.reset();
  return f;
}

std::string Frequency::describe() const {
  std::string text;
  switch (kind_) {
    case FrequencyKind::poisson:
      text = fmt::format("poisson(lambda={})", lambda_);
      break;
    case FrequencyKind::negative_binomial:
      text = fmt::format("negbin(size={}, prob={})", size_, prob_);
      break;
    case FrequencyKind::binomial:
      text = fmt::format("binomial(size={}, prob={})", size_, prob_);
      break;
    case FrequencyKind::general:
      text = fmt::format("general({} probabilities)", probabilities_.size());
      break;
  }
  if (p0_modified_) text = fmt::format("zero-modified {} with p0={}", text, *p0_modified_);
  return text;
}

double Frequency::unmodified_pmf(std::uint64_t n) const {
  const double k = static_cast<double>(n);
  switch (kind_) {
    case FrequencyKind::poisson:
      if (lambda_ == 0) return n == 0 ? 1.0 : 0.0;
      return std::exp(-lambda_ + k * std::log(lambda_) - std::lgamma(k + 1));
    case FrequencyKind::negative_binomial:
      if (prob_ == 1) return n == 0 ? 1.0 : 0.0;
      return std::exp(std::lgamma(size_ + k) - std::lgamma(size_) - std::lgamma(k + 1) +
                      size_ * std::log(prob_) + k * std::log1p(-prob_));
    case FrequencyKind::binomial: {
      if (k > size_) return 0.0;
      if (prob_ == 0) return n == 0 ? 1.0 : 0.0;
      if (prob_ == 1) return k == size_ ? 1.0 : 0.0;
      return std::exp(std::lgamma(size_ + 1) - std::lgamma(k + 1) - std::lgamma(size_ - k + 1) +
                      k * std::log(prob_) + (size_ - k) * std::log1p(-prob_));
    }
    case FrequencyKind::general:
      return n < probabilities_.size() ? probabilities_[n] : 0.0;
  }
  return 0.0;
}

double Frequency::zero_modified_scale() const {
  if (!p0_modified_) return 1.0;
  return (1.0 - *p0_modified_) / (1.0 - unmodified_pmf(0));
}

double Frequency::pmf(std::uint64_t n) const {
  if (n == 0) return zero_modified_p0();
  return zero_modified_scale() * unmodified_pmf(n);
}

double Frequency::unmodified_raw_moment(int k) const {
  double m = 0, v = 0, mu3 = 0;
  switch (kind_) {
    case FrequencyKind::poisson:
      m = v = mu3 = lambda_;
      break;
    case FrequencyKind::negative_binomial: {
      const double q = 1 - prob_;
      m = size_ * q / prob_;
      v = m / prob_;
      mu3 = size_ * q * (1 + q) / (prob_ * prob_ * prob_);
      break;
    }
    case FrequencyKind::binomial:
      m = size_ * prob_;
      v = m * (1 - prob_);
      mu3 = v * (1 - 2 * prob_);
      break;
    case FrequencyKind::general: {
      double sum = 0;
      for (std::size_t n = 0; n < probabilities_.size(); ++n)
        sum += std::pow(static_cast<double>(n), k) * probabilities_[n];
      return sum;
    }
  }
  if (k == 1) return m;
  if (k == 2) return v + m * m;
  return mu3 + 3 * m * v + m * m * m;
}

double Frequency::mean() const {
  return zero_modified_scale() * unmodified_raw_moment(1);
}

double Frequency::variance() const {
  const double m = mean();
  return zero_modified_scale() * unmodified_raw_moment(2) - m * m;
}

double Frequency::third_central_moment() const {
  const double c = zero_modified_scale();
  const double m = mean();
  const double e2 = c * unmodified_raw_moment(2);
  const double e3 = c * unmodified_raw_moment(3);
  return e3 - 3 * m * e2 + 2 * m * m * m;
}

std::complex<double> Frequency::unmodified_log_pgf(std::complex<double> z) const {
  switch (kind_) {
    case FrequencyKind::poisson:
      return lambda_ * (z - 1.0);
    case FrequencyKind::negative_binomial:
      return size_ * (std::log(prob_) - std::log(1.0 - (1.0 - prob_) * z));
    case FrequencyKind::binomial:
      if (size_ == 0) return 0.0;
      return size_ * std::log(1.0 - prob_ + prob_ * z);
    case FrequencyKind::general: {
      std::complex<double> sum = 0;
      for (auto it = probabilities_.rbegin(); it != probabilities_.rend(); ++it)
        sum = sum * z + *it;
      return std::log(sum);
    }
  }
  return 0.0;
}

double Frequency::unmodified_log_pgf(double z) const {
  switch (kind_) {
    case FrequencyKind::poisson:
      return lambda_ * (z - 1.0);
    case FrequencyKind::negative_binomial: {
      const double d = 1.0 - (1.0 - prob_) * z;
      if (d <= 0) return kInf;
      return size_ * (std::log(prob_) - std::log(d));
    }
    case FrequencyKind::binomial:
      if (size_ == 0) return 0.0;
      return size_ * std::log(1.0 - prob_ + prob_ * z);
    case FrequencyKind::general:
      return log_polynomial(probabilities_, z);
  }
  return 0.0;
}

std::complex<double> Frequency::log_pgf(std::complex<double> z) const {
  const auto lp = unmodified_log_pgf(z);
  if (!p0_modified_) return lp;
  // P^M(z) = p0^M + c (P(z) - p0).
  const double c = zero_modified_scale();
  return std::log(*p0_modified_ + c * (std::exp(lp) - unmodified_pmf(0)));
}

double Frequency::log_pgf(double z) const {
  const double lp = unmodified_log_pgf(z);
  if (!p0_modified_) return lp;
  const double c = zero_modified_scale();
  const double p0m = *p0_modified_;
  const double p0 = unmodified_pmf(0);
  if (lp <= 0) return std::log(std::max(0.0, p0m + c * (std::exp(lp) - p0)));
  if (!std::isfinite(lp)) return lp;
  // Large P(z): keep it in logs.
  return lp + std::log(std::max(0.0, c + (p0m - c * p0) * std::exp(-lp)));
}

std::optional<Frequency::PanjerAb> Frequency::panjer_ab() const {
  if (p0_modified_) return std::nullopt;
  switch (kind_) {
    case FrequencyKind::poisson:
      return PanjerAb{0.0, lambda_};
    case FrequencyKind::negative_binomial: {
      const double q = 1 - prob_;
      return PanjerAb{q, (size_ - 1) * q};
    }
    case FrequencyKind::binomial: {
      if (prob_ >= 1) return std::nullopt;
      const double r = prob_ / (1 - prob_);
      return PanjerAb{-r, (size_ + 1) * r};
    }
    case FrequencyKind::general:
      return std::nullopt;
  }
  return std::nullopt;
}

Frequency Frequency::divided(double parts) const {
  Frequency f = unmodified();
  if (kind_ == FrequencyKind::poisson) f.lambda_ /= parts;
  if (kind_ == FrequencyKind::negative_binomial) f.size_ /= parts;
  return f;
}

std::uint64_t Frequency::unmodified_sample(RandomStream& random) const {
  switch (kind_) {
    case FrequencyKind::poisson:
      return sample_poisson(random, lambda_);
    case FrequencyKind::negative_binomial:
      // Gamma mixture of Poissons: N | Λ ~ Poisson(Λ), Λ ~ Gamma(size, (1 - prob) / prob).
      if (prob_ == 1) return 0;
      return sample_poisson(random, random.gamma(size_, (1 - prob_) / prob_));
    case FrequencyKind::binomial:
      return sample_binomial(random, static_cast<std::uint64_t>(size_), prob_);
    case FrequencyKind::general: {
      const double u = random.uniform() * cumulative_.back();
      const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
      return static_cast<std::uint64_t>(std::min<std::ptrdiff_t>(
          it - cumulative_.begin(), static_cast<std::ptrdiff_t>(cumulative_.size()) - 1));
    }
  }
  return 0;
}

std::uint64_t Frequency::sample(RandomStream& random) const {
  if (!p0_modified_) return unmodified_sample(random);
  if (random.uniform() < *p0_modified_) return 0;
  const double p0 = unmodified_pmf(0);
  if (p0 < 0.5) {
    // Zero-truncated by rejection: fewer than two draws on average.
    for (;;) {
      const auto n = unmodified_sample(random);
      if (n > 0) return n;
    }
  }
  // Mostly zeros: invert the zero-truncated CDF, whose mass sits on small counts.
  const double u = p0 + random.uniform() * (1 - p0);
  double cumulative = p0;
  std::uint64_t n = 0;
  while (cumulative < u && n < 100000000) {
    ++n;
    cumulative += unmodified_pmf(n);
  }
  return std::max<std::uint64_t>(n, 1);
}

}  // namespace pco

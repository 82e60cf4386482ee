#pragma once
// Claim-cost (severity) models with the quantities discretisation and moment checks need:
// the CDF, partial moments E[X^k; X <= x], raw moments and the limited expected value.
// Parameterised as R and actuar do: plnorm(meanlog, sdlog), pgamma(shape, scale),
// pexp(rate), pweibull(shape, scale), actuar::ppareto(shape, scale) (the Lomax form,
// F(x) = 1 - (scale / (x + scale))^shape).

#include <memory>
#include <string>
#include <vector>

namespace pco {

enum class SeverityKind {
  lognormal,
  gamma,
  exponential,
  weibull,
  pareto,
  discrete,
  mixture,
  spliced
};

class Severity {
 public:
  // Factories validate parameters and throw UsageError naming the bad one.
  static Severity lognormal(double meanlog, double sdlog);
  static Severity gamma(double shape, double scale);
  static Severity exponential(double rate);
  static Severity weibull(double shape, double scale);
  static Severity pareto(double shape, double scale);
  // Values >= 0 with probabilities summing to 1 (within 1e-9).
  static Severity discrete(std::vector<double> values, std::vector<double> probabilities);
  // Σ weights = 1 (within 1e-9), every weight >= 0.
  static Severity mixture(std::vector<double> weights, std::vector<Severity> components);
  // A body below `threshold` and a heavy tail above it: with probability body_weight,
  // X ~ body conditioned on X <= threshold; otherwise X = threshold + tail.
  static Severity spliced(const Severity& body, const Severity& tail, double threshold,
                          double body_weight);

  // The distribution of factor · X (factor > 0), in the same family: a price that is a fixed
  // ratio of another (care moved to a setting that costs r times the tariff). Throws
  // UsageError when factor is not a finite number > 0.
  Severity scaled(double factor) const;

  SeverityKind kind() const { return kind_; }
  std::string describe() const;

  double cdf(double x) const;
  // 1 - F(x), computed in the tail without cancellation.
  double survival(double x) const;
  // Probability of (a, b], as F(b) - F(a) in the body and S(a) - S(b) in the tail, so that
  // tiny tail masses keep their relative accuracy.
  double mass_between(double a, double b) const;
  // Stop-loss transform E[(X - x)+] = ∫_x^∞ S(u) du (+inf when E[X] is infinite).
  double stop_loss(double x) const;
  // ∫_a^b S(u) du = E[min(X, b)] - E[min(X, a)], accurate in the tail too.
  double integrated_survival(double a, double b) const;
  // E[X^k; X <= x] for k = 0 (the CDF), 1, 2, 3.
  double partial_moment(int k, double x) const;
  // E[X^k] for k = 1, 2, 3; +inf when it does not exist.
  double raw_moment(int k) const;
  // Limited expected value E[min(X, x)].
  double limited_expected_value(double x) const;

  double mean() const { return raw_moment(1); }

  // Every number that determines the distribution, exactly (kind, parameters, values, weights,
  // threshold, components in order): two severities with equal identities are the same
  // distribution. A cache key that does not depend on where a copy lives.
  std::vector<double> identity() const;

 private:
  static Severity parametric(SeverityKind kind, double p1, double p2);

  SeverityKind kind_ = SeverityKind::exponential;
  double p1_ = 0;  // meanlog, shape or rate
  double p2_ = 0;  // sdlog or scale
  std::vector<double> values_;
  std::vector<double> weights_;  // discrete probabilities or mixture/splice weights
  std::vector<std::shared_ptr<const Severity>> components_;
  double threshold_ = 0;
};

}  // namespace pco

#pragma once
// Normal and normal-power (NP2) approximations of the aggregate from its first three moments,
// with actuar's formulas (aggregateDist methods "normal" and "npower", CTE, quantile).

namespace pco {

enum class ApproximationKind { normal, normal_power };

struct Approximation {
  ApproximationKind kind = ApproximationKind::normal;
  double mean = 0;
  double sd = 0;
  double skewness = 0;

  // Normal: Φ((x - μ)/σ). NP2: Φ(√(1 + 9/γ² + 6(x - μ)/(σγ)) - 3/γ) for x > μ; NaN at or
  // below the mean, where NP2 is not defined (actuar returns NA).
  double cdf(double x) const;
  // Normal: μ + σ z_p. NP2: μ + σ (z_p + γ (z_p² - 1) / 6) for p > 1/2, NaN otherwise.
  double quantile(double p) const;
  // Normal: μ + σ φ(z_p) / (1 - p). NP2: μ + σ φ(z_p)(1 + γ z_p / 6) / (1 - p).
  double tail_mean(double p) const;
};

}  // namespace pco

#pragma once
// Special functions the risk models need and the C++ standard library lacks.

namespace pco {

// Regularised lower incomplete gamma P(a, x) = γ(a, x) / Γ(a), for a > 0 and x >= 0 (series
// below a + 1, Lentz continued fraction above; relative accuracy about 1e-15).
double regularized_gamma_p(double a, double x);

// Standard normal distribution and density.
double normal_cdf(double z);
double normal_pdf(double z);

}  // namespace pco

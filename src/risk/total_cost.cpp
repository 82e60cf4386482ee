#include "risk/total_cost.hpp"

#include <cmath>

namespace pco {

TotalCost total_cost(const CostDistribution& chance, double formula_sd, double shock_sd,
                     bool with_chance, const FactorMixSettings& settings) {
  TotalCost out;
  const double mu = chance.exact_mean;
  const double vs = with_chance ? chance.exact_variance : 0.0;
  out.expected = mu;
  out.formula_sd = formula_sd;
  out.shock_sd = shock_sd;
  out.sd_chance = std::sqrt(vs);
  out.sd_formula = mu * formula_sd;
  out.sd_shock = mu * shock_sd;
  const double ef2 = (1 + formula_sd * formula_sd) * (1 + shock_sd * shock_sd);
  out.variance = ef2 * (vs + mu * mu) - mu * mu;
  const double sigma =
      std::sqrt(std::log1p(formula_sd * formula_sd) + std::log1p(shock_sd * shock_sd));
  AggregateDistribution s;
  double bound = 0;
  double deficit = 0;
  if (with_chance) {
    s = chance.distribution;
    bound = chance.variance_error_bound;
    deficit = chance.variance_deficit;
    out.grid_tail_mass = chance.grid_tail_mass();
  } else {
    // S = E S for certain, on a knot of its own.
    s = mu > 0 ? AggregateDistribution{mu, 1, {1.0}, "expected"}
               : AggregateDistribution{1, 0, {1.0}, "expected"};
  }
  if (sigma == 0) {
    out.distribution = std::move(s);
    out.variance_error_bound = bound;
    out.variance_deficit = deficit;
    return out;
  }
  auto mix = mix_lognormal_factor(s, sigma, settings);
  const double q = std::fabs(mix.second_moment_error);
  out.quadrature_nodes = mix.nodes;
  out.quadrature_error = mix.second_moment_error;
  out.variance_error_bound =
      ef2 * ((1 + q) * bound + q * (vs + mu * mu)) + mix.variance_error_bound;
  out.variance_deficit = ef2 * ((1 + q) * deficit + q * (vs + mu * mu)) + mix.variance_deficit;
  out.grid_tail_mass += mix.misplaced;
  out.distribution = std::move(mix.distribution);
  return out;
}

}  // namespace pco

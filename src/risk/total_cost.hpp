#pragma once
// A holder's total annual cost from the sources of risk (risk/risk_sources.hpp):
// T = S × F_formula × F_shock with S the compound sum on its grid (cost_distribution) and the
// two lognormal factors (mean 1) combined into one, F = exp(σZ − σ²/2) with
// σ² = ln(1 + f²) + ln(1 + s²), mixed exactly by quadrature (risk/factor_mix.hpp).
#include <cstddef>

#include "risk/aggregate.hpp"
#include "risk/cost_distribution.hpp"
#include "risk/factor_mix.hpp"

namespace pco {

struct TotalCost {
  AggregateDistribution distribution;  // T on its grid
  double expected = 0;                 // closed form E T = E S
  double variance = 0;                 // closed form Var T = E F² (Var S + (E S)²) − (E S)²
  // The sd of T with each source alone (closed forms): sd(S), E S · f, E S · s.
  double sd_chance = 0;
  double sd_formula = 0;
  double sd_shock = 0;
  double formula_sd = 0;  // f, the factor's relative sd
  double shock_sd = 0;    // s
  // The grid's variance lies in [variance − variance_deficit, variance + variance_error_bound]:
  // the chance grid's bounds scaled by E F², the quadrature's error of E F², and the mixing's
  // own merging and regrid.
  double variance_error_bound = 0;
  double variance_deficit = 0;
  // Probability the grid holds only approximately (chance grid's plus the quadrature's cut-off
  // normal tail): every probability read from the grid is within ± grid_tail_mass.
  double grid_tail_mass = 0;
  std::size_t quadrature_nodes = 0;  // 0 when no factor applies
  double quadrature_error = 0;       // relative error of the nodes' E F²
};

// With `with_chance` false, S is its expectation (no chance variation). f, s >= 0.
TotalCost total_cost(const CostDistribution& chance, double formula_sd, double shock_sd,
                     bool with_chance, const FactorMixSettings& settings = {});

}  // namespace pco

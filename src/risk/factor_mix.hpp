#pragma once
// The distribution of T = S·F for a cost S on a grid and an independent lognormal factor F of
// mean 1 (F = exp(σZ − σ²/2), Z standard normal), computed exactly up to stated error by
// quadrature over Z: each node scales S's knots by its factor and moves them onto the common
// grid mass- and mean-preservingly. docs/risk-holders.md ("Sources of risk") derives the
// bounds reported here.
#include "risk/aggregate.hpp"

namespace pco {

struct FactorMixSettings {
  double knots_per_sd = 64;  // common step of the result = sd(T) / knots_per_sd
  double z_max = 8.5;        // nodes on [−z_max, z_max]: P(|Z| > 8.5) = 1.9e-17 is left out
  // Node spacing Δz = min(max_spacing, ratio · CV(S)/σ): nodes closer than the spread of S so
  // that the mixture is smooth (not a staircase of scaled copies of S).
  double max_spacing = 0.5;
  double ratio = 1.0;
  // S's knots are merged into cells of width σ·x / body_fraction up to E S + 8 sd(T) (half the
  // result's step there, so that the scaled cells fill every knot of the result) and
  // σ·x / tail_fraction beyond, before scaling (mass and mean kept; the variance they lose is
  // reported).
  double body_fraction = 128;
  double tail_fraction = 32;
};

struct FactorMix {
  AggregateDistribution distribution;
  std::size_t nodes = 0;
  double spacing = 0;  // Δz
  // Quadrature error of E F² (the factor's second moment, which fixes Var T): the nodes'
  // Σ w f² against e^{σ²}, relative. Σ w = Σ w f = 1 exactly (weights and factors rescaled).
  double second_moment_error = 0;
  // Var T on the grid lies in [Var T − variance_deficit, Var T + variance_error_bound], with Var T
  // of S as given (its own bounds add): the merging of far knots removes at most
  // variance_deficit; the regrid adds at most H²/4 = variance_error_bound.
  double variance_error_bound = 0;
  double variance_deficit = 0;
  double misplaced = 0;  // P(|Z| > z_max), folded into the nodes kept
};

// σ = 0 returns S itself. Throws UsageError for σ < 0 or not finite.
FactorMix mix_lognormal_factor(const AggregateDistribution& s, double sigma,
                               const FactorMixSettings& settings = {});

// σ of the lognormal factor with mean 1 and coefficient of variation `cv`: √ln(1 + cv²).
double lognormal_sigma(double cv);

}  // namespace pco

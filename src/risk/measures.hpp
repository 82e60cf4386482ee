#pragma once
// Risk measures of an aggregate distribution on a grid, with actuar's conventions: the CDF is
// the step function through the knots, a quantile is the smallest knot with F >= p, and the
// tail mean (TVaR / CTE) is E[S | S > VaR_p].

#include "risk/aggregate.hpp"

namespace pco {

// Moments of the mass on the grid, Σ x^k f(x) (not renormalised, as actuar's mean()).
struct GridMoments {
  double mean = 0;
  double sd = 0;
  double skewness = 0;
};
GridMoments grid_moments(const AggregateDistribution& d);

// P(S <= x).
double cdf_at(const AggregateDistribution& d, double x);
// Smallest knot with F >= p; +inf when the grid holds less than p.
double quantile(const AggregateDistribution& d, double p);
// E[S | S > VaR_p]; VaR_p itself when the grid has no mass above it.
double tail_mean(const AggregateDistribution& d, double p);
// P(S > budget), counting mass beyond the grid as above the budget.
double exceedance(const AggregateDistribution& d, double budget);
// The reserve on top of `budget` that covers S with probability `confidence`:
// max(0, VaR_confidence - budget).
double reserve_needed(const AggregateDistribution& d, double budget, double confidence);

}  // namespace pco

#pragma once
// Risk measures of an aggregate distribution on a grid, with actuar's conventions: the CDF is
// the step function through the knots, a quantile is the smallest knot with F >= p, and the
// tail mean (TVaR / CTE) is E[S | S > VaR_p].

#include "risk/aggregate.hpp"

namespace pco {

// The mean is Σ x f(x) over the grid (as actuar's mean()); sd and skewness are those of the
// distribution on the grid renormalised to 1, so that mass beyond the grid (reported
// separately) does not distort them.
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
// P(S > budget) as the mass the grid holds above the budget, summed from the top. Mass the grid
// does not hold (mass_beyond_grid, reported separately) is not counted: the true value lies in
// [exceedance, exceedance + mass_beyond_grid].
double exceedance(const AggregateDistribution& d, double budget);
// The reserve on top of `budget` that covers S with probability `confidence`:
// max(0, VaR_confidence - budget).
double reserve_needed(const AggregateDistribution& d, double budget, double confidence);

}  // namespace pco

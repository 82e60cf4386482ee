#pragma once
// Exact operations on distributions on a grid that contracts need: scaling (including by a
// negative factor), point masses, sums of independent amounts on a common step, and moments and
// probabilities of a function of one amount, computed knot by knot.
#include <functional>
#include <vector>

#include "risk/aggregate.hpp"

namespace pco {

// The value c for certain, as a one-knot distribution (step |c|, or 1 when c = 0).
AggregateDistribution point_mass(double value);
// The distribution of factor · X, exactly: the same masses on knots factor · x (reversed when
// the factor is negative; a point mass at 0 when it is 0).
AggregateDistribution scaled(const AggregateDistribution& d, double factor);
// The distribution of Σ parts (independent) on knots of `step`: each part is moved onto the step
// (mass- and mean-preserving, adding at most step²/4 of variance) and the parts convolved.
AggregateDistribution sum_on_step(const std::vector<AggregateDistribution>& parts, double step);

// Moments of f(X) and the covariance of X and f(X), over the knots of X's distribution
// (renormalised to its mass on the grid).
struct TransformMoments {
  double mean = 0;
  double variance = 0;
  double covariance = 0;  // Cov(X, f(X))
};
TransformMoments transform_moments(const AggregateDistribution& x,
                                   const std::function<double(double)>& f);

}  // namespace pco

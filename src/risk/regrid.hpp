#pragma once
// Moves a distribution on one grid onto another step, keeping its mass and mean exactly.
#include <functional>

#include "risk/aggregate.hpp"

namespace pco {

// Each knot's mass p at x is split between the new knots a = ⌊x/H⌋H and b = a + H in
// proportions (b − x)/H and (x − a)/H. Mass and mean are unchanged; the variance grows by
// Σ p (x − a)(b − x) ≤ H²/4 (the result is a mean-preserving spread of the input).
// Throws UsageError when step <= 0.
AggregateDistribution regrid(const AggregateDistribution& d, double step);

// The distribution of f(S) on knots of `step`, each knot's mass split linearly between the two
// knots either side of f(x) (mean-preserving in the same way as regrid). For the exact
// transforms of annual totals (corridors, overspends beyond a budget).
AggregateDistribution map_distribution(const AggregateDistribution& d, double step,
                                       const std::function<double(double)>& f);

// The variance the regrid adds, Σ p (x − a)(b − x), exactly.
double regrid_added_variance(const AggregateDistribution& d, double step);

}  // namespace pco

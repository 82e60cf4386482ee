#pragma once
// Moves a distribution on one grid onto another step, keeping its mass and mean exactly.
#include "risk/aggregate.hpp"

namespace pco {

// Each knot's mass p at x is split between the new knots a = ⌊x/H⌋H and b = a + H in
// proportions (b − x)/H and (x − a)/H. Mass and mean are unchanged; the variance grows by
// Σ p (x − a)(b − x) ≤ H²/4 (the result is a mean-preserving spread of the input).
// Throws UsageError when step <= 0.
AggregateDistribution regrid(const AggregateDistribution& d, double step);

// The variance the regrid adds, Σ p (x − a)(b − x), exactly.
double regrid_added_variance(const AggregateDistribution& d, double step);

}  // namespace pco

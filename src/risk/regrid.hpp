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
// transforms of annual totals (corridors, overspends beyond a budget). With cell_points > 1
// each knot's mass is read as spread evenly over its cell [x − h/2, x + h/2] (h = d.step, the
// histogram reading of risk/measures.hpp) and mapped from that many equally spaced points of
// it, in equal parts: for an f with a kink (a cap) or a flat stretch, whose images of the
// knots alone misplace up to half a knot's mass, this errs by at most 1/(2 cell_points) of it.
// Point m (0 … points − 1) of the `points` equally spaced points at which map_distribution reads
// knot i's cell (the knot itself when points is 1 or the grid has one knot).
inline double cell_point(const AggregateDistribution& d, std::size_t i, int m, int points) {
  if (points <= 1 || d.size() <= 1) return d.knot(i);
  return d.knot(i) + (m + 0.5 - 0.5 * points) * (d.step / points);
}

AggregateDistribution map_distribution(const AggregateDistribution& d, double step,
                                       const std::function<double(double)>& f, int cell_points = 1);

// The variance the regrid adds, Σ p (x − a)(b − x), exactly.
double regrid_added_variance(const AggregateDistribution& d, double step);

}  // namespace pco

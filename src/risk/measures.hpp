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

// The same measures with the grid read as the continuous distribution it discretises: each
// knot's mass spread evenly over its cell [x − step/2, x + step/2]. A grid made by splitting a
// continuous distribution's mass between neighbouring knots (discretisation, regrids, the factor
// mixture) has at knot k the cumulative mass F(kh + h/2) + O(h² f'), so read this way its
// probabilities and quantiles carry an error of order h² where the step function through the
// knots carries one of order h·f: for a budget holder's grid (step sd/64) up to half a knot's
// mass, 0.3% of probability at the mean. Mean-preserving (the cells are symmetric about their
// knots). A grid of one knot is a certain value and is read as such.
double histogram_exceedance(const AggregateDistribution& d, double x);
// The x with P(S <= x) = p on the histogram; +inf when the grid holds less than p.
double histogram_quantile(const AggregateDistribution& d, double p);
// E[S | S > histogram_quantile(p)] on the histogram.
double histogram_tail_mean(const AggregateDistribution& d, double p);

// histogram_exceedance read many times from one grid: the sums above each knot are taken once
// (from the top, in histogram_exceedance's order, so each reading has the same bits), and a
// reading then costs O(1) instead of a pass over the grid. Holds a reference to `d`.
class HistogramSurvival {
 public:
  explicit HistogramSurvival(const AggregateDistribution& d);
  double operator()(double x) const;

 private:
  const AggregateDistribution& d_;
  std::vector<double> above_;  // above_[i] = Σ pmf[j] for j ≥ i, above_[size] = 0
};

}  // namespace pco

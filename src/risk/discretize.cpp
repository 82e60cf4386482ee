#include "risk/discretize.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

namespace {

constexpr double kMaxKnots = 1 << 28;

}  // namespace

DiscretizeMethod parse_discretize_method(std::string_view text) {
  if (text == "upper") return DiscretizeMethod::upper;
  if (text == "lower") return DiscretizeMethod::lower;
  if (text == "rounding") return DiscretizeMethod::rounding;
  if (text == "unbiased") return DiscretizeMethod::unbiased;
  throw UsageError(fmt::format(
      "discretisation method: got \"{}\", expected upper, lower, rounding or unbiased", text));
}

std::string to_string(DiscretizeMethod method) {
  switch (method) {
    case DiscretizeMethod::upper:
      return "upper";
    case DiscretizeMethod::lower:
      return "lower";
    case DiscretizeMethod::rounding:
      return "rounding";
    case DiscretizeMethod::unbiased:
      return "unbiased";
  }
  return "";
}

double SeverityGrid::total() const {
  double sum = 0;
  for (double p : pmf)
    sum += p;
  return sum;
}

double SeverityGrid::raw_moment(int k) const {
  double sum = 0;
  for (std::size_t j = 0; j < pmf.size(); ++j)
    sum += std::pow(static_cast<double>(j) * step, k) * pmf[j];
  return sum;
}

SeverityGrid discretize(const Severity& severity, double step, double max,
                        DiscretizeMethod method) {
  if (!(std::isfinite(step) && step > 0))
    throw UsageError(fmt::format("step must be a finite number > 0, got {}", step));
  if (!(std::isfinite(max) && max >= step))
    throw UsageError(fmt::format("max must be a finite number >= step ({}), got {}", step, max));
  // Knots 0, h, …, n·h <= max, as R's seq.int(0, max, h) (with a little slack for rounding).
  const double ratio = std::floor(max / step * (1 + 1e-12));
  if (ratio > kMaxKnots)
    throw UsageError(
        fmt::format("max / step = {:.0f} knots is too many (at most {:.0f})", ratio, kMaxKnots));
  const auto n = static_cast<std::size_t>(ratio);
  const auto knot = [&](std::size_t j) { return static_cast<double>(j) * step; };
  SeverityGrid grid;
  grid.step = step;
  // An atom at 0 belongs to knot 0 in every method; for continuous severities F(0) = 0 and the
  // results are actuar's exactly.
  switch (method) {
    case DiscretizeMethod::upper: {
      // Mass of [jh, (j+1)h) at jh: the CDF of the result bounds F from above.
      grid.pmf.resize(n);
      double previous = 0;
      for (std::size_t j = 0; j < n; ++j) {
        const double next = severity.cdf(knot(j + 1));
        grid.pmf[j] = next - previous;
        previous = next;
      }
      break;
    }
    case DiscretizeMethod::lower: {
      // Mass of ((j-1)h, jh] at jh: the CDF of the result bounds F from below.
      grid.pmf.resize(n + 1);
      double previous = severity.cdf(0);
      grid.pmf[0] = previous;
      for (std::size_t j = 1; j <= n; ++j) {
        const double next = severity.cdf(knot(j));
        grid.pmf[j] = next - previous;
        previous = next;
      }
      break;
    }
    case DiscretizeMethod::rounding: {
      // Mass of ((j-1/2)h, (j+1/2)h] at jh; knots 0 … n-1 as actuar.
      grid.pmf.resize(n);
      double previous = 0;
      for (std::size_t j = 0; j < n; ++j) {
        const double next = severity.cdf(knot(j) + 0.5 * step);
        grid.pmf[j] = next - previous;
        previous = next;
      }
      break;
    }
    case DiscretizeMethod::unbiased: {
      // Local matching of the mean (Loss Models, §9.6.5): with E_j = E[min(X, jh)],
      // f_0 = 1 - E_1/h, f_j = (2E_j - E_{j-1} - E_{j+1})/h, f_n = (E_n - E_{n-1})/h - 1 + F(nh).
      std::vector<double> lev(n + 1);
      for (std::size_t j = 0; j <= n; ++j)
        lev[j] = severity.limited_expected_value(knot(j));
      grid.pmf.resize(n + 1);
      grid.pmf[0] = 1 - lev[1] / step;
      for (std::size_t j = 1; j < n; ++j)
        grid.pmf[j] = (2 * lev[j] - lev[j - 1] - lev[j + 1]) / step;
      grid.pmf[n] = (lev[n] - lev[n - 1]) / step - 1 + severity.cdf(knot(n));
      break;
    }
  }
  // Differences of a CDF near 1 can come out a rounding error below zero.
  for (double& p : grid.pmf)
    if (p < 0 && p > -1e-15) p = 0;
  return grid;
}

SeverityGrid grid_from_pmf(std::vector<double> pmf, double step) {
  if (!(std::isfinite(step) && step > 0))
    throw UsageError(fmt::format("step must be a finite number > 0, got {}", step));
  if (pmf.empty()) throw UsageError("severity pmf is empty");
  double total = 0;
  for (std::size_t j = 0; j < pmf.size(); ++j) {
    if (!(std::isfinite(pmf[j]) && pmf[j] >= 0 && pmf[j] <= 1))
      throw UsageError(
          fmt::format("severity pmf: mass at knot {} must be in [0, 1], got {}", j, pmf[j]));
    total += pmf[j];
  }
  if (total > 1 + 1e-9)
    throw UsageError(fmt::format("severity pmf: masses sum to {:.12g}, more than 1", total));
  return SeverityGrid{step, std::move(pmf)};
}

}  // namespace pco

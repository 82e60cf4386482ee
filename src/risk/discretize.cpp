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
  // Masses are taken as F(b) - F(a) in the body and S(a) - S(b) in the tail (the same
  // numbers, but tiny tail masses keep their relative accuracy).
  switch (method) {
    case DiscretizeMethod::upper: {
      // Mass of (jh, (j+1)h] at jh: the CDF of the result bounds F from above.
      grid.pmf.resize(n);
      for (std::size_t j = 0; j < n; ++j)
        grid.pmf[j] = severity.mass_between(knot(j), knot(j + 1));
      grid.pmf[0] += severity.cdf(0);
      break;
    }
    case DiscretizeMethod::lower: {
      // Mass of ((j-1)h, jh] at jh: the CDF of the result bounds F from below.
      grid.pmf.resize(n + 1);
      grid.pmf[0] = severity.cdf(0);
      for (std::size_t j = 1; j <= n; ++j)
        grid.pmf[j] = severity.mass_between(knot(j - 1), knot(j));
      break;
    }
    case DiscretizeMethod::rounding: {
      // Mass of ((j-1/2)h, (j+1/2)h] at jh; knots 0 … n-1 as actuar.
      grid.pmf.resize(n);
      grid.pmf[0] = severity.cdf(0.5 * step);
      for (std::size_t j = 1; j < n; ++j)
        grid.pmf[j] = severity.mass_between(knot(j) - 0.5 * step, knot(j) + 0.5 * step);
      break;
    }
    case DiscretizeMethod::unbiased: {
      // Local matching of the mean (Loss Models, §9.6.5): with E_j = E[min(X, jh)],
      // f_0 = 1 - E_1/h, f_j = (2E_j - E_{j-1} - E_{j+1})/h, f_n = (E_n - E_{n-1})/h - 1 + F(nh).
      // With I_j = E_j - E_{j-1} = ∫ S over ((j-1)h, jh]: f_0 = 1 - I_1/h,
      // f_j = (I_j - I_{j+1})/h, f_n = I_n/h - S(nh).
      std::vector<double> integral(n + 1);
      for (std::size_t j = 1; j <= n; ++j)
        integral[j] = severity.integrated_survival(knot(j - 1), knot(j));
      grid.pmf.resize(n + 1);
      grid.pmf[0] = 1 - integral[1] / step;
      for (std::size_t j = 1; j < n; ++j)
        grid.pmf[j] = (integral[j] - integral[j + 1]) / step;
      grid.pmf[n] = integral[n] / step - severity.survival(knot(n));
      break;
    }
  }
  // Differences of a CDF near 1 can come out a rounding error below zero.
  for (double& p : grid.pmf)
    if (p < 0 && p > -1e-15) p = 0;
  return grid;
}

double step_for_variance_error(double expected_claims, double variance, double relative_error) {
  if (!(expected_claims > 0 && variance > 0 && relative_error > 0) ||
      !std::isfinite(expected_claims * variance * relative_error))
    throw UsageError(fmt::format(
        "step_for_variance_error: claims {}, variance {} and error {} must be finite and > 0",
        expected_claims, variance, relative_error));
  return std::sqrt(4 * relative_error * variance / expected_claims);
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

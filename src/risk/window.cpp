// Where the aggregate's mass lies: Chernoff bounds on the discretised model choose the knots
// that FFT and recursion must compute.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/error.hpp"
#include "risk/aggregate.hpp"

namespace pco {

namespace {

constexpr double kLeftTail = 1e-25;
constexpr int kTiltPoints = 120;
constexpr double kMaxWindow = 1 << 28;

// log Σ_j f_j e^{t j} over the nonzero range [lo, hi], by powers of e^{-|t|} from the dominant
// end so that nothing overflows.
double log_mgf(const std::vector<double>& f, std::size_t lo, std::size_t hi, double t) {
  double sum = 0;
  double w = 1;
  const double r = std::exp(-std::fabs(t));
  if (t >= 0) {
    for (std::size_t j = hi + 1; j-- > lo;) {
      sum += f[j] * w;
      w *= r;
    }
    return t * static_cast<double>(hi) + std::log(sum);
  }
  for (std::size_t j = lo; j <= hi; ++j) {
    sum += f[j] * w;
    w *= r;
  }
  return t * static_cast<double>(lo) + std::log(sum);
}

}  // namespace

GridWindow aggregate_window(const Frequency& frequency, const SeverityGrid& severity, double tail) {
  const auto& f = severity.pmf;
  std::size_t lo = f.size();
  std::size_t hi = 0;
  for (std::size_t j = 0; j < f.size(); ++j) {
    if (f[j] > 0) {
      lo = std::min(lo, j);
      hi = j;
    }
  }
  if (lo == f.size() || hi == 0) return GridWindow{0, 1};  // every claim costs 0 (or none fit)

  // Scale of the tilts worth trying: from well below 1/sd(S) to the point where e^{t·hi}
  // overflows anyway.
  const double h = severity.step;
  const auto moments =
      compound_moments(frequency, severity.raw_moment(1) / h, severity.raw_moment(2) / (h * h),
                       severity.raw_moment(3) / (h * h * h));
  const double scale = moments.sd() + static_cast<double>(hi) + 1;
  const double t_lo = 1e-3 / scale;
  const double t_hi = 50.0;
  const double ratio = std::pow(t_hi / t_lo, 1.0 / (kTiltPoints - 1));
  const double log_right = std::log(tail);
  const double log_left = std::log(kLeftTail);

  double best_right = std::numeric_limits<double>::infinity();
  double best_left = 0;
  double t = t_lo;
  for (int i = 0; i < kTiltPoints; ++i, t *= ratio) {
    const double up = log_mgf(f, lo, hi, t);
    if (up < 700) {
      const double k = frequency.log_pgf(std::exp(up));
      if (std::isfinite(k)) best_right = std::min(best_right, (k - log_right) / t);
    }
    const double k_down = frequency.log_pgf(std::exp(log_mgf(f, lo, hi, -t)));
    if (std::isfinite(k_down)) best_left = std::max(best_left, (log_left - k_down) / t);
  }
  if (!std::isfinite(best_right)) best_right = static_cast<double>(hi) * (moments.mean + 1);
  GridWindow window;
  window.first = static_cast<std::int64_t>(std::floor(best_left));
  const double end = std::ceil(best_right) + 1;
  if (end - static_cast<double>(window.first) > kMaxWindow)
    throw UsageError(fmt::format(
        "the aggregate spans about {:.3g} grid steps, more than {:.3g}: use a larger --step",
        end - static_cast<double>(window.first), kMaxWindow));
  window.end = std::max(window.first + 1, static_cast<std::int64_t>(end));
  return window;
}

}  // namespace pco

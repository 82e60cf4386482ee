#include "risk/severity.hpp"

#include <cmath>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "core/error.hpp"
#include "risk/special.hpp"

namespace pco {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

void require(bool ok, const std::string& message) {
  if (!ok) throw UsageError(message);
}

bool positive(double v) {
  return std::isfinite(v) && v > 0;
}

double binomial_coefficient(int k, int j) {
  static constexpr double kTable[4][4] = {{1, 0, 0, 0}, {1, 1, 0, 0}, {1, 2, 1, 0}, {1, 3, 3, 1}};
  return kTable[k][j];
}

// Rising factorial a (a + 1) … (a + k - 1) = Γ(a + k) / Γ(a).
double rising(double a, int k) {
  double r = 1;
  for (int i = 0; i < k; ++i)
    r *= a + i;
  return r;
}

void check_weights(const std::vector<double>& w, const char* what) {
  double total = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    require(std::isfinite(w[i]) && w[i] >= 0 && w[i] <= 1,
            fmt::format("{}: probability {} must be in [0, 1], got {}", what, i + 1, w[i]));
    total += w[i];
  }
  require(std::fabs(total - 1.0) <= 1e-9,
          fmt::format("{}: probabilities must sum to 1, got {:.12g}", what, total));
}

}  // namespace

Severity Severity::lognormal(double meanlog, double sdlog) {
  require(std::isfinite(meanlog),
          fmt::format("lognormal: meanlog must be finite, got {}", meanlog));
  require(positive(sdlog), fmt::format("lognormal: sdlog must be > 0, got {}", sdlog));
  Severity s;
  s.kind_ = SeverityKind::lognormal;
  s.p1_ = meanlog;
  s.p2_ = sdlog;
  return s;
}

Severity Severity::gamma(double shape, double scale) {
  require(positive(shape), fmt::format("gamma: shape must be > 0, got {}", shape));
  require(positive(scale), fmt::format("gamma: scale must be > 0, got {}", scale));
  Severity s;
  s.kind_ = SeverityKind::gamma;
  s.p1_ = shape;
  s.p2_ = scale;
  return s;
}

Severity Severity::exponential(double rate) {
  require(positive(rate), fmt::format("exponential: rate must be > 0, got {}", rate));
  Severity s;
  s.kind_ = SeverityKind::exponential;
  s.p1_ = rate;
  return s;
}

Severity Severity::weibull(double shape, double scale) {
  require(positive(shape), fmt::format("weibull: shape must be > 0, got {}", shape));
  require(positive(scale), fmt::format("weibull: scale must be > 0, got {}", scale));
  Severity s;
  s.kind_ = SeverityKind::weibull;
  s.p1_ = shape;
  s.p2_ = scale;
  return s;
}

Severity Severity::pareto(double shape, double scale) {
  require(positive(shape), fmt::format("pareto: shape must be > 0, got {}", shape));
  require(positive(scale), fmt::format("pareto: scale must be > 0, got {}", scale));
  Severity s;
  s.kind_ = SeverityKind::pareto;
  s.p1_ = shape;
  s.p2_ = scale;
  return s;
}

Severity Severity::discrete(std::vector<double> values, std::vector<double> probabilities) {
  require(!values.empty(), "discrete: no values");
  require(values.size() == probabilities.size(),
          "discrete: values and probabilities differ in number");
  for (double v : values)
    require(std::isfinite(v) && v >= 0,
            fmt::format("discrete: values must be finite and >= 0, got {}", v));
  check_weights(probabilities, "discrete");
  Severity s;
  s.kind_ = SeverityKind::discrete;
  s.values_ = std::move(values);
  s.weights_ = std::move(probabilities);
  return s;
}

Severity Severity::mixture(std::vector<double> weights, std::vector<Severity> components) {
  require(!components.empty() && weights.size() == components.size(),
          "mixture: give one weight per component");
  check_weights(weights, "mixture");
  Severity s;
  s.kind_ = SeverityKind::mixture;
  s.weights_ = std::move(weights);
  for (auto& c : components)
    s.components_.push_back(std::make_shared<const Severity>(std::move(c)));
  return s;
}

Severity Severity::spliced(const Severity& body, const Severity& tail, double threshold,
                           double body_weight) {
  require(positive(threshold), fmt::format("spliced: threshold must be > 0, got {}", threshold));
  require(std::isfinite(body_weight) && body_weight >= 0 && body_weight <= 1,
          fmt::format("spliced: body weight must be in [0, 1], got {}", body_weight));
  require(body.cdf(threshold) > 0, "spliced: the body has no probability below the threshold");
  Severity s;
  s.kind_ = SeverityKind::spliced;
  s.threshold_ = threshold;
  s.weights_ = {body_weight};
  s.components_ = {std::make_shared<const Severity>(body), std::make_shared<const Severity>(tail)};
  return s;
}

std::string Severity::describe() const {
  switch (kind_) {
    case SeverityKind::lognormal:
      return fmt::format("lognormal(meanlog={}, sdlog={})", p1_, p2_);
    case SeverityKind::gamma:
      return fmt::format("gamma(shape={}, scale={})", p1_, p2_);
    case SeverityKind::exponential:
      return fmt::format("exponential(rate={})", p1_);
    case SeverityKind::weibull:
      return fmt::format("weibull(shape={}, scale={})", p1_, p2_);
    case SeverityKind::pareto:
      return fmt::format("pareto(shape={}, scale={})", p1_, p2_);
    case SeverityKind::discrete:
      return fmt::format("discrete({} values)", values_.size());
    case SeverityKind::mixture:
      return fmt::format("mixture({} components)", components_.size());
    case SeverityKind::spliced:
      return fmt::format("spliced({} below {}, {} above)", components_[0]->describe(), threshold_,
                         components_[1]->describe());
  }
  return "";
}

double Severity::cdf(double x) const {
  return partial_moment(0, x);
}

double Severity::partial_moment(int k, double x) const {
  if (x < 0) return 0.0;
  switch (kind_) {
    case SeverityKind::lognormal:
      if (x == 0) return 0.0;
      return std::exp(k * p1_ + 0.5 * k * k * p2_ * p2_) *
             normal_cdf((std::log(x) - p1_ - k * p2_ * p2_) / p2_);
    case SeverityKind::gamma:
      return std::pow(p2_, k) * rising(p1_, k) * regularized_gamma_p(p1_ + k, x / p2_);
    case SeverityKind::exponential:
      return std::pow(1 / p1_, k) * rising(1.0, k) * regularized_gamma_p(1.0 + k, x * p1_);
    case SeverityKind::weibull:
      return std::pow(p2_, k) * std::tgamma(1.0 + k / p1_) *
             regularized_gamma_p(1.0 + k / p1_, std::pow(x / p2_, p1_));
    case SeverityKind::pareto: {
      // With Y = X + θ, E[Y^j; Y <= x + θ] = α θ^j ((1 + x/θ)^(j-α) - 1) / (j - α); expand
      // X^k = (Y - θ)^k binomially.
      const double alpha = p1_;
      const double theta = p2_;
      const double log_ratio = std::log1p(x / theta);
      double sum = 0;
      for (int j = 0; j <= k; ++j) {
        double ij = 0;
        if (std::isinf(x)) {
          if (j >= alpha) return kInf;
          ij = alpha * std::pow(theta, j) / (alpha - j);
        } else if (j == alpha) {
          ij = alpha * std::pow(theta, j) * log_ratio;
        } else {
          ij = alpha * std::pow(theta, j) * std::expm1((j - alpha) * log_ratio) / (j - alpha);
        }
        sum += binomial_coefficient(k, j) * std::pow(-theta, k - j) * ij;
      }
      return sum;
    }
    case SeverityKind::discrete: {
      double sum = 0;
      for (std::size_t i = 0; i < values_.size(); ++i)
        if (values_[i] <= x) sum += std::pow(values_[i], k) * weights_[i];
      return sum;
    }
    case SeverityKind::mixture: {
      double sum = 0;
      for (std::size_t i = 0; i < components_.size(); ++i)
        if (weights_[i] > 0) sum += weights_[i] * components_[i]->partial_moment(k, x);
      return sum;
    }
    case SeverityKind::spliced: {
      const auto& body = *components_[0];
      const auto& tail = *components_[1];
      const double w = weights_[0];
      const double t = threshold_;
      const double body_mass = body.cdf(t);
      if (x <= t) return w * body.partial_moment(k, x) / body_mass;
      double above = 0;
      if (w < 1) {
        for (int j = 0; j <= k; ++j)
          above += binomial_coefficient(k, j) * std::pow(t, k - j) * tail.partial_moment(j, x - t);
      }
      return w * body.partial_moment(k, t) / body_mass + (1 - w) * above;
    }
  }
  return 0.0;
}

double Severity::raw_moment(int k) const {
  switch (kind_) {
    case SeverityKind::lognormal:
      return std::exp(k * p1_ + 0.5 * k * k * p2_ * p2_);
    case SeverityKind::gamma:
      return std::pow(p2_, k) * rising(p1_, k);
    case SeverityKind::exponential:
      return rising(1.0, k) / std::pow(p1_, k);
    case SeverityKind::weibull:
      return std::pow(p2_, k) * std::tgamma(1.0 + k / p1_);
    case SeverityKind::pareto: {
      if (p1_ <= k) return kInf;
      double r = std::pow(p2_, k) * rising(1.0, k);
      for (int i = 1; i <= k; ++i)
        r /= p1_ - i;
      return r;
    }
    case SeverityKind::discrete:
    case SeverityKind::mixture:
      return partial_moment(k, kInf);
    case SeverityKind::spliced: {
      const auto& body = *components_[0];
      const auto& tail = *components_[1];
      const double w = weights_[0];
      const double t = threshold_;
      double above = 0;
      if (w < 1) {
        for (int j = 0; j <= k; ++j)
          above +=
              binomial_coefficient(k, j) * std::pow(t, k - j) * (j == 0 ? 1.0 : tail.raw_moment(j));
      }
      return w * body.partial_moment(k, t) / body.cdf(t) + (1 - w) * above;
    }
  }
  return 0.0;
}

double Severity::limited_expected_value(double x) const {
  if (x <= 0) return 0.0;
  if (kind_ == SeverityKind::pareto) {
    // E[min(X, x)] = θ/(α-1) (1 - (θ/(x+θ))^(α-1)), θ log(1 + x/θ) when α = 1.
    const double log_ratio = std::log1p(x / p2_);
    if (p1_ == 1) return p2_ * log_ratio;
    return -p2_ / (p1_ - 1) * std::expm1(-(p1_ - 1) * log_ratio);
  }
  return partial_moment(1, x) + x * (1 - cdf(x));
}

}  // namespace pco

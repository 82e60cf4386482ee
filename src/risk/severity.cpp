#include "risk/severity.hpp"

#include <cmath>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "core/error.hpp"
#include "risk/checks.hpp"
#include "risk/special.hpp"

namespace pco {

namespace {

using namespace risk_checks;

constexpr double kInf = std::numeric_limits<double>::infinity();

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

}  // namespace

Severity Severity::parametric(SeverityKind kind, double p1, double p2) {
  Severity s;
  s.kind_ = kind;
  s.p1_ = p1;
  s.p2_ = p2;
  return s;
}

Severity Severity::lognormal(double meanlog, double sdlog) {
  require(std::isfinite(meanlog),
          fmt::format("lognormal: meanlog must be finite, got {}", meanlog));
  require_positive(sdlog, "lognormal", "sdlog");
  return parametric(SeverityKind::lognormal, meanlog, sdlog);
}

Severity Severity::gamma(double shape, double scale) {
  require_positive(shape, "gamma", "shape");
  require_positive(scale, "gamma", "scale");
  return parametric(SeverityKind::gamma, shape, scale);
}

Severity Severity::exponential(double rate) {
  require_positive(rate, "exponential", "rate");
  return parametric(SeverityKind::exponential, rate, 0);
}

Severity Severity::weibull(double shape, double scale) {
  require_positive(shape, "weibull", "shape");
  require_positive(scale, "weibull", "scale");
  return parametric(SeverityKind::weibull, shape, scale);
}

Severity Severity::pareto(double shape, double scale) {
  require_positive(shape, "pareto", "shape");
  require_positive(scale, "pareto", "scale");
  return parametric(SeverityKind::pareto, shape, scale);
}

Severity Severity::discrete(std::vector<double> values, std::vector<double> probabilities) {
  require(!values.empty(), "discrete: no values");
  require(values.size() == probabilities.size(),
          "discrete: values and probabilities differ in number");
  for (double v : values)
    require(std::isfinite(v) && v >= 0,
            fmt::format("discrete: values must be finite and >= 0, got {}", v));
  require_distribution(probabilities, "discrete", "probability of value {}");
  Severity s;
  s.kind_ = SeverityKind::discrete;
  s.values_ = std::move(values);
  s.weights_ = std::move(probabilities);
  return s;
}

Severity Severity::mixture(std::vector<double> weights, std::vector<Severity> components) {
  require(!components.empty() && weights.size() == components.size(),
          "mixture: give one weight per component");
  require_distribution(weights, "mixture", "weight {}");
  Severity s;
  s.kind_ = SeverityKind::mixture;
  s.weights_ = std::move(weights);
  for (auto& c : components)
    s.components_.push_back(std::make_shared<const Severity>(std::move(c)));
  return s;
}

Severity Severity::spliced(const Severity& body, const Severity& tail, double threshold,
                           double body_weight) {
  require_positive(threshold, "spliced", "threshold");
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

Severity Severity::scaled(double factor) const {
  require_positive(factor, "scaled severity", "factor");
  if (factor == 1) return *this;
  Severity s = *this;
  switch (kind_) {
    case SeverityKind::lognormal:
      s.p1_ = p1_ + std::log(factor);
      break;
    case SeverityKind::exponential:
      s.p1_ = p1_ / factor;
      break;
    case SeverityKind::gamma:
    case SeverityKind::weibull:
    case SeverityKind::pareto:
      s.p2_ = p2_ * factor;
      break;
    case SeverityKind::discrete:
      for (auto& v : s.values_)
        v *= factor;
      break;
    case SeverityKind::spliced:
      s.threshold_ = threshold_ * factor;
      [[fallthrough]];
    case SeverityKind::mixture:
      for (auto& c : s.components_)
        c = std::make_shared<const Severity>(c->scaled(factor));
      break;
  }
  return s;
}

std::vector<double> Severity::identity() const {
  std::vector<double> out{static_cast<double>(kind_),
                          p1_,
                          p2_,
                          threshold_,
                          static_cast<double>(values_.size()),
                          static_cast<double>(weights_.size()),
                          static_cast<double>(components_.size())};
  out.insert(out.end(), values_.begin(), values_.end());
  out.insert(out.end(), weights_.begin(), weights_.end());
  for (const auto& c : components_) {
    const auto inner = c->identity();
    out.push_back(static_cast<double>(inner.size()));
    out.insert(out.end(), inner.begin(), inner.end());
  }
  return out;
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

namespace pco {

double Severity::survival(double x) const {
  if (x < 0) return 1.0;
  switch (kind_) {
    case SeverityKind::lognormal:
      if (x == 0) return 1.0;
      return normal_cdf(-(std::log(x) - p1_) / p2_);
    case SeverityKind::gamma:
      return regularized_gamma_q(p1_, x / p2_);
    case SeverityKind::exponential:
      return std::exp(-p1_ * x);
    case SeverityKind::weibull:
      return std::exp(-std::pow(x / p2_, p1_));
    case SeverityKind::pareto:
      return std::exp(-p1_ * std::log1p(x / p2_));
    case SeverityKind::discrete: {
      double sum = 0;
      for (std::size_t i = 0; i < values_.size(); ++i)
        if (values_[i] > x) sum += weights_[i];
      return sum;
    }
    case SeverityKind::mixture: {
      double sum = 0;
      for (std::size_t i = 0; i < components_.size(); ++i)
        if (weights_[i] > 0) sum += weights_[i] * components_[i]->survival(x);
      return sum;
    }
    case SeverityKind::spliced:
      if (x <= threshold_) return 1.0 - cdf(x);
      return (1 - weights_[0]) * components_[1]->survival(x - threshold_);
  }
  return 0.0;
}

double Severity::mass_between(double a, double b) const {
  const double fa = cdf(a);
  if (fa <= 0.5) return cdf(b) - fa;
  return survival(a) - survival(b);
}

double Severity::stop_loss(double x) const {
  x = std::max(x, 0.0);
  switch (kind_) {
    case SeverityKind::lognormal: {
      if (x == 0) return raw_moment(1);
      const double z = (std::log(x) - p1_) / p2_;
      return raw_moment(1) * normal_cdf(-(z - p2_)) - x * normal_cdf(-z);
    }
    case SeverityKind::gamma:
      return p1_ * p2_ * regularized_gamma_q(p1_ + 1, x / p2_) -
             x * regularized_gamma_q(p1_, x / p2_);
    case SeverityKind::exponential:
      return std::exp(-p1_ * x) / p1_;
    case SeverityKind::weibull: {
      const double y = std::pow(x / p2_, p1_);
      return p2_ * std::tgamma(1 + 1 / p1_) * regularized_gamma_q(1 + 1 / p1_, y) -
             x * std::exp(-y);
    }
    case SeverityKind::pareto:
      if (p1_ <= 1) return kInf;
      // θ/(α-1) (θ/(x+θ))^(α-1).
      return p2_ / (p1_ - 1) * std::exp(-(p1_ - 1) * std::log1p(x / p2_));
    case SeverityKind::discrete: {
      double sum = 0;
      for (std::size_t i = 0; i < values_.size(); ++i)
        if (values_[i] > x) sum += (values_[i] - x) * weights_[i];
      return sum;
    }
    case SeverityKind::mixture: {
      double sum = 0;
      for (std::size_t i = 0; i < components_.size(); ++i)
        if (weights_[i] > 0) sum += weights_[i] * components_[i]->stop_loss(x);
      return sum;
    }
    case SeverityKind::spliced: {
      const auto& body = *components_[0];
      const auto& tail = *components_[1];
      const double w = weights_[0];
      const double t = threshold_;
      if (x >= t) return (1 - w) * tail.stop_loss(x - t);
      // Body part: E[(B - x)+; B <= t] / F_B(t); tail part: t - x + E[T].
      const double body_part =
          (body.partial_moment(1, t) - body.partial_moment(1, x)) - x * (body.cdf(t) - body.cdf(x));
      return w * body_part / body.cdf(t) + (1 - w) * (t - x + tail.raw_moment(1));
    }
  }
  return 0.0;
}

double Severity::integrated_survival(double a, double b) const {
  if (cdf(a) <= 0.5) return limited_expected_value(b) - limited_expected_value(a);
  return stop_loss(a) - stop_loss(b);
}

}  // namespace pco

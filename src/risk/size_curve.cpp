#include "risk/size_curve.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/error.hpp"
#include "model/reference_profile.hpp"
#include "risk/holder_risk.hpp"

namespace pco {

namespace {

// Expected events per person-year of a service over the national reference profile.
double events_per_head(const ServiceLine& s) {
  const auto& profile = national_reference_profile();
  double people = 0;
  double events = 0;
  for (std::size_t c = 0; c < profile.size(); ++c) {
    people += profile[c];
    events += profile[c] * s.rates[c];
  }
  return events / people;
}

}  // namespace

std::vector<double> default_size_curve_populations() {
  return {2e3, 3e3, 5e3, 1e4, 2e4, 3e4, 5e4, 1e5, 2e5, 3e5, 5e5, 1e6, 2e6};
}

std::vector<SizePoint> size_curve(const ServiceModel& model, const std::vector<double>& populations,
                                  double margin, const std::string& service,
                                  const GridSettings& grid) {
  const ServiceLine* named = nullptr;
  for (const auto& s : model.services)
    if (s.name == service) named = &s;
  if (!service.empty() && named == nullptr)
    throw UsageError(fmt::format("the service model has no service \"{}\"", service));
  std::vector<SizePoint> points;
  FftPool pool;
  for (double n : populations) {
    std::vector<CostComponent> components;
    for (const auto& s : model.services)
      components.push_back({s.name, service_frequency(s, n * events_per_head(s)), s.severity});
    const auto cost = cost_distribution(components, grid, 0, &pool);
    SizePoint p;
    p.population = n;
    p.expected_cost = cost.exact_mean;
    const double budget = cost.exact_mean * (1 + margin);
    const auto m = risk_measures(cost.distribution, budget);
    p.cv = m.cv;
    p.p_overspend_5pct = m.p_overspend_5pct;
    p.p_overspend_10pct = m.p_overspend_10pct;
    p.reserve99_pct = 100 * m.reserve99 / budget;
    if (named != nullptr) {
      const auto f = service_frequency(*named, n * events_per_head(*named));
      const double m1 = named->severity.raw_moment(1);
      const double m2 = named->severity.raw_moment(2);
      p.service_cv =
          std::sqrt(f.mean() * (m2 - m1 * m1) + f.variance() * m1 * m1) / (f.mean() * m1);
    }
    points.push_back(p);
  }
  return points;
}

}  // namespace pco

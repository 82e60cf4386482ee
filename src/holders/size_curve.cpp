#include "holders/size_curve.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/error.hpp"
#include "holders/holder_risk.hpp"
#include "risk/total_cost.hpp"

namespace pco {

std::vector<double> default_size_curve_populations() {
  return {2e3, 3e3, 5e3, 1e4, 2e4, 3e4, 5e4, 1e5, 2e5, 3e5, 5e5, 1e6, 2e6};
}

std::vector<SizePoint> size_curve(const ServiceModel& model, const std::vector<double>& populations,
                                  double margin, const std::string& service,
                                  const GridSettings& grid, const RiskSources& sources) {
  const ServiceLine* named = nullptr;
  for (const auto& s : model.services)
    if (s.name == service) named = &s;
  if (!service.empty() && named == nullptr)
    throw UsageError(fmt::format("the service model has no service \"{}\"", service));
  std::vector<SizePoint> points;
  RiskWorkspace workspace;
  for (double n : populations) {
    std::vector<CostComponent> components;
    for (const auto& s : model.services)
      components.push_back(
          {s.name, service_frequency(s, n * national_events_per_head(s)), s.severity});
    const auto cost = cost_distribution(components, grid, 0, &workspace);
    const auto total =
        total_cost(cost, formula_error_sd(sources, std::min(1.0, sources.effective_list / n)),
                   shock_error_sd(sources), sources.chance);
    SizePoint p;
    p.population = n;
    p.expected_cost = cost.exact_mean;
    const double budget = cost.exact_mean * (1 + margin);
    const auto m = risk_measures(total.distribution, budget);
    p.cv = m.cv;
    p.cv_chance = total.sd_chance / total.expected;
    p.cv_formula = total.sd_formula / total.expected;
    p.cv_shock = total.sd_shock / total.expected;
    p.grid_tail_mass = total.grid_tail_mass;
    p.p_overspend_5pct = m.p_overspend_5pct;
    p.p_overspend_10pct = m.p_overspend_10pct;
    p.reserve99_pct = 100 * m.reserve99 / budget;
    if (named != nullptr) {
      const auto f = service_frequency(*named, n * national_events_per_head(*named));
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

#include "demand/service.hpp"

#include <cmath>

#include <fmt/format.h>

#include "model/reference_profile.hpp"

namespace pco {

namespace {

double mid_age(int band) {
  // The open 95+ band is given mid-age 97.5, as if it ended at 100.
  return band_lower_age(band) + 2.5;
}

}  // namespace

CellValues curve_rates(const AgeCurve& curve) {
  CellValues shape{};
  for (int cell = 0; cell < kCells; ++cell) {
    const int band = cell_band(cell);
    const double d = mid_age(band) - 50.0;
    double r = curve.floor + std::exp(curve.slope * d + curve.curvature * (d / 10) * (d / 10));
    if (band == 0) r += curve.infant;
    if (cell_sex(cell) == Sex::female) r *= curve.female_ratio;
    shape[static_cast<std::size_t>(cell)] = r;
  }
  const auto& profile = national_reference_profile();
  double people = 0;
  double events = 0;
  for (int cell = 0; cell < kCells; ++cell) {
    people += profile[static_cast<std::size_t>(cell)];
    events += profile[static_cast<std::size_t>(cell)] * shape[static_cast<std::size_t>(cell)];
  }
  const double scale = events > 0 ? curve.rate_per_head * people / events : 0.0;
  for (auto& r : shape)
    r *= scale;
  return shape;
}

double expected_events(const ServiceLine& service, const CellCounts& counts, double need) {
  double events = 0;
  for (std::size_t c = 0; c < counts.size(); ++c)
    events += static_cast<double>(counts[c]) * service.rates[c];
  return service.need_scaled ? events * need : events;
}

Frequency service_frequency(const ServiceLine& service, double events) {
  if (service.phi <= 0 || events <= 0) return Frequency::poisson(events);
  return Frequency::negative_binomial(events / service.phi, 1.0 / (1.0 + service.phi));
}

double national_events_per_head(const ServiceLine& service) {
  const auto& profile = national_reference_profile();
  double people = 0;
  double events = 0;
  for (int cell = 0; cell < kCells; ++cell) {
    people += profile[static_cast<std::size_t>(cell)];
    events +=
        profile[static_cast<std::size_t>(cell)] * service.rates[static_cast<std::size_t>(cell)];
  }
  return events / people;
}

CellValues service_cost_weights(const ServiceModel& model) {
  CellValues cells{};
  for (const auto& line : model.services) {
    const double events = national_events_per_head(line);
    const double per_event = events > 0 ? national_cost_per_head(line) / events : 0;
    for (int cell = 0; cell < kCells; ++cell)
      cells[static_cast<std::size_t>(cell)] +=
          line.rates[static_cast<std::size_t>(cell)] * per_event;
  }
  return cells;
}

const CellValues& default_service_weights() {
  static const CellValues cells = service_cost_weights(default_service_model());
  return cells;
}

double national_cost_per_head(const ServiceLine& service) {
  return national_events_per_head(service) * service.severity.mean();
}

std::string lognormal_spec(double mean, double cv) {
  const double sdlog = std::sqrt(std::log1p(cv * cv));
  const double meanlog = std::log(mean) - sdlog * sdlog / 2;
  return fmt::format("lognormal:{:.10g},{:.10g}", meanlog, sdlog);
}

}  // namespace pco

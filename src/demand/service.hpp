#pragma once
// Service lines: what a registered population demands (events per person-year by age-sex cell,
// clustered as a negative binomial) and what each event costs (a severity of the risk engine),
// and the commissioning level that holds the budget for it. docs/services.md documents the
// model and the default England lines.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/age_sex.hpp"
#include "model/population.hpp"
#include "risk/frequency.hpp"
#include "risk/severity.hpp"

namespace pco {

// A parametric age curve: rate(cell) = scale · (floor + infant·[age 0-4] +
// exp(slope·(a − 50) + curvature·((a − 50)/10)²)) · (female_ratio for women), a the band's
// mid-age; `scale` is solved so that the national reference profile has `rate_per_head`.
struct AgeCurve {
  double rate_per_head = 0;  // events per person-year, England average
  double slope = 0;          // per year of age
  double curvature = 0;      // per decade squared (negative: a peak)
  double infant = 0;         // extra rate at 0-4, relative to the curve at 50
  double floor = 0;          // age-independent part, relative to the curve at 50
  double female_ratio = 1;   // women's rate / men's rate
};
CellValues curve_rates(const AgeCurve& curve);

struct ProviderShare {
  std::string name;
  double share = 0;
};

// Which organisations hold the budget for a service.
inline constexpr const char* kPracticeLevel = "practice";
inline constexpr const char* kNationalLevel = "national";
inline constexpr const char* kOrganisationLevel = "organisation";  // the scenario's default level

struct ServiceLine {
  std::string name;
  CellValues rates{};        // events per person-year by canonical cell
  bool need_scaled = false;  // rates × the practice's need index
  double phi = 0;            // over-dispersion: Var N / E N = 1 + phi
  Severity severity = Severity::exponential(1);
  std::string severity_text;  // as given, for reports
  std::string level = kOrganisationLevel;
  std::vector<ProviderShare> providers;
  // Where the service was defined (scenario line), 0 for built-in lines.
  std::size_t line = 0;
  std::size_t column = 0;
};

struct ServiceModel {
  std::string source;  // "default England model" or the scenario file
  std::vector<ServiceLine> services;
};

// Expected events in a year for a list: Σ_cells n_c · rate_c · need.
double expected_events(const ServiceLine& service, const CellCounts& counts, double need = 1);
// The claim count of a list with `events` expected events: NB(size events/φ, prob 1/(1+φ)),
// or Poisson when φ = 0, so that the counts of several lists add to the same family exactly.
Frequency service_frequency(const ServiceLine& service, double events);
// Expected events and cost per person-year of a service over the national reference profile.
double national_events_per_head(const ServiceLine& service);
double national_cost_per_head(const ServiceLine& service);
// Lognormal severity with the given mean and coefficient of variation, as the spec string
// "lognormal:MEANLOG,SDLOG" the risk engine parses.
std::string lognormal_spec(double mean, double cv);

// The default England service model (docs/services.md).
ServiceModel default_service_model();

// The expected annual cost (£) of a person in each age-sex cell under `model`: Σ_services
// rate × mean cost per event (national). The allocation's `pco_services` weights.
CellValues service_cost_weights(const ServiceModel& model);
// service_cost_weights of the default model, computed once.
const CellValues& default_service_weights();

}  // namespace pco

// The default England service model. Every figure is documented with its source and its
// uncertainty in docs/services.md; the two must change together (a test checks the per-head
// costs).
#include "demand/service.hpp"
#include "risk/model_spec.hpp"

namespace pco {

namespace {

struct DefaultLine {
  const char* name;
  AgeCurve curve;
  double phi;
  double mean_cost;  // £ per event
  double cost_cv;
};

// Rare costly referrals are calibrated to this share of hospital and community health services
// cost (Bachmann & Bevan, BMJ 1996;313:1054).
constexpr double kRareCostlyShare = 0.028;
constexpr double kRareCostlyMean = 25000;
constexpr double kRareCostlyCv = 3.0;

// {rate_per_head, slope, curvature, infant, floor, female_ratio}
const DefaultLine kHospitalAndCommunity[] = {
    {"elective", {0.13, 0.05, -0.1, 0.1, 0.15, 1.1}, 4.0, 1400, 1.5},
    {"non_elective", {0.107, 0.045, 0.0, 1.5, 0.3, 1.0}, 0.5, 2300, 1.6},
    {"outpatient", {1.6, 0.03, -0.05, 0.3, 0.3, 1.25}, 1.5, 135, 0.6},
    {"ae", {0.41, 0.02, 0.05, 1.0, 0.6, 1.0}, 0.5, 165, 0.6},
    {"mental_health", {0.06, -0.005, -0.1, 0.0, 0.3, 1.1}, 2.0, 3500, 2.5},
    {"community", {1.6, 0.06, 0.0, 0.5, 0.2, 1.2}, 3.0, 105, 1.0},
};
const DefaultLine kRareCostlyShape = {
    "rare_costly", {1.0, 0.02, 0.0, 2.0, 0.5, 1.0}, 0.2, kRareCostlyMean, kRareCostlyCv};
const DefaultLine kOther[] = {
    {"prescribing", {18.8, 0.045, -0.03, 0.1, 0.1, 1.3}, 10.0, 8.0, 2.5},
    {"primary_medical", {5.0, 0.02, 0.0, 0.8, 0.5, 1.3}, 2.0, 28, 0.5},
};

ServiceLine make_line(const DefaultLine& d) {
  ServiceLine s;
  s.name = d.name;
  s.rates = curve_rates(d.curve);
  s.phi = d.phi;
  s.severity_text = lognormal_spec(d.mean_cost, d.cost_cv);
  s.severity = parse_severity_spec(s.severity_text);
  s.level = kOrganisationLevel;
  return s;
}

}  // namespace

ServiceModel default_service_model() {
  ServiceModel model;
  model.source = "default England model";
  double hchs = 0;
  for (const auto& d : kHospitalAndCommunity) {
    model.services.push_back(make_line(d));
    hchs += national_cost_per_head(model.services.back());
  }
  // Solve r · mean = share · (hchs + r · mean) for the rate per head r.
  DefaultLine rare = kRareCostlyShape;
  rare.curve.rate_per_head = kRareCostlyShare / (1 - kRareCostlyShare) * hchs / kRareCostlyMean;
  model.services.push_back(make_line(rare));
  for (const auto& d : kOther)
    model.services.push_back(make_line(d));
  return model;
}

}  // namespace pco

#include "appraisal/parameters.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "core/error.hpp"
#include "scenario/toml_check.hpp"

namespace pco {

namespace {

// Sources and reasoning for each default: docs/appraisal.md, "Parameters".
const std::vector<AppraisalParameter> kDefaults = {
    {"discount_rate", 0.035, 0.015, 0.05},
    {"fixed_cost", 850'000, 800'000, 900'000},
    {"cost_per_head", 18.0, 15.0, 22.0},
    {"small_scale_cost_per_head", 5.0, 0.0, 10.0},
    {"scale_limit", 100'000, 50'000, 150'000},
    {"share_management", 0.5, 0.3, 0.7},
    {"share_commissioning", 0.2, 0.1, 0.3},
    {"share_public_health", 0.05, 0.0, 0.1},
    {"share_back_office", 0.15, 0.1, 0.2},
    {"federation_cost", 100'000, 0, 300'000},
    {"transition_cost_per_head", 5.0, 2.0, 10.0},
    {"transition_cost_per_organisation", 1'000'000, 500'000, 2'000'000},
    {"federation_setup_cost", 100'000, 0, 300'000},
    {"dip_depth", 0.001, 0.0, 0.005},
    {"recovery_years", 2.5, 2.0, 3.0},
    {"savings_lag_years", 2.0, 1.0, 3.0},
    {"engagement_best", 30'000, 20'000, 50'000, false},
    {"engagement_remote", 100'000, 80'000, 150'000, false},
};

}  // namespace

AppraisalParameters::AppraisalParameters() : params_(kDefaults) {}

double AppraisalParameters::get(std::string_view name) const {
  for (const auto& p : params_)
    if (p.name == name) return p.value;
  throw std::out_of_range(fmt::format("no appraisal parameter {}", name));
}

void AppraisalParameters::set(std::string_view name, double value) {
  for (auto& p : params_)
    if (p.name == name) {
      p.value = value;
      return;
    }
  throw std::out_of_range(fmt::format("no appraisal parameter {}", name));
}

std::vector<std::string_view> appraisal_parameter_names() {
  std::vector<std::string_view> names;
  for (const auto& p : kDefaults)
    names.push_back(p.name);
  return names;
}

AppraisalParameters read_appraisal_parameters(const Scenario& scenario) {
  AppraisalParameters params;
  const auto* section = scenario.table.get_as<toml::table>("appraisal");
  if (!section) return params;
  const auto file = scenario.file.string();
  DiagnosticList problems;
  const toml::table* ranges = section->get_as<toml::table>("range");
  for (auto& p : params.all()) {
    if (const auto* node = section->get(p.name)) {
      const auto v = node->value<double>();
      if (!v || *v < 0 || (p.name == "discount_rate" && *v >= 1)) {
        problems.add(toml_diagnostic(*node, file, fmt::format("appraisal.{}", p.name),
                                     toml_value_text(*node),
                                     "a number >= 0 (discount_rate below 1)"));
      } else {
        p.value = *v;
        // A value set without a range keeps the default range around it only if inside it.
        if (p.value < p.low) p.low = p.value;
        if (p.value > p.high) p.high = p.value;
      }
    }
    if (!ranges) continue;
    if (const auto* node = ranges->get(p.name)) {
      const auto* arr = node->as_array();
      std::optional<double> lo, hi;
      if (arr && arr->size() == 2) {
        lo = (*arr)[0].value<double>();
        hi = (*arr)[1].value<double>();
      }
      if (!lo || !hi || *lo > *hi || *lo < 0 || p.value < *lo || p.value > *hi) {
        problems.add(toml_diagnostic(
            *node, file, fmt::format("appraisal.range.{}", p.name), toml_value_text(*node),
            fmt::format("[low, high] with 0 <= low <= {} <= high", p.value)));
      } else {
        p.low = *lo;
        p.high = *hi;
      }
    }
  }
  if (params.get("engagement_best") >= params.get("engagement_remote")) {
    problems.add({file, 0, 0, "appraisal.engagement_best",
                  fmt::format("{}", params.get("engagement_best")),
                  "a population below appraisal.engagement_remote"});
  }
  problems.throw_if_any();
  return params;
}

}  // namespace pco

#pragma once
// The appraisal's parameters: one table of names, defaults, low/high ranges and sources, used
// by the scenario reader, the Monte Carlo over ranges, the tornado and the documentation
// (docs/appraisal.md lists the same values).
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario.hpp"

namespace pco {

struct AppraisalParameter {
  std::string_view name;
  double value = 0;
  double low = 0;
  double high = 0;
  bool in_npv = true;  // false: descriptive only (e.g. engagement marks), left out of the tornado
};

class AppraisalParameters {
 public:
  AppraisalParameters();  // the documented defaults
  double get(std::string_view name) const;
  void set(std::string_view name, double value);  // throws std::out_of_range for a typo
  const std::vector<AppraisalParameter>& all() const { return params_; }
  std::vector<AppraisalParameter>& all() { return params_; }

 private:
  std::vector<AppraisalParameter> params_;
};

// Values and ranges from `[appraisal]` (`name = value`, `[appraisal.range] name = [low, high]`).
// Throws InputError listing every bad value with its line and column.
AppraisalParameters read_appraisal_parameters(const Scenario& scenario);

// The parameter names, for the schema.
std::vector<std::string_view> appraisal_parameter_names();

}  // namespace pco

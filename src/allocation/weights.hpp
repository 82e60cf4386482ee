#pragma once
// Age-sex cost weights over the canonical cells: the built-in published curves and the
// reader for a user's own weights file. See docs/allocation.md for every source.

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "model/age_sex.hpp"
#include "readers/population_file.hpp"

namespace pco {

struct WeightCurve {
  std::string name;
  CellValues cells{};
  std::string source;  // where the numbers come from, for reports and docs
};

// Names accepted by `weights = "..."` in a formula component: the published curves built in
// here, then kServicesCurve.
const std::vector<std::string>& builtin_weight_names();
// The named published curve, or nullptr (also for kServicesCurve).
const WeightCurve* builtin_weights(std::string_view name);

// pco's own age-sex curve: the expected annual cost of a person in each cell under a service
// model, whose cells the caller gives (demand/service.hpp, default_service_weights) so that
// allocation/ needs no service model of its own.
inline constexpr std::string_view kServicesCurve = "pco_services";
WeightCurve services_weight_curve(const CellValues& cells);

// Reads `sex,age_band,weight`. An age band may be a quinary band ("75-79", "95+") or one of
// the 9 list-size bands ("5-14", "75+"), which sets every quinary cell it covers. Every one of
// the 40 cells must end up with a weight of 0 or more; each missing cell, bad value and
// duplicate is added to `problems`.
WeightCurve read_weight_file(const TextFile& file, DiagnosticList& problems);

}  // namespace pco

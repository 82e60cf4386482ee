#include "sim/simulation_settings.hpp"

#include <cmath>
#include <type_traits>

#include <fmt/format.h>

#include "core/error.hpp"
#include "demand/service_scenario.hpp"
#include "scenario/toml_check.hpp"

namespace pco {

namespace {

constexpr std::int64_t kMaxReplications = 100'000'000;
constexpr std::int64_t kMaxYears = 100;

// A value of [simulation] checked against [lo, hi]; a wrong type is the schema check's.
template <typename T>
void read_in_range(const toml::table& t, std::string_view key, T lo, T hi, const char* expected,
                   const std::string& file, DiagnosticList& problems, auto& target) {
  const auto* node = t.get(key);
  if (node == nullptr) return;
  const auto value = node->value<T>();
  if (!value) return;
  if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(*value)) return;  // the schema check reports it
  }
  if (!(*value >= lo && *value <= hi)) {
    problems.add(toml_diagnostic(*node, file, "simulation." + std::string(key),
                                 toml_value_text(*node), expected));
    return;
  }
  target = static_cast<std::remove_reference_t<decltype(target)>>(*value);
}

}  // namespace

namespace {

// Reads every value of [simulation] into `s`, adding a problem for each one out of range.
void read_section(const toml::table& t, const std::string& file, DiagnosticList& problems,
                  SimulationSettings& s) {
  read_in_range<std::int64_t>(t, "replications", 1, kMaxReplications,
                              "a number of replications in [1, 100000000]", file, problems,
                              s.replications);
  read_in_range<std::int64_t>(t, "seed", 0, INT64_MAX, "a seed >= 0", file, problems, s.seed);
  read_in_range<std::int64_t>(t, "years", 1, kMaxYears, "a number of years in [1, 100]", file,
                              problems, s.years);
  read_in_range(t, "budget_growth", -0.5, 1.0, "a growth per year in [-0.5, 1]", file, problems,
                s.budget_growth);
  read_in_range(t, "demand_growth", -0.5, 1.0, "a growth per year in [-0.5, 1]", file, problems,
                s.demand_growth);
  read_in_range(t, "overspend_repay_cap", 0.0, 1.0, "a fraction of next year's budget in [0, 1]",
                file, problems, s.overspend_repay_cap);
  read_in_range(t, "underspend_keep_cap", 0.0, 1.0, "a fraction of next year's budget in [0, 1]",
                file, problems, s.underspend_keep_cap);
  read_in_range(t, "shock_cv", 0.0, 2.0, "a coefficient of variation in [0, 2]", file, problems,
                s.shock_cv);
  read_in_range(t, "regional_shock_cv", 0.0, 2.0, "a coefficient of variation in [0, 2]", file,
                problems, s.regional_shock_cv);
  s.region_level = t["region_level"].value_or(std::string{});
  s.level = t["level"].value_or(std::string{});
  s.arrangement = t["arrangement"].value_or(std::string{});
  s.hold_all = t["hold_all"].value_or(false);
  s.contracts = t["contracts"].value_or(true);
  if (s.regional_shock_cv > 0 && s.region_level.empty())
    problems.add(toml_diagnostic(*t.get("regional_shock_cv"), file, "simulation.regional_shock_cv",
                                 toml_value_text(*t.get("regional_shock_cv")),
                                 "a region_level naming the level that shares the shock"));
}

}  // namespace

void check_simulation_section(const toml::table& section, const std::string& file,
                              DiagnosticList& problems) {
  SimulationSettings ignored;
  read_section(section, file, problems, ignored);
}

SimulationSettings read_simulation_settings(const Scenario& scenario) {
  SimulationSettings s;
  if (scenario.seed) s.seed = *scenario.seed;
  // The national shock defaults to the exact risk's shared shock ([risk] shock_sd, or 0 when
  // [risk] sources leaves the shock out), so both describe the same year.
  s.shock_cv = shock_error_sd(read_risk_settings(scenario).sources);
  const auto* t = scenario.table.get_as<toml::table>("simulation");
  if (t == nullptr) return s;
  DiagnosticList problems;
  read_section(*t, scenario.file.string(), problems, s);
  problems.sort_by_position();
  problems.throw_if_any();
  return s;
}

void check_simulation_settings(const SimulationSettings& s) {
  // Every problem at once, one per line.
  std::string problems;
  const auto fail = [&problems](const std::string& what) {
    problems += fmt::format("{}{}", problems.empty() ? "" : "\n", what);
  };
  if (s.replications < 1 || s.replications > static_cast<std::uint64_t>(kMaxReplications))
    fail(fmt::format("replications: got {}, expected 1 ... 100000000", s.replications));
  if (s.years < 1 || s.years > kMaxYears)
    fail(fmt::format("years: got {}, expected 1 ... 100", s.years));
  if (s.regional_shock_cv > 0 && s.region_level.empty())
    fail("a regional shock needs a region level (region_level in [simulation])");
  if (!problems.empty()) throw UsageError(problems);
}

}  // namespace pco

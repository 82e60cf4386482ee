#pragma once
// Pace of change: moving organisations from their baseline allocations toward their formula
// targets over several years. The rule is documented step by step, with a worked example, in
// docs/allocation.md ("Pace of change").

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "allocation/allocate.hpp"

namespace pco {

struct PaceRule {
  double growth = 0;  // total growth of the money each year (0.05 = 5%)
  int years = 1;
  double floor = 0;                        // minimum growth for every organisation
  std::optional<double> extra;             // most extra growth (beyond the floor) an under-target
                                           // organisation gets to close its gap; none = no limit
  std::optional<double> cap;               // most growth an over-target organisation gets;
                                           // default: the floor
  std::optional<double> max_below_target;  // no organisation ends a year further below target
  std::vector<double> growth_by_year;      // when given (one per year), overrides `growth`
  // No organisation below target ends a year further below target (relatively) than it began
  // it, so that convergence is monotone: each year's distance from target is no larger.
  bool converge = false;

  double growth_in(int year) const {
    return growth_by_year.empty() ? growth : growth_by_year[static_cast<std::size_t>(year - 1)];
  }
};

struct PaceYear {
  int year = 0;
  std::int64_t total_pence = 0;
  std::vector<std::int64_t> target;  // this year's targets: formula shares of the total
  std::vector<std::int64_t> before;  // last year's allocations
  // Last year's targets: the formula's shares of last year's money. Distance before the year
  // compares `before` with these, so both sides are in the same year's money.
  std::vector<std::int64_t> target_before;
  std::vector<std::int64_t> after;  // this year's allocations
  std::vector<bool> under_target;   // after the floor, still below target

  double distance_before_pct(std::size_t i) const;  // before[i] against target_before[i]
  double distance_after_pct(std::size_t i) const;   // after[i] against target[i]
};

// Runs the rule from `baseline` (pence per organisation) toward the shares `target_weights`
// (any non-negative numbers, e.g. formula targets). Throws UsageError when the floor or the
// distance limit costs more than the growth provides.
std::vector<PaceYear> run_pace(const std::vector<std::int64_t>& baseline,
                               const std::vector<long double>& target_weights,
                               const PaceRule& rule);

struct PaceInputs {
  PaceRule rule;
  std::filesystem::path baseline_file;
  std::string stream;  // only this funding stream converges; "" = the whole allocation
};

// Reads [pace] from a scenario document; nullopt when the section is absent. Problems are
// added to `problems`.
std::optional<PaceInputs> read_pace(const toml::table& document, const std::string& scenario_file,
                                    const std::filesystem::path& base_dir,
                                    DiagnosticList& problems);

// Reads `code,allocation_pence` (or `code,<stream>_pence` for one stream): one row for every
// organisation of `allocation`, no others. Throws InputError listing every unknown, duplicate,
// missing or bad row.
std::vector<std::int64_t> read_baseline(const std::filesystem::path& path,
                                        const LevelAllocation& allocation,
                                        const std::string& stream = {});

}  // namespace pco

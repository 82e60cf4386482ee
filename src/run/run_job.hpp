#pragma once
// The main job (`pco run`, `pco demo`): load the economy, run every capability the scenario
// asks for, then write the results store, the HTML report and CSV tables into one directory.
// Everything is computed before anything is written, and each file is written atomically, so
// a failed run leaves earlier results in place.

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "allocation/run.hpp"
#include "model/summary.hpp"
#include "scenario/economy.hpp"
#include "scenario/scenario.hpp"

namespace pco {

// Called at the start of each stage with its number, the stage count and a description.
using ProgressFn = std::function<void(int stage, int stages, std::string_view what)>;

struct RunResults {
  Economy economy;
  std::string level;                    // the organisation level reports lead with
  std::vector<LevelSummary> summaries;  // one per level of the configuration, bottom-up
  // Fair shares: the scenario's formula (or the default) at the lead level, with its pace of
  // change and pools, and the formula's targets at every level.
  AllocationRun allocation;
  std::vector<LevelAllocation> allocation_levels;
};

RunResults compute_run(const Scenario& scenario, const ProgressFn& progress);

struct RunFiles {
  std::int64_t run_id = 0;
  std::vector<std::filesystem::path> written;
};

// Writes results.db (adding a run), report.html and CSV tables (organisations, practices,
// allocations, practice budgets).
RunFiles write_run(const Scenario& scenario, const RunResults& results,
                   const std::filesystem::path& out_dir, const std::string& started_at,
                   const ProgressFn& progress);

// The embedded demo scenario: the synthetic economy with every capability switched on.
std::string_view demo_scenario_text();

// Current time in UTC as ISO 8601 (seconds).
std::string utc_now();

}  // namespace pco

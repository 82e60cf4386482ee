#pragma once
// The main job (`pco run`, `pco demo`): load the economy, run every capability the scenario
// asks for, then write the results store, the HTML report and CSV tables into one directory.
// Everything is computed before anything is written, and each file is written atomically, so
// a failed run leaves earlier results in place.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "allocation/economy.hpp"
#include "allocation/run.hpp"
#include "appraisal/appraisal.hpp"
#include "commissioning/commissioning_run.hpp"
#include "holders/holder_risk.hpp"
#include "holders/size_curve.hpp"
#include "model/summary.hpp"
#include "readers/geojson_boundaries.hpp"
#include "report/html_report.hpp"
#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"
#include "store/stored_table.hpp"

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
  std::vector<Boundary> boundaries;  // from [report] boundaries, for the map
  std::vector<TitledTable> tables;   // table views (governance), shown as report sections
  // Every budget holder's risk at the lead level (with distributions) and the size curve.
  HolderRiskResults risk;
  std::vector<SizePoint> size_curve;
  // The appraisal (stored structured, and its side-by-side and tornado sections ready-drawn)
  // when the scenario has [appraisal] alternatives.
  std::optional<AppraisalResults> appraisal;
  std::vector<ReportSection> appraisal_report;
  // The multi-year simulation when the scenario has [simulation].
  std::optional<SimulationResults> simulation;
  // Providers, contracts and pathway shifts when the scenario has commissioning sections
  // (docs/commissioning.md), with the service model they were computed on.
  std::optional<CommissioningRun> commissioning;
  std::optional<ServiceModel> commissioning_model;
  std::vector<ReportSection> commissioning_report;
  // The organisation the report answers first (--focus, else [report] focus; empty: none).
  std::string focus;
};

// `focus` overrides the scenario's [report] focus; a focus that is not an organisation of the
// lead level is a UsageError before anything is computed.
RunResults compute_run(const Scenario& scenario, const ProgressFn& progress,
                       const std::string& focus = "");

struct RunFiles {
  std::int64_t run_id = 0;
  std::vector<std::filesystem::path> written;
};

// Writes results.db (adding a run), report.html and CSV tables (organisations, practices,
// allocations, practice budgets; contracts and providers when the scenario commissions care),
// all or nothing: the store gets the run unfinished, the files are published at once
// (run/output_dir.hpp), then the run is marked finished. Throws IoError when `out_dir` cannot be
// created or another process is writing to it.
RunFiles write_run(const Scenario& scenario, const RunResults& results,
                   const std::filesystem::path& out_dir, const std::string& started_at,
                   const ProgressFn& progress);

// The demo scenario: the synthetic economy with every capability switched on, its allocation
// and service model describing the same money (src/run/demo_inputs.cpp). It reads the files
// write_demo_inputs writes beside it.
std::string demo_scenario_text();

// Writes the synthetic economy (seed 1, 1,500 practices) with its land, its governance inputs,
// the formula's weights, last year's allocations and the demo scenario into `dir`; returns the
// scenario's path.
std::filesystem::path write_demo_inputs(const std::filesystem::path& dir);

// Current time in UTC as ISO 8601 (seconds).
std::string utc_now();

}  // namespace pco

#pragma once
// A run read back from the results store: what the report and the dashboard show. Reading
// from the store (not from memory) lets `pco report` and `pco serve` show any earlier run.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "holders/holder_risk.hpp"
#include "holders/size_curve.hpp"
#include "readers/geojson_boundaries.hpp"
#include "sim/simulation.hpp"
#include "store/appraisal_tables.hpp"
#include "store/results_store.hpp"
#include "store/stored_table.hpp"

namespace pco {

struct StoredPractice {
  std::string code;
  std::string name;
  std::int64_t list_size = 0;
  double pct_65_plus = 0;
  std::optional<double> lat;
  std::optional<double> lon;
  bool location_approximate = false;
  bool imputed_structure = false;
  std::vector<std::string> organisation;  // per level (index as StoredRun::levels); "" if none
};

struct StoredOrganisation {
  std::string code;
  std::string name;
  std::string parent_code;
  std::int64_t practices = 0;
  std::int64_t population = 0;
  double pct_65_plus = 0;
  double pct_85_plus = 0;
  std::int64_t min_list = 0;
  std::int64_t max_list = 0;
};

struct StoredAllocation {
  std::string code;
  std::int64_t population = 0;
  double weighted_population = 0;
  double need_index = 0;
  std::int64_t target_pence = 0;
  std::int64_t allocation_pence = 0;
  std::int64_t pooled_pence = 0;
  double distance_from_target_pct = 0;
  std::vector<std::pair<std::string, std::int64_t>> components;  // allocation per component
};

struct StoredRunInfo {
  std::int64_t run_id = 0;
  std::string pco_version;
  std::string scenario_name;
  std::string scenario_hash;
  std::int64_t seed = 0;
  std::string lead_level;
  std::string started_at;
  std::string finished_at;
  std::string focus;  // the organisation the run's report answers first; empty: none
};

struct StoredRun {
  StoredRunInfo info;
  std::string scenario_text;
  std::vector<std::string> levels;                             // bottom-up
  std::vector<std::vector<StoredOrganisation>> organisations;  // per level, in code order
  std::vector<StoredPractice> practices;                       // in code order
  // Per level, in code order; empty when the run has no allocation.
  std::vector<std::vector<StoredAllocation>> allocations;
  std::vector<Boundary> boundaries;  // drawn under the map when the scenario gave them
  std::vector<TitledTable> tables;   // table views in the order they were stored
  // Every budget holder's risk (without distributions), the thinned CDF of each holder's
  // annual cost as (cost £, P(S <= cost)) keyed by "level/code", and the size curve.
  HolderRiskResults risk;
  std::map<std::string, std::vector<std::pair<double, double>>> cdfs;
  std::vector<SizePoint> size_curve;
  // Report sections stored ready-drawn (the appraisal), in order.
  std::vector<ReportSection> sections;
  // The appraisal's configurations with every status-quo organisation's own part (empty when
  // the run had no appraisal), and the multi-year simulation (when it had one).
  std::vector<StoredAppraisalConfiguration> appraisal;
  std::optional<SimulationResults> simulation;
};

// Stores ready-drawn report sections (the appraisal's) with the run.
void write_report_sections(ResultsStore& store, const std::vector<ReportSection>& sections);

// Stores titled tables (governance views) with the run.
void write_report_tables(ResultsStore& store, const std::vector<TitledTable>& tables);

// Stores boundaries with the run (rings as JSON arrays of [lon, lat]).
void write_boundaries(ResultsStore& store, const std::vector<Boundary>& boundaries);

// Every finished run, oldest first. A run not yet finished (its files not yet published, or
// its writer killed) is invisible to readers (docs/reliability.md).
std::vector<StoredRunInfo> list_runs(SqliteDb& db);
// Throws UsageError naming the run and the runs there are when `run_id` is not a finished run
// of the store. `include_unfinished` is for the writer only, drawing the report of the run it
// is about to publish.
StoredRun read_run(SqliteDb& db, std::int64_t run_id, bool include_unfinished = false);
// The newest run's id; UsageError when the store holds none.
std::int64_t latest_run_id(SqliteDb& db);

}  // namespace pco

#include "store/results_store.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "store/appraisal_tables.hpp"
#include "store/simulation_tables.hpp"

namespace pco {

namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  run_id INTEGER PRIMARY KEY,
  pco_version TEXT NOT NULL,
  scenario_name TEXT NOT NULL,
  scenario_text TEXT NOT NULL,
  scenario_hash TEXT NOT NULL,
  seed INTEGER NOT NULL,
  lead_level TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE TABLE IF NOT EXISTS levels (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  level_index INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (run_id, level_index)
);
CREATE TABLE IF NOT EXISTS practices (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  list_size INTEGER NOT NULL,
  pct_65_plus REAL NOT NULL,
  lat REAL,
  lon REAL,
  location_approximate INTEGER NOT NULL,
  imputed_structure INTEGER NOT NULL,
  PRIMARY KEY (run_id, code)
);
CREATE TABLE IF NOT EXISTS memberships (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  practice TEXT NOT NULL,
  level TEXT NOT NULL,
  organisation TEXT NOT NULL,
  PRIMARY KEY (run_id, practice, level)
);
CREATE TABLE IF NOT EXISTS organisations (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  level TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  parent_code TEXT NOT NULL,
  practices INTEGER NOT NULL,
  population INTEGER NOT NULL,
  pct_65_plus REAL NOT NULL,
  pct_85_plus REAL NOT NULL,
  min_list INTEGER NOT NULL,
  max_list INTEGER NOT NULL,
  PRIMARY KEY (run_id, level, code)
);
CREATE TABLE IF NOT EXISTS allocations (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  level TEXT NOT NULL,
  code TEXT NOT NULL,
  population INTEGER NOT NULL,
  weighted_population REAL NOT NULL,
  need_index REAL NOT NULL,
  target_pence INTEGER NOT NULL,
  allocation_pence INTEGER NOT NULL,
  pooled_pence INTEGER NOT NULL,
  distance_from_target_pct REAL NOT NULL,
  PRIMARY KEY (run_id, level, code)
);
CREATE TABLE IF NOT EXISTS allocation_components (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  level TEXT NOT NULL,
  code TEXT NOT NULL,
  component TEXT NOT NULL,
  ring_fenced INTEGER NOT NULL,
  target_pence INTEGER NOT NULL,
  allocation_pence INTEGER NOT NULL,
  PRIMARY KEY (run_id, level, code, component)
);
CREATE TABLE IF NOT EXISTS practice_budgets (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  level TEXT NOT NULL,
  practice TEXT NOT NULL,
  weighted_population REAL NOT NULL,
  indicative_budget_pence INTEGER NOT NULL,
  PRIMARY KEY (run_id, level, practice)
);
CREATE TABLE IF NOT EXISTS boundaries (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  rings_json TEXT NOT NULL,
  PRIMARY KEY (run_id, code)
);
CREATE TABLE IF NOT EXISTS report_tables (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  ordinal INTEGER NOT NULL,
  section TEXT NOT NULL,
  title TEXT NOT NULL,
  table_json TEXT NOT NULL,
  PRIMARY KEY (run_id, ordinal)
);
CREATE TABLE IF NOT EXISTS risk_measures (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  level TEXT NOT NULL,
  code TEXT NOT NULL,
  population INTEGER NOT NULL,
  services TEXT NOT NULL,
  expected_cost REAL NOT NULL,
  budget_pence INTEGER NOT NULL,
  mean REAL NOT NULL,
  sd REAL NOT NULL,
  cv REAL NOT NULL,
  p_overspend REAL NOT NULL,
  p_overspend_5pct REAL NOT NULL,
  p_overspend_10pct REAL NOT NULL,
  var95 REAL NOT NULL,
  var99 REAL NOT NULL,
  tvar95 REAL NOT NULL,
  tvar99 REAL NOT NULL,
  reserve95 REAL NOT NULL,
  reserve99 REAL NOT NULL,
  variance_error_bound REAL NOT NULL,
  grid_tail_mass REAL NOT NULL,
  sd_chance REAL NOT NULL,
  sd_formula REAL NOT NULL,
  sd_shock REAL NOT NULL,
  exact_sd REAL NOT NULL,
  variance_deficit REAL NOT NULL,
  PRIMARY KEY (run_id, level, code)
);
CREATE TABLE IF NOT EXISTS distributions (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  level TEXT NOT NULL,
  code TEXT NOT NULL,
  point INTEGER NOT NULL,
  cost REAL NOT NULL,
  cdf REAL NOT NULL,
  PRIMARY KEY (run_id, level, code, point)
);
CREATE TABLE IF NOT EXISTS size_curve (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  population REAL NOT NULL,
  expected_cost REAL NOT NULL,
  cv REAL NOT NULL,
  p_overspend_5pct REAL NOT NULL,
  p_overspend_10pct REAL NOT NULL,
  reserve99_pct REAL NOT NULL,
  rare_costly_cv REAL NOT NULL,
  cv_chance REAL NOT NULL,
  cv_formula REAL NOT NULL,
  cv_shock REAL NOT NULL,
  PRIMARY KEY (run_id, population)
);
CREATE TABLE IF NOT EXISTS risk_settings (
  run_id INTEGER PRIMARY KEY REFERENCES runs(run_id),
  model_source TEXT NOT NULL,
  budget_source TEXT NOT NULL,
  sources TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS report_sections (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  ordinal INTEGER NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  html TEXT NOT NULL,
  PRIMARY KEY (run_id, ordinal)
);
CREATE TABLE IF NOT EXISTS budget_basis (
  run_id INTEGER PRIMARY KEY REFERENCES runs(run_id),
  from_allocation INTEGER NOT NULL,
  allocation_pence INTEGER NOT NULL,
  quantum_pence INTEGER NOT NULL,
  margin REAL NOT NULL,
  expected_cost REAL NOT NULL,
  gap REAL NOT NULL,
  gap_pct REAL NOT NULL,
  components TEXT NOT NULL,
  services_json TEXT NOT NULL,
  explanation TEXT NOT NULL,
  warning TEXT
);
)sql";

}  // namespace

std::string fnv1a64_hex(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", h);
}

// Version 1 → 2 (issue 15): the risk tables gain the split by source of risk and the grid's
// precision. Runs stored by version 1 were computed from chance alone, which the defaults say.
constexpr std::string_view kMigrateV1 = R"sql(
ALTER TABLE risk_measures RENAME COLUMN mass_beyond_grid TO grid_tail_mass;
ALTER TABLE risk_measures ADD COLUMN sd_chance REAL NOT NULL DEFAULT 0;
ALTER TABLE risk_measures ADD COLUMN sd_formula REAL NOT NULL DEFAULT 0;
ALTER TABLE risk_measures ADD COLUMN sd_shock REAL NOT NULL DEFAULT 0;
ALTER TABLE risk_measures ADD COLUMN exact_sd REAL NOT NULL DEFAULT 0;
ALTER TABLE risk_measures ADD COLUMN variance_deficit REAL NOT NULL DEFAULT 0;
UPDATE risk_measures SET sd_chance = sd, exact_sd = sd;
ALTER TABLE size_curve ADD COLUMN cv_chance REAL NOT NULL DEFAULT 0;
ALTER TABLE size_curve ADD COLUMN cv_formula REAL NOT NULL DEFAULT 0;
ALTER TABLE size_curve ADD COLUMN cv_shock REAL NOT NULL DEFAULT 0;
UPDATE size_curve SET cv_chance = cv;
ALTER TABLE risk_settings ADD COLUMN sources TEXT NOT NULL
  DEFAULT '{"chance": true, "formula": false, "shock": false}';
UPDATE meta SET value = '2' WHERE key = 'schema_version';
)sql";

ResultsStore::ResultsStore(const std::filesystem::path& path) : db_(path) {
  // WAL: a killed writer leaves uncommitted pages in the -wal file, which every reader simply
  // ignores, instead of a hot rollback journal that a read-only reader cannot recover.
  // synchronous = FULL makes each commit durable before pco publishes files that depend on it.
  db_.exec("PRAGMA journal_mode = WAL");
  db_.exec("PRAGMA synchronous = FULL");
  db_.exec("BEGIN IMMEDIATE");
  try {
    db_.exec(kSchema);
    // Tables added since version 1 that an older store gains on its next run.
    db_.exec(kAppraisalSchema);
    db_.exec(kSimulationSchema);
    auto read = db_.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    read.bind({});
    if (read.step()) {
      const auto version = read.column_text(0);
      if (version == "1") {
        read.reset();
        db_.exec(kMigrateV1);
      } else if (version != std::to_string(kResultsSchemaVersion)) {
        throw IoError(fmt::format(
            "{}: results store schema version {} is not {}, the version this pco writes; use a "
            "new --out directory",
            db_.name(), version, kResultsSchemaVersion));
      }
    } else {
      db_.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?1)")
          .run({std::to_string(kResultsSchemaVersion)});
    }
    read.reset();
    db_.exec("COMMIT");
  } catch (...) {
    db_.exec("ROLLBACK");
    throw;
  }
}

ResultsStore::~ResultsStore() {
  if (in_run_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {  // nothing more can be done in a destructor; the file keeps its old state
    }
  }
}

std::int64_t ResultsStore::begin_run(const RunMetadata& m) {
  db_.exec("BEGIN IMMEDIATE");
  in_run_ = true;
  db_.prepare(
         "INSERT INTO runs (pco_version, scenario_name, scenario_text, scenario_hash, seed, "
         "lead_level, started_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .run({m.pco_version, m.scenario_name, m.scenario_text, m.scenario_hash,
            static_cast<std::int64_t>(m.seed), m.lead_level, m.started_at});
  run_id_ = db_.last_insert_rowid();
  return run_id_;
}

void ResultsStore::commit_unfinished() {
  db_.exec("COMMIT");
  in_run_ = false;
}

void ResultsStore::commit_run(const std::string& finished_at) {
  db_.prepare("UPDATE runs SET finished_at = ?1 WHERE run_id = ?2").run({finished_at, run_id_});
  db_.exec("COMMIT");
  in_run_ = false;
}

void ResultsStore::finish_run(std::int64_t run_id, const std::string& finished_at) {
  db_.prepare("UPDATE runs SET finished_at = ?1 WHERE run_id = ?2").run({finished_at, run_id});
}

bool ResultsStore::is_unfinished(std::int64_t run_id) {
  auto q = db_.prepare("SELECT COUNT(*) FROM runs WHERE run_id = ?1 AND finished_at IS NULL");
  q.bind({run_id});
  return q.step() && q.column_int(0) > 0;
}

int ResultsStore::discard_unfinished_runs(std::int64_t keep) {
  std::vector<std::int64_t> ids;
  {
    auto q = db_.prepare("SELECT run_id FROM runs WHERE finished_at IS NULL AND run_id != ?1");
    q.bind({keep});
    while (q.step())
      ids.push_back(q.column_int(0));
  }
  if (ids.empty()) return 0;
  // Every table holding per-run rows, found from the schema so that tables other areas add
  // are cleaned too; `runs` last, as the others refer to it.
  std::vector<std::string> tables;
  {
    auto q = db_.prepare(
        "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c "
        "WHERE m.type = 'table' AND c.name = 'run_id' AND m.name != 'runs' ORDER BY m.name");
    q.bind({});
    while (q.step())
      tables.push_back(q.column_text(0));
  }
  db_.exec("BEGIN IMMEDIATE");
  try {
    for (const auto id : ids) {
      for (const auto& table : tables)
        db_.prepare(fmt::format("DELETE FROM \"{}\" WHERE run_id = ?1", table)).run({id});
      db_.prepare("DELETE FROM runs WHERE run_id = ?1 AND finished_at IS NULL").run({id});
    }
    db_.exec("COMMIT");
  } catch (...) {
    db_.exec("ROLLBACK");
    throw;
  }
  return static_cast<int>(ids.size());
}

}  // namespace pco

#include "store/results_store.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "store/schema.hpp"

namespace pco {

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
    // Every table, IF NOT EXISTS: an older store of this version gains tables added since.
    db_.exec(kResultsSchemaSql);
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
  if (!m.focus.empty())
    db_.prepare("INSERT INTO run_focus (run_id, code) VALUES (?1, ?2)").run({run_id_, m.focus});
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

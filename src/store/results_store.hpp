#pragma once
// The SQLite results store (results.db): every run of `pco run` adds one row to `runs` and its
// results to the other tables, all in one transaction, so an interrupted run leaves the store
// as it was and several runs can be compared. Schema: docs/results-schema.md.
//
// Crash safety (docs/reliability.md): the store is in WAL mode, so a process killed in the
// middle of a transaction leaves no hot journal and readers (pco serve, pco report, read-only)
// never need to roll anything back. A run is written in two steps: its results are committed
// with finished_at NULL (invisible to every reader), its files are published, and only then is
// it marked finished. Runs left unfinished by a crash are discarded by the next writer.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "store/sqlite_db.hpp"

namespace pco {

inline constexpr std::int64_t kResultsSchemaVersion = 2;

struct RunMetadata {
  std::string pco_version;
  std::string scenario_name;
  std::string scenario_text;
  std::string scenario_hash;  // fnv1a64 of the scenario text, 16 hex digits
  std::uint64_t seed = 0;
  std::string lead_level;   // the organisation level reports lead with
  std::string started_at;   // ISO 8601, UTC
  std::string finished_at;  // ISO 8601, UTC
  std::string focus;        // the organisation the report answers first; empty: none
};

class ResultsStore {
 public:
  // Opens or creates the store and its schema. Throws IoError when the file is not a pco
  // store of this or an older schema version.
  explicit ResultsStore(const std::filesystem::path& path);
  ~ResultsStore();  // rolls back a run that was begun and not committed

  // Starts the run's transaction and writes its row; returns its run_id.
  std::int64_t begin_run(const RunMetadata& metadata);
  // Commits the run's results, still unfinished (invisible to readers).
  void commit_unfinished();
  // Commits and marks the run finished at once (when there are no files to publish).
  void commit_run(const std::string& finished_at);
  // Marks a committed run finished: from now on readers see it.
  void finish_run(std::int64_t run_id, const std::string& finished_at);
  // True when `run_id` is in the store with finished_at NULL.
  bool is_unfinished(std::int64_t run_id);
  // Deletes every unfinished run but `keep` from every table with a run_id column (tables
  // added later are included without change here); returns how many runs were removed. Only
  // the single writer of a store may call it (pco run holds the output directory's lock).
  int discard_unfinished_runs(std::int64_t keep = 0);

  SqliteDb& db() { return db_; }
  std::int64_t run_id() const { return run_id_; }

 private:
  SqliteDb db_;
  std::int64_t run_id_ = 0;
  bool in_run_ = false;
};

// FNV-1a, 64 bits, as 16 lower-case hex digits: identifies identical scenario texts.
std::string fnv1a64_hex(std::string_view text);

}  // namespace pco

#pragma once
// The appraisal stored with its run: the whole document `pco appraise --format json` prints
// (configurations side by side, every organisation, cash flows, NPV uncertainty, tornado,
// parameters), so the dashboard and SQL (json_extract) read exactly what the command shows.

#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "appraisal/appraisal.hpp"
#include "store/results_store.hpp"

namespace pco {

inline constexpr std::string_view kAppraisalSchema = R"sql(
CREATE TABLE IF NOT EXISTS appraisal (
  run_id INTEGER PRIMARY KEY REFERENCES runs(run_id),
  years INTEGER NOT NULL,
  best TEXT NOT NULL,
  results_json TEXT NOT NULL
);
)sql";

void write_appraisal(ResultsStore& store, const AppraisalResults& results);

// The stored document; nullopt when the run has no appraisal (or the store predates the table).
std::optional<nlohmann::json> read_appraisal(SqliteDb& db, std::int64_t run_id);

}  // namespace pco

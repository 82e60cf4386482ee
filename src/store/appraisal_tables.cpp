#include "store/appraisal_tables.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "report/appraisal_report.hpp"

namespace pco {

void write_appraisal(ResultsStore& store, const AppraisalResults& results) {
  store.db()
      .prepare("INSERT INTO appraisal (run_id, years, best, results_json) VALUES (?1,?2,?3,?4)")
      .run({store.run_id(), std::int64_t{results.years}, results.best,
            appraisal_json(results).dump()});
}

std::optional<nlohmann::json> read_appraisal(SqliteDb& db, std::int64_t run_id) {
  if (!db.has_table("appraisal")) return std::nullopt;
  auto q = db.prepare("SELECT results_json FROM appraisal WHERE run_id = ?1");
  q.bind({run_id});
  if (!q.step()) return std::nullopt;
  auto json = nlohmann::json::parse(q.column_text(0), nullptr, false);
  if (json.is_discarded()) {
    throw IoError(fmt::format("{}: the appraisal of run {} is not valid JSON", db.name(), run_id));
  }
  return json;
}

}  // namespace pco

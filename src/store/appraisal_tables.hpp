#pragma once
// The appraisal stored with its run: the whole document `pco appraise --format json` prints
// (configurations side by side, every organisation, cash flows, NPV uncertainty, tornado,
// parameters), so the dashboard and SQL (json_extract) read exactly what the command shows.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "appraisal/appraisal.hpp"
#include "store/results_store.hpp"

namespace pco {

void write_appraisal(ResultsStore& store, const AppraisalResults& results);

// The stored document; nullopt when the run has no appraisal (or the store predates the table).
std::optional<nlohmann::json> read_appraisal(SqliteDb& db, std::int64_t run_id);

// One configuration of a stored appraisal as the report reads it: its totals and NPV with its
// uncertainty, and (alternatives) every status-quo organisation's own part of it.
struct StoredAppraisalConfiguration {
  std::string name;
  std::string description;
  std::string level;
  bool status_quo = false;
  bool best = false;  // highest NPV at the base parameters
  int years = 0;
  std::int64_t people_moved = 0;
  double npv = 0;
  std::optional<int> break_even_year;
  Uncertainty npv_uncertainty;
  // Of each view's ChangeSummary and Cashflow only running_saving, npv, total_transition,
  // total_dip and break_even_year are filled.
  std::vector<OrganisationView> views;
};

// The configurations of a stored appraisal document (appraisal_json), in order; documents
// written before organisation views existed give configurations without views.
std::vector<StoredAppraisalConfiguration> stored_appraisal(const nlohmann::json& document);

}  // namespace pco

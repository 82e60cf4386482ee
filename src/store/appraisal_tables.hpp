#pragma once
// The appraisal in the results store: every configuration's totals and NPV with its uncertainty
// (appraisal_configurations) and every status-quo organisation's own part of each alternative
// (appraisal_organisations), so the report and the dashboard answer "should *we* merge?" for
// any organisation of a stored run. docs/results-schema.md.
#include <optional>
#include <string>
#include <vector>

#include "appraisal/appraisal.hpp"
#include "store/results_store.hpp"
#include "store/sqlite_db.hpp"

namespace pco {

struct StoredAppraisalConfiguration {
  std::string name;
  std::string description;
  std::string level;
  bool status_quo = false;
  bool best = false;  // highest NPV at the base parameters
  int years = 0;
  std::size_t organisations = 0;
  std::int64_t population = 0;
  double management_cost = 0;
  double reserve99 = 0;
  double p_overspend_5pct = 0;  // population-weighted
  std::size_t practices_moved = 0;
  std::int64_t people_moved = 0;
  std::int64_t people_reorganised = 0;
  std::size_t organisations_merged = 0;
  double running_saving = 0;
  double transition_cost = 0;
  double dip_loss = 0;
  double npv = 0;
  std::optional<int> break_even_year;
  Uncertainty npv_uncertainty;
  // Each status-quo organisation's own part (alternatives only); of ChangeSummary and Cashflow
  // only running_saving, npv, total_transition, total_dip and break_even_year are stored.
  std::vector<OrganisationView> views;
};

void write_appraisal_tables(ResultsStore& store, const AppraisalResults& results);
// The run's appraisal, configurations in order; empty when the run had none.
std::vector<StoredAppraisalConfiguration> read_appraisal(SqliteDb& db, std::int64_t run_id);

}  // namespace pco

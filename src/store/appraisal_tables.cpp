#include "store/appraisal_tables.hpp"

#include <fmt/format.h>

#include "appraisal/appraisal_json.hpp"
#include "core/error.hpp"

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

namespace {

Uncertainty uncertainty_of(const nlohmann::json& j) {
  Uncertainty u;
  if (!j.is_object()) return u;
  u.draws = j.value("draws", 0);
  u.mean = j.value("mean", 0.0);
  u.sd = j.value("sd", 0.0);
  u.standard_error = j.value("standard_error", 0.0);
  u.p05 = j.value("p05", 0.0);
  u.p95 = j.value("p95", 0.0);
  u.probability_positive = j.value("probability_positive", 0.0);
  return u;
}

std::optional<int> year_of(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_number_integer()) return std::nullopt;
  return j[key].get<int>();
}

}  // namespace

std::vector<StoredAppraisalConfiguration> stored_appraisal(const nlohmann::json& document) {
  std::vector<StoredAppraisalConfiguration> out;
  if (!document.contains("configurations")) return out;
  const auto best = document.value("best", std::string());
  const int years = document.value("years", 0);
  for (const auto& c : document["configurations"]) {
    StoredAppraisalConfiguration s;
    s.name = c.value("name", std::string());
    s.description = c.value("description", std::string());
    s.level = c.value("level", std::string());
    s.status_quo = c.value("status_quo", false);
    s.best = s.name == best;
    s.years = years;
    if (c.contains("metrics")) s.people_moved = c["metrics"].value("people_moved", std::int64_t{0});
    s.npv = c.value("npv", 0.0);
    s.break_even_year = year_of(c, "break_even_year");
    s.npv_uncertainty = uncertainty_of(c.value("npv_uncertainty", nlohmann::json()));
    for (const auto& v : c.value("organisation_views", nlohmann::json::array())) {
      OrganisationView view;
      view.code = v.value("code", std::string());
      view.name = v.value("name", std::string());
      view.population = v.value("population", std::int64_t{0});
      view.changed = v.value("changed", false);
      view.successor = v.value("successor", std::string());
      view.successor_name = v.value("successor_name", std::string());
      view.successor_population = v.value("successor_population", std::int64_t{0});
      view.federation = v.value("federation", std::string());
      view.people_moved = v.value("people_moved", std::int64_t{0});
      view.people_reorganised = v.value("people_reorganised", std::int64_t{0});
      view.budget_before = v.value("budget_gbp", 0.0);
      view.p_overspend_5pct_before = v.value("p_overspend_5pct_before", 0.0);
      view.p_overspend_5pct_after = v.value("p_overspend_5pct_after", 0.0);
      view.reserve99_before = v.value("reserve99_before_gbp", 0.0);
      view.reserve99_after = v.value("reserve99_after_gbp", 0.0);
      view.management_cost_before = v.value("management_cost_before_gbp", 0.0);
      view.management_cost_after = v.value("management_cost_after_gbp", 0.0);
      view.change.running_saving = v.value("running_saving_gbp", 0.0);
      view.cashflow.total_transition = v.value("transition_cost_gbp", 0.0);
      view.cashflow.total_dip = v.value("dip_loss_gbp", 0.0);
      view.cashflow.npv = v.value("npv", 0.0);
      view.cashflow.break_even_year = year_of(v, "break_even_year");
      view.npv_uncertainty = uncertainty_of(v.value("npv_uncertainty", nlohmann::json()));
      s.views.push_back(std::move(view));
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace pco

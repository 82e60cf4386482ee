#include "store/appraisal_tables.hpp"

#include <algorithm>
#include <cmath>

namespace pco {

namespace {

SqlValue optional_year(const std::optional<int>& year) {
  return year ? SqlValue(static_cast<std::int64_t>(*year)) : SqlValue(std::monostate{});
}

std::vector<SqlValue> uncertainty(const Uncertainty& u) {
  return {static_cast<std::int64_t>(u.draws),
          u.mean,
          u.standard_error,
          u.p05,
          u.p95,
          u.probability_positive};
}

Uncertainty read_uncertainty(const SqliteStatement& q, int first) {
  Uncertainty u;
  u.draws = static_cast<int>(q.column_int(first));
  u.mean = q.column_double(first + 1);
  u.standard_error = q.column_double(first + 2);
  u.sd = u.standard_error * std::sqrt(static_cast<double>(std::max(u.draws, 0)));
  u.p05 = q.column_double(first + 3);
  u.p95 = q.column_double(first + 4);
  u.probability_positive = q.column_double(first + 5);
  return u;
}

}  // namespace

void write_appraisal_tables(ResultsStore& store, const AppraisalResults& r) {
  auto& db = store.db();
  const auto run = store.run_id();
  auto config = db.prepare(
      "INSERT INTO appraisal_configurations (run_id, ordinal, name, description, level, "
      "status_quo, best, years, organisations, population, management_cost, reserve99, "
      "p_overspend_5pct, practices_moved, people_moved, people_reorganised, "
      "organisations_merged, running_saving, transition_cost, dip_loss, npv, break_even_year, "
      "npv_draws, npv_mean, npv_se, npv_p05, npv_p95, p_npv_positive) VALUES (?1,?2,?3,?4,?5,?6,"
      "?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28)");
  auto view = db.prepare(
      "INSERT INTO appraisal_organisations (run_id, configuration, code, name, population, "
      "changed, successor, successor_name, successor_population, federation, people_moved, "
      "people_reorganised, budget, p_overspend_5pct_before, p_overspend_5pct_after, "
      "reserve99_before, reserve99_after, management_cost_before, management_cost_after, "
      "running_saving, transition_cost, dip_loss, npv, break_even_year, npv_draws, npv_mean, "
      "npv_se, npv_p05, npv_p95, p_npv_positive) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
      "?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29,?30)");
  for (std::size_t i = 0; i < r.configurations.size(); ++i) {
    const auto& c = r.configurations[i];
    const auto& s = c.structure;
    std::vector<SqlValue> row = {run,
                                 static_cast<std::int64_t>(i),
                                 c.name,
                                 c.description,
                                 c.level,
                                 std::int64_t{c.status_quo},
                                 std::int64_t{c.name == r.best},
                                 static_cast<std::int64_t>(r.years),
                                 static_cast<std::int64_t>(s.organisations.size()),
                                 s.population,
                                 c.metrics.management_cost,
                                 s.reserve99,
                                 c.metrics.p_overspend_5pct,
                                 static_cast<std::int64_t>(s.practices_moved),
                                 s.people_moved,
                                 s.people_reorganised,
                                 static_cast<std::int64_t>(s.organisations_merged),
                                 c.change.running_saving,
                                 c.cashflow.total_transition,
                                 c.cashflow.total_dip,
                                 c.cashflow.npv,
                                 optional_year(c.cashflow.break_even_year)};
    for (auto& v : uncertainty(c.npv_uncertainty))
      row.push_back(std::move(v));
    config.run(row);
    for (const auto& v : c.organisations) {
      std::vector<SqlValue> cells = {run,
                                     c.name,
                                     v.code,
                                     v.name,
                                     v.population,
                                     std::int64_t{v.changed},
                                     v.successor,
                                     v.successor_name,
                                     v.successor_population,
                                     v.federation,
                                     v.people_moved,
                                     v.people_reorganised,
                                     v.budget_before,
                                     v.p_overspend_5pct_before,
                                     v.p_overspend_5pct_after,
                                     v.reserve99_before,
                                     v.reserve99_after,
                                     v.management_cost_before,
                                     v.management_cost_after,
                                     v.change.running_saving,
                                     v.cashflow.total_transition,
                                     v.cashflow.total_dip,
                                     v.cashflow.npv,
                                     optional_year(v.cashflow.break_even_year)};
      for (auto& u : uncertainty(v.npv_uncertainty))
        cells.push_back(std::move(u));
      view.run(cells);
    }
  }
}

std::vector<StoredAppraisalConfiguration> read_appraisal(SqliteDb& db, std::int64_t run_id) {
  std::vector<StoredAppraisalConfiguration> out;
  auto q = db.prepare(
      "SELECT name, description, level, status_quo, best, years, organisations, population, "
      "management_cost, reserve99, p_overspend_5pct, practices_moved, people_moved, "
      "people_reorganised, organisations_merged, running_saving, transition_cost, dip_loss, npv, "
      "break_even_year, break_even_year IS NULL, npv_draws, npv_mean, npv_se, npv_p05, npv_p95, "
      "p_npv_positive FROM appraisal_configurations WHERE run_id = ?1 ORDER BY ordinal");
  q.bind({run_id});
  while (q.step()) {
    StoredAppraisalConfiguration c;
    c.name = q.column_text(0);
    c.description = q.column_text(1);
    c.level = q.column_text(2);
    c.status_quo = q.column_int(3) != 0;
    c.best = q.column_int(4) != 0;
    c.years = static_cast<int>(q.column_int(5));
    c.organisations = static_cast<std::size_t>(q.column_int(6));
    c.population = q.column_int(7);
    c.management_cost = q.column_double(8);
    c.reserve99 = q.column_double(9);
    c.p_overspend_5pct = q.column_double(10);
    c.practices_moved = static_cast<std::size_t>(q.column_int(11));
    c.people_moved = q.column_int(12);
    c.people_reorganised = q.column_int(13);
    c.organisations_merged = static_cast<std::size_t>(q.column_int(14));
    c.running_saving = q.column_double(15);
    c.transition_cost = q.column_double(16);
    c.dip_loss = q.column_double(17);
    c.npv = q.column_double(18);
    if (q.column_int(20) == 0) c.break_even_year = static_cast<int>(q.column_int(19));
    c.npv_uncertainty = read_uncertainty(q, 21);
    out.push_back(std::move(c));
  }
  auto v = db.prepare(
      "SELECT configuration, code, name, population, changed, successor, successor_name, "
      "successor_population, federation, people_moved, people_reorganised, budget, "
      "p_overspend_5pct_before, p_overspend_5pct_after, reserve99_before, reserve99_after, "
      "management_cost_before, management_cost_after, running_saving, transition_cost, "
      "dip_loss, npv, break_even_year, break_even_year IS NULL, npv_draws, npv_mean, npv_se, "
      "npv_p05, npv_p95, p_npv_positive FROM appraisal_organisations WHERE run_id = ?1 ORDER BY "
      "rowid");
  v.bind({run_id});
  while (v.step()) {
    const auto configuration = v.column_text(0);
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const auto& c) { return c.name == configuration; });
    if (it == out.end()) continue;
    OrganisationView view;
    view.code = v.column_text(1);
    view.name = v.column_text(2);
    view.population = v.column_int(3);
    view.changed = v.column_int(4) != 0;
    view.successor = v.column_text(5);
    view.successor_name = v.column_text(6);
    view.successor_population = v.column_int(7);
    view.federation = v.column_text(8);
    view.people_moved = v.column_int(9);
    view.people_reorganised = v.column_int(10);
    view.budget_before = v.column_double(11);
    view.p_overspend_5pct_before = v.column_double(12);
    view.p_overspend_5pct_after = v.column_double(13);
    view.reserve99_before = v.column_double(14);
    view.reserve99_after = v.column_double(15);
    view.management_cost_before = v.column_double(16);
    view.management_cost_after = v.column_double(17);
    view.change.running_saving = v.column_double(18);
    view.cashflow.total_transition = v.column_double(19);
    view.cashflow.total_dip = v.column_double(20);
    view.cashflow.npv = v.column_double(21);
    if (v.column_int(23) == 0) view.cashflow.break_even_year = static_cast<int>(v.column_int(22));
    view.npv_uncertainty = read_uncertainty(v, 24);
    it->views.push_back(std::move(view));
  }
  return out;
}

}  // namespace pco

#include "store/risk_tables.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

namespace pco {

void write_budget_basis(ResultsStore& store, const BudgetReconciliation& r) {
  nlohmann::json services = nlohmann::json::array();
  for (const auto& s : r.services)
    services.push_back({{"name", s.name}, {"level", s.level}, {"expected_cost", s.expected_cost}});
  std::string components;
  for (const auto& c : r.components)
    components += (components.empty() ? "" : ";") + c;
  store.db()
      .prepare(
          "INSERT INTO budget_basis (run_id, from_allocation, allocation_pence, quantum_pence, "
          "margin, expected_cost, gap, gap_pct, components, services_json, explanation, warning) "
          "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)")
      .run({store.run_id(), std::int64_t{r.from_allocation}, r.allocation_pence, r.quantum_pence,
            r.margin, r.expected_cost, r.gap, r.gap_pct, components, services.dump(), r.explanation,
            r.warning ? SqlValue(*r.warning) : SqlValue(std::monostate{})});
}

BudgetReconciliation read_budget_basis(SqliteDb& db, std::int64_t run_id) {
  BudgetReconciliation r;
  if (!db.has_table("budget_basis")) return r;  // a store written before the table existed
  auto q = db.prepare(
      "SELECT from_allocation, allocation_pence, quantum_pence, margin, expected_cost, gap, "
      "gap_pct, components, services_json, explanation, warning, warning IS NULL FROM "
      "budget_basis WHERE run_id = ?1");
  q.bind({run_id});
  if (!q.step()) return r;
  r.from_allocation = q.column_int(0) != 0;
  r.allocation_pence = q.column_int(1);
  r.quantum_pence = q.column_int(2);
  r.margin = q.column_double(3);
  r.expected_cost = q.column_double(4);
  r.gap = q.column_double(5);
  r.gap_pct = q.column_double(6);
  const auto components = q.column_text(7);
  for (std::size_t start = 0; start < components.size();) {
    const auto end = components.find(';', start);
    r.components.push_back(components.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  const auto services = nlohmann::json::parse(q.column_text(8), nullptr, false);
  if (services.is_array())
    for (const auto& s : services)
      r.services.push_back(
          {s.value("name", ""), s.value("level", ""), s.value("expected_cost", 0.0)});
  r.explanation = q.column_text(9);
  if (q.column_int(11) == 0) r.warning = q.column_text(10);
  return r;
}

void write_risk_tables(ResultsStore& store, const HolderRiskResults& results,
                       const std::vector<SizePoint>& size_curve) {
  auto& db = store.db();
  const auto run = store.run_id();
  db.prepare(
        "INSERT INTO risk_settings (run_id, model_source, budget_source, sources) VALUES "
        "(?1,?2,?3,?4)")
      .run({run, results.model_source, results.budget_source,
            sources_to_json(results.sources).dump()});
  write_budget_basis(store, results.reconciliation);
  auto holder_row = db.prepare(
      "INSERT INTO risk_measures (run_id, level, code, population, services, expected_cost, "
      "budget_pence, mean, sd, cv, p_overspend, p_overspend_5pct, p_overspend_10pct, var95, "
      "var99, tvar95, tvar99, reserve95, reserve99, variance_error_bound, grid_tail_mass, "
      "sd_chance, sd_formula, sd_shock, exact_sd, variance_deficit) VALUES (?1,?2,?3,?4,?5,?6,?7,"
      "?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26)");
  auto cdf_row = db.prepare(
      "INSERT INTO distributions (run_id, level, code, point, cost, cdf) VALUES "
      "(?1,?2,?3,?4,?5,?6)");
  for (const auto& h : results.holders) {
    const auto& m = h.measures;
    std::string services;
    for (const auto& s : h.services)
      services += (services.empty() ? "" : ";") + s;
    holder_row.run({run,
                    h.level,
                    h.code,
                    h.population,
                    services,
                    h.expected_cost,
                    h.budget_pence,
                    m.mean,
                    m.sd,
                    m.cv,
                    m.p_overspend,
                    m.p_overspend_5pct,
                    m.p_overspend_10pct,
                    m.var95,
                    m.var99,
                    m.tvar95,
                    m.tvar99,
                    m.reserve95,
                    m.reserve99,
                    h.variance_error_bound,
                    h.grid_tail_mass,
                    h.sd_chance,
                    h.sd_formula,
                    h.sd_shock,
                    h.exact_sd,
                    h.variance_deficit});
    // The CDF at evenly spaced probabilities from 0.1% to 99.9% (and at the knots where it
    // crosses them), which is what an exceedance curve needs. The grid is read as the measures
    // read it, as a histogram: the mass through knot i is P(S ≤ the top of its cell), half a
    // step above the knot (at the knot itself it would overstate the CDF by half the knot's
    // mass, up to 0.3 percentage points beside P(overspend)). A one-knot grid is a certain value.
    const auto& d = h.distribution;
    if (d.pmf.empty()) continue;
    const double cell_top = d.size() > 1 ? 0.5 * d.step : 0.0;
    double cumulative = 0;
    std::size_t next = 0;
    std::int64_t point = 0;
    for (std::size_t i = 0; i < d.pmf.size() && next < kStoredCdfPoints; ++i) {
      cumulative += d.pmf[i];
      const double target =
          0.001 + 0.998 * static_cast<double>(next) / static_cast<double>(kStoredCdfPoints - 1);
      if (cumulative >= target) {
        cdf_row.run({run, h.level, h.code, point++, d.knot(i) + cell_top, cumulative});
        while (next < kStoredCdfPoints &&
               cumulative >= 0.001 + 0.998 * static_cast<double>(next) /
                                         static_cast<double>(kStoredCdfPoints - 1))
          ++next;
      }
    }
  }
  auto size_row = db.prepare(
      "INSERT INTO size_curve (run_id, population, expected_cost, cv, p_overspend_5pct, "
      "p_overspend_10pct, reserve99_pct, rare_costly_cv, cv_chance, cv_formula, cv_shock) VALUES "
      "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
  for (const auto& p : size_curve) {
    size_row.run({run, p.population, p.expected_cost, p.cv, p.p_overspend_5pct, p.p_overspend_10pct,
                  p.reserve99_pct, p.service_cv, p.cv_chance, p.cv_formula, p.cv_shock});
  }
}

}  // namespace pco

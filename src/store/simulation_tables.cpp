#include "store/simulation_tables.hpp"

#include <nlohmann/json.hpp>

#include "sim/simulation_report.hpp"

namespace pco {

void write_simulation_tables(ResultsStore& store, const SimulationResults& r) {
  auto& db = store.db();
  const auto run = store.run_id();
  const auto& s = r.settings;
  db.prepare(
        "INSERT INTO simulation_settings (run_id, level, replications, years, seed, "
        "budget_growth, demand_growth, shock_cv, regional_shock_cv, region_level, "
        "overspend_repay_cap, underspend_keep_cap, arrangement) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,"
        "?9,?10,?11,?12,?13)")
      .run({run, r.level, static_cast<std::int64_t>(s.replications),
            static_cast<std::int64_t>(s.years), static_cast<std::int64_t>(s.seed), s.budget_growth,
            s.demand_growth, s.shock_cv, s.regional_shock_cv, s.region_level, s.overspend_repay_cap,
            s.underspend_keep_cap, s.arrangement});
  auto row = db.prepare(
      "INSERT INTO simulation_years (run_id, level, code, year, name, population, budget, "
      "estimates_json) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  std::size_t h = 0;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const auto& y = r.rows[i];
    if (i > 0 && y.year == 1) ++h;
    row.run({run, r.level, y.code, static_cast<std::int64_t>(y.year),
             h < r.holder_names.size() ? r.holder_names[h] : std::string(),
             h < r.populations.size() ? r.populations[h] : std::int64_t{0}, y.budget,
             holder_year_estimates_json(y).dump()});
  }
}

std::optional<SimulationResults> read_simulation(SqliteDb& db, std::int64_t run_id) {
  auto q = db.prepare(
      "SELECT level, replications, years, seed, budget_growth, demand_growth, shock_cv, "
      "regional_shock_cv, region_level, overspend_repay_cap, underspend_keep_cap, arrangement "
      "FROM simulation_settings WHERE run_id = ?1");
  q.bind({run_id});
  if (!q.step()) return std::nullopt;
  SimulationResults r;
  r.level = q.column_text(0);
  auto& s = r.settings;
  s.level = r.level;
  s.replications = static_cast<std::uint64_t>(q.column_int(1));
  s.years = static_cast<int>(q.column_int(2));
  s.seed = static_cast<std::uint64_t>(q.column_int(3));
  s.budget_growth = q.column_double(4);
  s.demand_growth = q.column_double(5);
  s.shock_cv = q.column_double(6);
  s.regional_shock_cv = q.column_double(7);
  s.region_level = q.column_text(8);
  s.overspend_repay_cap = q.column_double(9);
  s.underspend_keep_cap = q.column_double(10);
  s.arrangement = q.column_text(11);
  auto rows = db.prepare(
      "SELECT code, year, name, population, budget, estimates_json FROM simulation_years WHERE "
      "run_id = ?1 ORDER BY rowid");
  rows.bind({run_id});
  while (rows.step()) {
    HolderYear y;
    y.code = rows.column_text(0);
    y.year = static_cast<int>(rows.column_int(1));
    if (y.year == 1) {
      r.holder_names.push_back(rows.column_text(2));
      r.populations.push_back(rows.column_int(3));
    }
    y.budget = rows.column_double(4);
    read_holder_year_estimates(nlohmann::json::parse(rows.column_text(5), nullptr, false), y);
    r.rows.push_back(std::move(y));
  }
  return r;
}

}  // namespace pco

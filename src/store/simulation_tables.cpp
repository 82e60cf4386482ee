#include "store/simulation_tables.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "core/error.hpp"
#include "sim/simulation_report.hpp"

namespace pco {

void write_simulation(ResultsStore& store, const SimulationResults& results) {
  auto& db = store.db();
  const auto run = store.run_id();
  const auto& s = results.settings;
  db.prepare(
        "INSERT INTO simulation_settings (run_id, level, replications, seed, years, "
        "budget_growth, demand_growth, overspend_repay_cap, underspend_keep_cap, shock_cv, "
        "regional_shock_cv, region_level, arrangement) VALUES "
        "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)")
      .run({run, results.level, static_cast<std::int64_t>(s.replications),
            static_cast<std::int64_t>(s.seed), std::int64_t{s.years}, s.budget_growth,
            s.demand_growth, s.overspend_repay_cap, s.underspend_keep_cap, s.shock_cv,
            s.regional_shock_cv, s.region_level, s.arrangement});
  auto holder = db.prepare(
      "INSERT INTO simulation_holders (run_id, ordinal, code, name, population) VALUES "
      "(?1,?2,?3,?4,?5)");
  auto year =
      db.prepare("INSERT INTO simulation_years (run_id, code, year, budget) VALUES (?1,?2,?3,?4)");
  auto estimate = db.prepare(
      "INSERT INTO simulation_estimates (run_id, code, year, estimate, value, se) VALUES "
      "(?1,?2,?3,?4,?5,?6)");
  std::int64_t ordinal = 0;
  for (const auto& row : results.rows) {
    if (row.year == 1) {
      const auto h = static_cast<std::size_t>(ordinal);
      holder.run({run, ordinal++, row.code, results.holder_names.at(h), results.populations.at(h)});
    }
    year.run({run, row.code, std::int64_t{row.year}, row.budget});
    for (const auto& [name, e] : simulation_estimates(row))
      estimate.run({run, row.code, std::int64_t{row.year}, std::string(name), e->value, e->se});
  }
}

std::optional<SimulationResults> read_simulation(SqliteDb& db, std::int64_t run_id) {
  if (!db.has_table("simulation_settings")) return std::nullopt;
  auto settings = db.prepare(
      "SELECT level, replications, seed, years, budget_growth, demand_growth, "
      "overspend_repay_cap, underspend_keep_cap, shock_cv, regional_shock_cv, region_level, "
      "arrangement FROM simulation_settings WHERE run_id = ?1");
  settings.bind({run_id});
  if (!settings.step()) return std::nullopt;
  SimulationResults r;
  r.level = settings.column_text(0);
  auto& s = r.settings;
  s.level = r.level;
  s.replications = static_cast<std::uint64_t>(settings.column_int(1));
  s.seed = static_cast<std::uint64_t>(settings.column_int(2));
  s.years = static_cast<int>(settings.column_int(3));
  s.budget_growth = settings.column_double(4);
  s.demand_growth = settings.column_double(5);
  s.overspend_repay_cap = settings.column_double(6);
  s.underspend_keep_cap = settings.column_double(7);
  s.shock_cv = settings.column_double(8);
  s.regional_shock_cv = settings.column_double(9);
  s.region_level = settings.column_text(10);
  s.arrangement = settings.column_text(11);

  std::map<std::pair<std::string, std::int64_t>, double> budgets;
  auto years = db.prepare("SELECT code, year, budget FROM simulation_years WHERE run_id = ?1");
  years.bind({run_id});
  while (years.step())
    budgets[{years.column_text(0), years.column_int(1)}] = years.column_double(2);
  std::map<std::tuple<std::string, std::int64_t, std::string>, Estimate> values;
  auto estimates = db.prepare(
      "SELECT code, year, estimate, value, se FROM simulation_estimates WHERE run_id = ?1");
  estimates.bind({run_id});
  while (estimates.step()) {
    values[{estimates.column_text(0), estimates.column_int(1), estimates.column_text(2)}] = {
        estimates.column_double(3), estimates.column_double(4)};
  }
  auto holders = db.prepare(
      "SELECT code, name, population FROM simulation_holders WHERE run_id = ?1 ORDER BY ordinal");
  holders.bind({run_id});
  constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
  while (holders.step()) {
    const auto code = holders.column_text(0);
    r.holder_names.push_back(holders.column_text(1));
    r.populations.push_back(holders.column_int(2));
    for (int y = 1; y <= s.years; ++y) {
      HolderYear row;
      row.code = code;
      row.year = y;
      const auto budget = budgets.find({code, y});
      if (budget == budgets.end()) {
        throw IoError(fmt::format("{}: the simulation of run {} has no budget for {} year {}",
                                  db.name(), run_id, code, y));
      }
      row.budget = budget->second;
      // An estimate this pco computes that an older store lacks reads as NaN (JSON null).
      for (auto& [name, e] : simulation_estimates(row)) {
        const auto it = values.find({code, y, name});
        *e = it == values.end() ? Estimate{kMissing, kMissing} : it->second;
      }
      r.rows.push_back(std::move(row));
    }
  }
  return r;
}

}  // namespace pco

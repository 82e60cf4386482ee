#pragma once
// The multi-year simulation stored with its run: settings, holders, each holder's budget by
// year, and every estimate of every holder and year with its Monte Carlo standard error in
// long form (one row per estimate), so a new estimate needs no new column.

#include <cstdint>
#include <optional>
#include <string_view>

#include "sim/simulation.hpp"
#include "store/results_store.hpp"

namespace pco {

inline constexpr std::string_view kSimulationSchema = R"sql(
CREATE TABLE IF NOT EXISTS simulation_settings (
  run_id INTEGER PRIMARY KEY REFERENCES runs(run_id),
  level TEXT NOT NULL,
  replications INTEGER NOT NULL,
  seed INTEGER NOT NULL,
  years INTEGER NOT NULL,
  budget_growth REAL NOT NULL,
  demand_growth REAL NOT NULL,
  overspend_repay_cap REAL NOT NULL,
  underspend_keep_cap REAL NOT NULL,
  shock_cv REAL NOT NULL,
  regional_shock_cv REAL NOT NULL,
  region_level TEXT NOT NULL,
  arrangement TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS simulation_holders (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  ordinal INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  population INTEGER NOT NULL,
  PRIMARY KEY (run_id, ordinal)
);
CREATE TABLE IF NOT EXISTS simulation_years (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  code TEXT NOT NULL,
  year INTEGER NOT NULL,
  budget REAL NOT NULL,
  PRIMARY KEY (run_id, code, year)
);
CREATE TABLE IF NOT EXISTS simulation_estimates (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  code TEXT NOT NULL,
  year INTEGER NOT NULL,
  estimate TEXT NOT NULL,
  value REAL NOT NULL,
  se REAL NOT NULL,
  PRIMARY KEY (run_id, code, year, estimate)
);
)sql";

void write_simulation(ResultsStore& store, const SimulationResults& results);

// The stored simulation; nullopt when the run has none (or the store predates the tables).
// Throws IoError when its rows are incomplete.
std::optional<SimulationResults> read_simulation(SqliteDb& db, std::int64_t run_id);

}  // namespace pco

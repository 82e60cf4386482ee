#pragma once
// The multi-year simulation in the results store: its settings and every holder-year's
// estimates with their standard errors (the fan chart's cost quantiles among them), so the
// report and the dashboard draw it for any organisation. docs/results-schema.md.
#include <optional>

#include "sim/simulation.hpp"
#include "store/results_store.hpp"
#include "store/sqlite_db.hpp"

namespace pco {

void write_simulation_tables(ResultsStore& store, const SimulationResults& results);
// The run's simulation; nullopt when the run had none.
std::optional<SimulationResults> read_simulation(SqliteDb& db, std::int64_t run_id);

}  // namespace pco

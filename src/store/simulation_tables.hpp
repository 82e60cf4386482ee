#pragma once
// The multi-year simulation stored with its run: settings, holders, each holder's budget by
// year, and every estimate of every holder and year with its Monte Carlo standard error in
// long form (one row per estimate), so a new estimate needs no new column.

#include <cstdint>
#include <optional>

#include "sim/simulation.hpp"
#include "store/results_store.hpp"

namespace pco {

void write_simulation(ResultsStore& store, const SimulationResults& results);

// The stored simulation; nullopt when the run has none (or the store predates the tables).
// Throws IoError when its rows are incomplete.
std::optional<SimulationResults> read_simulation(SqliteDb& db, std::int64_t run_id);

}  // namespace pco

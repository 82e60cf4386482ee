#pragma once
// Writes a run's providers, contracts, budget holders with their contracts, pathway shifts and
// the money flowing from commissioners to providers into the results store, and reads them back
// for the dashboard. The tables are created with the first run that has them
// (docs/results-schema.md).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commissioning/commissioning_run.hpp"
#include "demand/service.hpp"
#include "store/results_store.hpp"

namespace pco {

void write_commissioning_tables(ResultsStore& store, const CommissioningRun& run,
                                const ServiceModel& model);

// The stored commissioning results of a run as JSON (contracts, providers, commissioners,
// money_flows, pathway_shifts); nullopt when the run has none (or the store predates them).
std::optional<nlohmann::json> read_commissioning(SqliteDb& db, std::int64_t run_id);

}  // namespace pco

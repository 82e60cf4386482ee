#pragma once
// Two stored runs side by side at one level: for every organisation in either run, each
// measure in both runs and its change (other − base), with totals of the measures that add up.
// The dashboard's comparison view and `GET /api/runs/{id}/compare?with=…` (docs/api.md).

#include <string>

#include <nlohmann/json.hpp>

#include "store/stored_run.hpp"

namespace pco {

// Throws UsageError (404) naming the run and its levels when either run lacks `level`.
nlohmann::json compare_runs(const StoredRun& base, const StoredRun& other,
                            const std::string& level);

}  // namespace pco

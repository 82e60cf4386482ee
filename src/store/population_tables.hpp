#pragma once
// Writes a run's practices, memberships and organisation summaries into the results store.

#include <vector>

#include "allocation/economy.hpp"
#include "model/summary.hpp"
#include "store/results_store.hpp"

namespace pco {

void write_population_tables(ResultsStore& store, const Economy& economy,
                             const std::vector<LevelSummary>& summaries);

}  // namespace pco

#pragma once
// Writes a run's allocations (every level) and indicative practice budgets (lead level) into
// the results store.

#include <vector>

#include "allocation/allocate.hpp"
#include "allocation/run.hpp"
#include "store/results_store.hpp"

namespace pco {

void write_allocation_tables(ResultsStore& store, const AllocationRun& lead,
                             const std::vector<LevelAllocation>& levels,
                             const Population& population);

}  // namespace pco

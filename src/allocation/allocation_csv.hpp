#pragma once
// The allocation's CSV tables of `pco run` (docs/allocation.md): whole pence, as computed.

#include <string>
#include <vector>

#include "allocation/allocate.hpp"
#include "allocation/run.hpp"
#include "model/population.hpp"

namespace pco {

// allocations.csv: every level's organisations with target, allocation and the unified budget
// by component (the lead level's figures from `lead`, the others' from `levels`).
std::string allocation_csv(const AllocationRun& lead, const std::vector<LevelAllocation>& levels);
// practice_budgets.csv: each practice's indicative budget within its lead-level organisation.
std::string practice_budgets_csv(const AllocationRun& lead, const Population& population);

}  // namespace pco

#pragma once
// The national reference age-sex profile used to spread coarse counts (9 age bands, or a
// practice total) over the canonical quinary cells. See docs/population.md for its sources.

#include <cstdint>
#include <span>

#include "model/age_sex.hpp"

namespace pco {

// Expected registered patients per cell for England (sums to the April 2013 national list).
const CellValues& national_reference_profile();

// Splits `count` over cells [first_cell, last_cell] in proportion to `weights`, in whole
// people, by the largest-remainder method (ties go to the lower cell), so the parts sum to
// `count` exactly. Adds the parts into `out`.
void spread_count(std::int64_t count, int first_cell, int last_cell, const CellValues& weights,
                  CellCounts& out);

// Spreads a practice total over all 40 cells by the national profile.
CellCounts spread_total(std::int64_t count);

}  // namespace pco

#pragma once
// Splitting a whole number of pence over parts so that the parts sum to it exactly.

#include <cstdint>
#include <span>
#include <vector>

namespace pco {

// Splits `total` (>= 0) in proportion to `weights` (>= 0, not all 0 unless total is 0) by the
// largest-remainder (Hamilton) method: each part gets the floor of its exact share, and the
// pence left over go one each to the largest fractional remainders, ties to the lower index.
// The parts sum to `total` exactly.
std::vector<std::int64_t> largest_remainder(std::int64_t total,
                                            std::span<const long double> weights);

}  // namespace pco

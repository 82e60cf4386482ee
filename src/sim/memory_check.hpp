#pragma once
// A simulation streams holders (src/sim/simulation.cpp): it keeps every replicate's shocks
// for every year and shock series, and on each thread one holder's cost, outturn and deficit
// for every year and replicate, so a huge number of replications would end in bad_alloc.
// This refuses such a run up front, saying how much memory it needs and how much there is.
#include <cstddef>
#include <cstdint>
#include <optional>

namespace pco {

// Bytes the samples of a run need: one double per shock series (national + regions), year and
// replicate, and per thread three doubles per year and replicate of the holder it draws, with
// a sorted copy of one holder-year's replicates while summarising.
std::uint64_t simulation_memory_needed(std::size_t shock_series, int years,
                                       std::uint64_t replications, int threads);

// MemAvailable from /proc/meminfo, else free physical pages; nullopt when neither is known.
std::optional<std::uint64_t> available_memory_bytes();

// Throws UsageError stating the memory needed and available, and the largest replication
// count that fits, when the run needs more than `available` bytes (when known).
void check_simulation_memory(std::size_t shock_series, int years, std::uint64_t replications,
                             int threads, std::optional<std::uint64_t> available);

}  // namespace pco

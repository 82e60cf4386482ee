#pragma once
// A simulation keeps every replicate's cost, outturn and deficit for each holder and year in
// memory (src/sim/simulation.cpp), so a huge number of replications would end in bad_alloc.
// This refuses such a run up front, saying how much memory it needs and how much there is.
#include <cstddef>
#include <cstdint>
#include <optional>

namespace pco {

// Bytes the samples of a run need: three doubles per holder, year and replicate, and a
// sorted copy of one holder-year's replicates while summarising.
std::uint64_t simulation_memory_needed(std::size_t holders, int years, std::uint64_t replications);

// MemAvailable from /proc/meminfo, else free physical pages; nullopt when neither is known.
std::optional<std::uint64_t> available_memory_bytes();

// Throws UsageError stating the memory needed and available, and the largest replication
// count that fits, when the run needs more than `available` bytes (when known).
void check_simulation_memory(std::size_t holders, int years, std::uint64_t replications,
                             std::optional<std::uint64_t> available);

}  // namespace pco

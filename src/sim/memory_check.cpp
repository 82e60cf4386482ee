#include "sim/memory_check.hpp"

#include <unistd.h>

#include <fstream>
#include <limits>
#include <string>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

// Saturating: a product that overflows 64 bits needs more memory than any machine has.
std::uint64_t times(std::uint64_t a, std::uint64_t b) {
  std::uint64_t r = 0;
  return __builtin_mul_overflow(a, b, &r) ? std::numeric_limits<std::uint64_t>::max() : r;
}

}  // namespace

std::uint64_t simulation_memory_needed(std::size_t shock_series, int years,
                                       std::uint64_t replications, int threads) {
  const auto year_count = static_cast<std::uint64_t>(std::max(years, 0));
  const auto shocks = times(shock_series, year_count);
  // + one sorted copy while summarising
  const auto per_thread = times(year_count, 3) + 1;
  const auto per_replicate =
      shocks + times(per_thread, static_cast<std::uint64_t>(std::max(threads, 1)));
  return times(times(per_replicate, replications), sizeof(double));
}

std::optional<std::uint64_t> available_memory_bytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::uint64_t kib = 0;
  std::string unit;
  while (meminfo >> key >> kib >> unit) {
    if (key == "MemAvailable:") return kib * 1024;
  }
  const long pages = ::sysconf(_SC_AVPHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGESIZE);
  if (pages > 0 && page_size > 0)
    return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size);
  return std::nullopt;
}

void check_simulation_memory(std::size_t shock_series, int years, std::uint64_t replications,
                             int threads, std::optional<std::uint64_t> available) {
  if (!available) return;
  const auto needed = simulation_memory_needed(shock_series, years, replications, threads);
  if (needed <= *available) return;
  const auto per_replicate =
      std::max<std::uint64_t>(1, simulation_memory_needed(shock_series, years, 1, threads));
  throw UsageError(fmt::format(
      "{} replications over {} years on {} threads need {:.1f} GiB of memory for their "
      "samples, and {:.1f} GiB is available; use at most {} replications (--replications or "
      "[simulation] replications)",
      replications, years, std::max(threads, 1), static_cast<double>(needed) / kGiB,
      static_cast<double>(*available) / kGiB, *available / per_replicate));
}

}  // namespace pco

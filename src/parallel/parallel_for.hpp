#pragma once
// Runs independent items on worker threads. Items are handed out one at a time, so which
// worker computes an item varies from run to run: callers keep results deterministic by
// making each item's result depend only on the item (per-worker scratch such as transform
// caches is fine when it never changes a result).

#include <cstddef>
#include <functional>

namespace pco {

// Threads to use for `requested` (0 = one per hardware thread), never more than `items`.
unsigned worker_count(unsigned requested, std::size_t items);

// body(item, worker) for every item in [0, count), worker in [0, worker_count). When items
// throw, the exception of the lowest-numbered failing item is rethrown after all workers
// stop, so the error reported does not depend on scheduling.
void parallel_for(std::size_t count, unsigned threads,
                  const std::function<void(std::size_t item, unsigned worker)>& body);

}  // namespace pco

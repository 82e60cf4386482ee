#include "parallel/parallel_for.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace pco {

unsigned worker_count(unsigned requested, std::size_t items) {
  unsigned n = requested > 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
  if (items < n) n = static_cast<unsigned>(std::max<std::size_t>(items, 1));
  return n;
}

void parallel_for(std::size_t count, unsigned threads,
                  const std::function<void(std::size_t item, unsigned worker)>& body) {
  const unsigned workers = worker_count(threads, count);
  std::atomic<std::size_t> next{0};
  std::mutex failure_mutex;
  std::size_t failed_item = count;
  std::exception_ptr failure;
  const auto work = [&](unsigned worker) {
    for (std::size_t item = next++; item < count; item = next++) {
      try {
        body(item, worker);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (item < failed_item) {
          failed_item = item;
          failure = std::current_exception();
        }
      }
    }
  };
  if (workers == 1) {
    work(0);
  } else {
    std::vector<std::jthread> pool;
    for (unsigned w = 1; w < workers; ++w)
      pool.emplace_back(work, w);
    work(0);
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace pco

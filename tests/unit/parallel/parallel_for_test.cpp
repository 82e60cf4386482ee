#include "parallel/parallel_for.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace pco {
namespace {

TEST(ParallelFor, EveryItemOnceOnAValidWorker) {
  for (unsigned threads : {1u, 2u, 4u}) {
    std::vector<int> seen(1000, 0);
    const unsigned workers = worker_count(threads, seen.size());
    EXPECT_EQ(workers, threads);
    parallel_for(seen.size(), threads, [&](std::size_t item, unsigned worker) {
      ASSERT_LT(worker, workers);
      ++seen[item];  // items are distinct, so no two workers touch one element
    });
    EXPECT_EQ(seen, std::vector<int>(1000, 1));
  }
  EXPECT_EQ(worker_count(8, 3), 3u);
  EXPECT_EQ(worker_count(8, 0), 1u);
}

TEST(ParallelFor, RethrowsTheLowestFailingItemWhateverTheSchedule) {
  for (unsigned threads : {1u, 2u, 4u}) {
    try {
      parallel_for(200, threads, [](std::size_t item, unsigned) {
        if (item % 37 == 5) throw std::runtime_error(std::to_string(item));
      });
      FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "5");
    }
  }
}

}  // namespace
}  // namespace pco

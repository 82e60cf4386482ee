#include "parallel/process_group.hpp"

#include <gtest/gtest.h>

namespace pco {
namespace {

// Without mpirun the group is this process alone: it owns every item, gathers its own bytes
// and broadcasts them unchanged.
TEST(ProcessGroup, WithoutMpirunIsOneProcessOwningEverything) {
  const auto& group = ProcessGroup::world();
  ASSERT_FALSE(group.uses_mpi());
  EXPECT_EQ(group.rank(), 0);
  EXPECT_EQ(group.size(), 1);
  EXPECT_EQ(group.share(17), (std::pair<std::size_t, std::size_t>{0, 17}));
  EXPECT_EQ(group.gather("abc"), std::vector<std::string>{"abc"});
  EXPECT_EQ(group.broadcast("xyz"), "xyz");
  EXPECT_TRUE(group.any(true));
  EXPECT_FALSE(group.any(false));
}

}  // namespace
}  // namespace pco

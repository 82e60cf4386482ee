// The one definition of "moved" (model/membership_change.hpp), case by case by hand.
#include <gtest/gtest.h>

#include "model/membership_change.hpp"

namespace pco {
namespace {

TEST(MembershipChange, NothingChangesNobodyMoves) {
  const auto c = membership_change({0, 0, 1, 1}, {1, 1, 0, 0}, {10, 20, 30, 40});
  // Relabelled organisations with the same members: nobody moves, nothing ceases.
  EXPECT_EQ(c.practices_moved, 0u);
  EXPECT_EQ(c.people_reorganised, 0);
  EXPECT_EQ(c.organisations_ceasing, 0u);
  EXPECT_EQ(c.continuation, (std::vector<int>{1, 0}));
}

TEST(MembershipChange, InAMergerTheSmallerPartnersPracticesMove) {
  // A (0) = 100 + 50 people, B (1) = 60 people, C (2) untouched; A and B merge into 0.
  const auto c = membership_change({0, 0, 1, 2}, {0, 0, 0, 1}, {100, 50, 60, 70});
  EXPECT_EQ(c.continuation, (std::vector<int>{0, -1, 1}));
  EXPECT_EQ(c.practices_moved, 1u);
  EXPECT_EQ(c.people_moved, 60);
  EXPECT_EQ(c.practices_reorganised, 3u);
  EXPECT_EQ(c.people_reorganised, 210);
  EXPECT_EQ(c.organisations_ceasing, 2u);  // A and B; C stays as it is
  EXPECT_EQ(c.moved, (std::vector<bool>{false, false, true, false}));
}

TEST(MembershipChange, OneMoveMovesOnePracticeAndReorganisesBothOrganisations) {
  const auto c = membership_change({0, 0, 0, 1, 1}, {0, 0, 1, 1, 1}, {10, 10, 10, 10, 10});
  EXPECT_EQ(c.practices_moved, 1u);
  EXPECT_EQ(c.people_moved, 10);
  EXPECT_EQ(c.practices_reorganised, 5u);
  EXPECT_EQ(c.organisations_ceasing, 2u);
}

TEST(MembershipChange, ASplitMovesThePracticesOutsideTheLargestPart) {
  const auto c = membership_change({0, 0, 0}, {0, 1, 1}, {50, 30, 30});
  // Part 1 holds 60 people, part 0 only 50: part 1 continues the organisation.
  EXPECT_EQ(c.continuation, (std::vector<int>{1}));
  EXPECT_EQ(c.people_moved, 50);
}

TEST(MembershipChange, TiesGoToTheLowerIndexAndUnmappedPracticesCount) {
  // Two equal partners merge: the first continues.
  const auto tie = membership_change({0, 1}, {0, 0}, {10, 10});
  EXPECT_EQ(tie.continuation, (std::vector<int>{0, -1}));
  EXPECT_EQ(tie.moved, (std::vector<bool>{false, true}));
  // A practice that gains or loses an organisation joins or leaves rather than moves; one with
  // none on both sides does not count.
  const auto edge = membership_change({0, -1, 0, -1}, {0, 0, -1, -1}, {5, 6, 7, 8});
  EXPECT_EQ(edge.practices, 3u);
  EXPECT_EQ(edge.practices_joining_or_leaving, 2u);
  EXPECT_EQ(edge.practices_moved, 0u);
  EXPECT_EQ(edge.people_reorganised, 18);
}

}  // namespace
}  // namespace pco

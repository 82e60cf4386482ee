#pragma once
// What a change of configuration does to practices: the one definition of "moved" that
// `pco design` and `pco appraise` share (docs/appraisal.md, "Disruption").
//
// Each new organisation *continues* at most one current organisation, and each current
// organisation is continued by at most one new one: pairs are matched greedily by the number of
// registered patients they share, largest first (ties: the lower current, then the lower new
// index). A practice **moves** when its new organisation is not the continuation of its current
// one: in a merger of A and B into AB, the smaller partner's practices move (AB continues the
// larger); when an organisation is split, the practices outside the largest part move; in a
// federation nobody moves. A practice is **in a reorganised organisation** when the practices
// it shares its organisation with change at all: everyone in a merger or split.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace pco {

struct MembershipChange {
  std::size_t practices = 0;  // practices with an organisation before or after
  std::size_t practices_joining_or_leaving = 0;
  std::size_t practices_moved = 0;
  std::int64_t people_moved = 0;
  std::size_t practices_reorganised = 0;
  std::int64_t people_reorganised = 0;
  std::size_t organisations_ceasing = 0;  // current organisations no new one continues exactly
  std::vector<int> continuation;          // per current organisation: its continuation, or -1
  std::vector<bool> moved;                // per practice
  std::vector<bool> reorganised;          // per practice
};

// `before[p]` and `after[p]`: the organisation of practice p (0-based; -1 for none) in the
// current and the new configuration; `people[p]` its registered patients. A practice with an
// organisation on only one side joins or leaves rather than moves: it is counted in
// practices_joining_or_leaving, not as moved (its organisation is reorganised all the same).
MembershipChange membership_change(const std::vector<int>& before, const std::vector<int>& after,
                                   const std::vector<std::int64_t>& people);

}  // namespace pco

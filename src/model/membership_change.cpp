#include "model/membership_change.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace pco {

MembershipChange membership_change(const std::vector<int>& before, const std::vector<int>& after,
                                   const std::vector<std::int64_t>& people) {
  MembershipChange c;
  const std::size_t n = std::min({before.size(), after.size(), people.size()});
  int count_before = 0;
  int count_after = 0;
  for (std::size_t p = 0; p < n; ++p) {
    count_before = std::max(count_before, before[p] + 1);
    count_after = std::max(count_after, after[p] + 1);
  }
  // Shared patients of every (current, new) pair, and each organisation's member list.
  std::map<std::pair<int, int>, std::int64_t> shared;
  std::vector<std::vector<std::size_t>> members_before(static_cast<std::size_t>(count_before));
  std::vector<std::vector<std::size_t>> members_after(static_cast<std::size_t>(count_after));
  for (std::size_t p = 0; p < n; ++p) {
    if (before[p] >= 0) members_before[static_cast<std::size_t>(before[p])].push_back(p);
    if (after[p] >= 0) members_after[static_cast<std::size_t>(after[p])].push_back(p);
    if (before[p] >= 0 && after[p] >= 0) shared[{before[p], after[p]}] += people[p];
  }
  std::vector<std::tuple<std::int64_t, int, int>> pairs;  // (−shared, current, new)
  for (const auto& [key, value] : shared)
    pairs.emplace_back(-value, key.first, key.second);
  std::sort(pairs.begin(), pairs.end());
  c.continuation.assign(static_cast<std::size_t>(count_before), -1);
  std::vector<bool> taken(static_cast<std::size_t>(count_after), false);
  for (const auto& [minus_people, current, next] : pairs) {
    if (c.continuation[static_cast<std::size_t>(current)] >= 0 ||
        taken[static_cast<std::size_t>(next)])
      continue;
    c.continuation[static_cast<std::size_t>(current)] = next;
    taken[static_cast<std::size_t>(next)] = true;
  }
  // An organisation is unchanged when its continuation has exactly its members.
  std::vector<bool> unchanged(static_cast<std::size_t>(count_before), false);
  for (int o = 0; o < count_before; ++o) {
    const int next = c.continuation[static_cast<std::size_t>(o)];
    const auto& mine = members_before[static_cast<std::size_t>(o)];
    unchanged[static_cast<std::size_t>(o)] =
        next >= 0 && members_after[static_cast<std::size_t>(next)] == mine;
    if (!mine.empty() && !unchanged[static_cast<std::size_t>(o)]) ++c.organisations_ceasing;
  }
  c.moved.assign(n, false);
  c.reorganised.assign(n, false);
  for (std::size_t p = 0; p < n; ++p) {
    if (before[p] < 0 && after[p] < 0) continue;
    ++c.practices;
    if (before[p] < 0 || after[p] < 0) ++c.practices_joining_or_leaving;
    const bool moved = before[p] >= 0 && after[p] >= 0 &&
                       c.continuation[static_cast<std::size_t>(before[p])] != after[p];
    const bool reorganised =
        moved || before[p] < 0 || after[p] < 0 || !unchanged[static_cast<std::size_t>(before[p])];
    c.moved[p] = moved;
    c.reorganised[p] = reorganised;
    if (moved) {
      ++c.practices_moved;
      c.people_moved += people[p];
    }
    if (reorganised) {
      ++c.practices_reorganised;
      c.people_reorganised += people[p];
    }
  }
  return c;
}

}  // namespace pco

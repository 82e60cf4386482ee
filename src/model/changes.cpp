#include "model/changes.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

std::string_view change_label(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::moved:
      return "moved";
    case ChangeKind::opened:
      return "opened";
    case ChangeKind::closed:
      return "closed";
  }
  return "";
}

std::size_t ConfigurationChanges::count(ChangeKind kind) const {
  return static_cast<std::size_t>(std::count_if(
      changes.begin(), changes.end(), [&](const PracticeChange& c) { return c.kind == kind; }));
}

std::int64_t ConfigurationChanges::patients(ChangeKind kind) const {
  std::int64_t n = 0;
  for (const auto& c : changes)
    if (c.kind == kind) n += c.patients;
  return n;
}

std::string matching_level(const Configuration& configuration, const std::string& level) {
  if (configuration.level_index(level)) return level;
  static const std::vector<std::pair<std::string, std::string>> kAliases = {
      {"ccg", "sub_icb"}, {"sub_icb", "ccg"}, {"stp", "icb"}, {"icb", "stp"}};
  for (const auto& [a, b] : kAliases)
    if (a == level && configuration.level_index(b)) return b;
  return configuration.level(level).name;  // throws, listing the levels
}

namespace {

// Practice -> organisation code at `level` (or its alias) for mapping rows without a list.
std::map<std::string, std::string> unlisted(const JoinReport& join, const std::string& level) {
  std::map<std::string, std::string> out;
  const auto& levels = join.mapping_levels;
  auto it = std::find(levels.begin(), levels.end(), level);
  static const std::vector<std::pair<std::string, std::string>> kAliases = {
      {"ccg", "sub_icb"}, {"sub_icb", "ccg"}, {"stp", "icb"}, {"icb", "stp"}};
  for (const auto& [a, b] : kAliases)
    if (it == levels.end() && a == level) it = std::find(levels.begin(), levels.end(), b);
  if (it == levels.end()) return out;
  const auto l = static_cast<std::size_t>(it - levels.begin());
  for (const auto& row : join.rows_without_patients)
    if (l < row.orgs.size()) out[row.practice] = row.orgs[l].code;
  return out;
}

}  // namespace

ConfigurationChanges compare_configurations(
    const Population& population, const Configuration& before, const JoinReport& before_join,
    const Configuration& after, const JoinReport& after_join, const std::string& level) {
  ConfigurationChanges out;
  out.level_before = matching_level(before, level);
  out.level_after = matching_level(after, level);
  const auto lb = *before.level_index(out.level_before);
  const auto la = *after.level_index(out.level_after);
  const auto org = [](const Configuration& c, std::size_t l, std::size_t p) -> std::string {
    if (p >= c.practice_count()) return {};
    const int o = c.member_of(l, p);
    return o < 0 ? std::string() : c.levels()[l].organisations[static_cast<std::size_t>(o)].code;
  };
  for (std::size_t p = 0; p < population.size(); ++p) {
    const auto& practice = population.practices()[p];
    const auto from = org(before, lb, p);
    const auto to = org(after, la, p);
    if (from.empty() && to.empty()) continue;
    PracticeChange c{ChangeKind::moved,    practice.code, practice.name, from, to,
                     practice.list_size(), true};
    if (from == to) {
      ++out.unchanged;
      continue;
    }
    if (from.empty()) c.kind = ChangeKind::opened;
    if (to.empty()) c.kind = ChangeKind::closed;
    if (c.kind == ChangeKind::moved) {
      auto& f = out.flows[{from, to}];
      ++f.practices;
      f.patients += c.patients;
    }
    out.changes.push_back(std::move(c));
  }
  const auto was = unlisted(before_join, out.level_before);
  const auto now = unlisted(after_join, out.level_after);
  std::vector<std::string> codes;
  for (const auto& [code, o] : was)
    codes.push_back(code);
  for (const auto& [code, o] : now)
    if (!was.count(code)) codes.push_back(code);
  for (const auto& code : codes) {
    if (population.find(code) != nullptr) continue;  // compared above
    const auto from = was.count(code) ? was.at(code) : std::string();
    const auto to = now.count(code) ? now.at(code) : std::string();
    if (from == to) {
      ++out.unchanged;
      continue;
    }
    PracticeChange c{ChangeKind::moved, code, "", from, to, 0, false};
    if (from.empty()) c.kind = ChangeKind::opened;
    if (to.empty()) c.kind = ChangeKind::closed;
    if (c.kind == ChangeKind::moved) ++out.flows[{from, to}].practices;
    out.changes.push_back(std::move(c));
  }
  std::stable_sort(out.changes.begin(), out.changes.end(),
                   [](const PracticeChange& a, const PracticeChange& b) {
                     return std::tie(a.kind, a.practice) < std::tie(b.kind, b.practice);
                   });
  return out;
}

}  // namespace pco

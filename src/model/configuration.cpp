#include "model/configuration.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

const Organisation* Level::find(std::string_view code) const {
  const auto it = index.find(std::string(code));
  return it == index.end() ? nullptr : &organisations[it->second];
}

namespace {

// Splits "file:line" back into its parts for a diagnostic.
Diagnostic diagnostic_at(const std::string& source, std::string field, std::string value,
                         std::string expected) {
  Diagnostic d;
  const auto colon = source.rfind(':');
  d.file = source;
  if (colon != std::string::npos) {
    try {
      d.line = std::stoul(source.substr(colon + 1));
      d.file = source.substr(0, colon);
    } catch (const std::exception&) {
      d.line = 0;
    }
  }
  d.field = std::move(field);
  d.value = std::move(value);
  d.expected = std::move(expected);
  return d;
}

}  // namespace

Configuration Configuration::build(const Population& population, const MappingTable& mapping,
                                   JoinReport& report) {
  report.mapping_levels = mapping.levels;
  Configuration config;
  DiagnosticList problems;
  const std::size_t n_levels = mapping.levels.size();
  if (n_levels == 0) {
    throw UsageError(
        fmt::format("{}: the mapping has no organisation levels", mapping.source_file));
  }
  for (const auto& name : mapping.levels)
    config.levels_.push_back(Level{name, {}, {}});
  config.membership_.assign(n_levels, std::vector<int>(population.size(), -1));

  // Organisation names as first seen; codes become organisations when rebuilt.
  std::vector<std::map<std::string, std::string>> names(n_levels);
  std::unordered_map<std::string, std::string> first_source;
  for (const auto& row : mapping.rows) {
    if (row.orgs.size() != n_levels) {
      problems.add(diagnostic_at(row.source, "", row.practice,
                                 fmt::format("{} organisation levels", n_levels)));
      continue;
    }
    const auto [it, fresh] = first_source.emplace(row.practice, row.source);
    if (!fresh) {
      problems.add(
          diagnostic_at(row.source, "practice", row.practice,
                        fmt::format("each practice mapped once (first at {})", it->second)));
      continue;
    }
    bool row_ok = true;
    for (std::size_t l = 0; l < n_levels; ++l) {
      if (row.orgs[l].code.empty()) {
        problems.add(diagnostic_at(row.source, mapping.levels[l], "",
                                   fmt::format("a {} code", mapping.levels[l])));
        row_ok = false;
      }
      // An organisation cannot be its own ancestor.
      for (std::size_t up = l + 1; up < n_levels && row_ok; ++up) {
        if (!row.orgs[l].code.empty() && row.orgs[l].code == row.orgs[up].code) {
          problems.add(diagnostic_at(
              row.source, mapping.levels[up], row.orgs[up].code,
              fmt::format("a code different from its {} (an organisation cannot be its own "
                          "ancestor)",
                          mapping.levels[l])));
          row_ok = false;
        }
      }
    }
    if (!row_ok) continue;
    const auto practice = population.index_of(row.practice);
    if (!practice) {
      ++report.mapped_without_patients;
      report.rows_without_patients.push_back(row);
      continue;
    }
    for (std::size_t l = 0; l < n_levels; ++l) {
      auto& name = names[l][row.orgs[l].code];
      if (name.empty()) name = row.orgs[l].name;
      // Codes are numbered later; stash the code's rank via a temporary marker.
      config.membership_[l][*practice] = 0;
    }
  }
  problems.throw_if_any();

  // Number organisations by code so output order does not depend on file order.
  for (std::size_t l = 0; l < n_levels; ++l) {
    auto& level = config.levels_[l];
    for (const auto& [code, name] : names[l]) {
      level.index.emplace(code, level.organisations.size());
      level.organisations.push_back(Organisation{code, name.empty() ? code : name, -1, {}});
    }
  }
  for (const auto& row : mapping.rows) {
    const auto practice = population.index_of(row.practice);
    if (!practice || first_source.at(row.practice) != row.source) continue;
    for (std::size_t l = 0; l < n_levels; ++l) {
      config.membership_[l][*practice] =
          static_cast<int>(config.levels_[l].index.at(row.orgs[l].code));
    }
  }
  for (std::size_t p = 0; p < population.size(); ++p) {
    if (config.membership_[0][p] < 0) {
      report.unmapped.push_back({population.practices()[p].code,
                                 fmt::format("not in the mapping {}", mapping.source_file),
                                 population.practices()[p].source});
    }
  }
  for (std::size_t l = 0; l < n_levels; ++l)
    config.rebuild_level(l);
  config.recompute_parents(&report);
  return config;
}

std::optional<std::size_t> Configuration::level_index(std::string_view name) const {
  for (std::size_t l = 0; l < levels_.size(); ++l) {
    if (levels_[l].name == name) return l;
  }
  return std::nullopt;
}

const Level& Configuration::level(std::string_view name) const {
  const auto l = level_index(name);
  if (!l) {
    std::string known;
    for (const auto& lv : levels_)
      known += (known.empty() ? "" : ", ") + lv.name;
    throw UsageError(fmt::format("unknown level \"{}\"; this configuration has: {}", name, known));
  }
  return levels_[*l];
}

void Configuration::rebuild_level(std::size_t l) {
  auto& level = levels_[l];
  auto& membership = membership_[l];
  std::vector<std::vector<std::size_t>> members(level.organisations.size());
  for (std::size_t p = 0; p < membership.size(); ++p) {
    if (membership[p] >= 0) members[static_cast<std::size_t>(membership[p])].push_back(p);
  }
  // Drop organisations left without practices and renumber in code order.
  std::vector<Organisation> kept;
  std::vector<int> renumber(level.organisations.size(), -1);
  std::vector<std::size_t> order(level.organisations.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return level.organisations[a].code < level.organisations[b].code;
  });
  for (const auto i : order) {
    if (members[i].empty()) continue;
    renumber[i] = static_cast<int>(kept.size());
    auto org = level.organisations[i];
    org.members = std::move(members[i]);
    kept.push_back(std::move(org));
  }
  for (auto& m : membership) {
    if (m >= 0) m = renumber[static_cast<std::size_t>(m)];
  }
  level.organisations = std::move(kept);
  level.index.clear();
  for (std::size_t i = 0; i < level.organisations.size(); ++i) {
    level.index.emplace(level.organisations[i].code, i);
  }
}

void Configuration::recompute_parents(JoinReport* report) {
  for (std::size_t l = 0; l < levels_.size(); ++l) {
    for (auto& org : levels_[l].organisations) {
      org.parent = -1;
      if (l + 1 == levels_.size()) continue;
      std::map<int, std::size_t> parent_counts;
      for (const auto p : org.members)
        ++parent_counts[membership_[l + 1][p]];
      // The parent holding most of the organisation's practices; ties go to the lower code.
      std::size_t best = 0;
      for (const auto& [parent, count] : parent_counts) {
        if (count > best) best = count, org.parent = parent;
      }
      if (parent_counts.size() > 1 && report != nullptr) {
        std::string parts;
        for (const auto& [parent, count] : parent_counts) {
          parts += fmt::format("{}{} ({} practices)", parts.empty() ? "" : ", ",
                               levels_[l + 1].organisations[static_cast<std::size_t>(parent)].code,
                               count);
        }
        report->warnings.push_back(fmt::format(
            "{} {} straddles {} {}; shown under {} in the tree, each practice keeps its own {}",
            levels_[l].name, org.code, levels_[l + 1].name, parts,
            levels_[l + 1].organisations[static_cast<std::size_t>(org.parent)].code,
            levels_[l + 1].name));
      }
    }
  }
}

void Configuration::merge(std::string_view level_name, const std::vector<std::string>& codes,
                          const std::string& new_code, const std::string& new_name) {
  const auto l = level_index(level_name);
  if (!l) level(level_name);  // throws with the list of levels
  auto& lv = levels_[*l];
  if (codes.empty()) throw UsageError("merge: no organisations to merge");
  std::vector<int> merged;
  for (const auto& code : codes) {
    const auto it = lv.index.find(code);
    if (it == lv.index.end()) {
      throw UsageError(fmt::format("merge: no {} with code \"{}\"", lv.name, code));
    }
    merged.push_back(static_cast<int>(it->second));
  }
  if (lv.index.count(new_code) != 0 &&
      std::find(codes.begin(), codes.end(), new_code) == codes.end()) {
    throw UsageError(fmt::format("merge: {} code \"{}\" is already used by another organisation",
                                 lv.name, new_code));
  }
  const int target = static_cast<int>(lv.organisations.size());
  lv.organisations.push_back(
      Organisation{new_code, new_name.empty() ? new_code : new_name, -1, {}});
  for (auto& m : membership_[*l]) {
    if (std::find(merged.begin(), merged.end(), m) != merged.end()) m = target;
  }
  // The old entries are left without members and disappear in the rebuild.
  rebuild_level(*l);
  recompute_parents(nullptr);
}

void Configuration::move_practice(const Population& population, std::string_view practice_code,
                                  std::string_view level_name, std::string_view to_org) {
  const auto p = population.index_of(practice_code);
  if (!p || *p >= practice_count() || !is_mapped(*p)) {
    throw UsageError(
        fmt::format("move: practice \"{}\" is not in this configuration", practice_code));
  }
  const auto l = level_index(level_name);
  if (!l) level(level_name);
  const auto it = levels_[*l].index.find(std::string(to_org));
  if (it == levels_[*l].index.end()) {
    throw UsageError(fmt::format("move: no {} with code \"{}\"", levels_[*l].name, to_org));
  }
  membership_[*l][*p] = static_cast<int>(it->second);
  // Keep the levels above consistent with the new organisation's own parents.
  for (std::size_t up = *l + 1; up < levels_.size(); ++up) {
    const auto& org_members =
        levels_[up - 1].organisations[static_cast<std::size_t>(membership_[up - 1][*p])].members;
    const auto peer = std::find_if(org_members.begin(), org_members.end(),
                                   [&](std::size_t q) { return q != *p; });
    if (peer != org_members.end()) membership_[up][*p] = membership_[up][*peer];
  }
  for (std::size_t lv = *l; lv < levels_.size(); ++lv)
    rebuild_level(lv);
  recompute_parents(nullptr);
}

void Configuration::transfer(std::string_view level_name, const std::vector<std::size_t>& practices,
                             const std::string& to_code, const std::string& to_name) {
  const auto l = level_index(level_name);
  if (!l) level(level_name);
  auto& lv = levels_[*l];
  auto it = lv.index.find(to_code);
  if (it == lv.index.end()) {
    lv.organisations.push_back(Organisation{to_code, to_name.empty() ? to_code : to_name, -1, {}});
    it = lv.index.emplace(to_code, lv.organisations.size() - 1).first;
  } else if (!to_name.empty()) {
    lv.organisations[it->second].name = to_name;
  }
  const auto target = static_cast<int>(it->second);
  // A practice already in the target, to copy the levels above from.
  std::optional<std::size_t> peer;
  for (std::size_t p = 0; p < membership_[*l].size() && !peer; ++p)
    if (membership_[*l][p] == target &&
        std::find(practices.begin(), practices.end(), p) == practices.end())
      peer = p;
  for (const auto p : practices) {
    if (p >= practice_count() || !is_mapped(p)) continue;
    membership_[*l][p] = target;
    if (peer)
      for (std::size_t up = *l + 1; up < levels_.size(); ++up)
        membership_[up][p] = membership_[up][*peer];
  }
  for (std::size_t up = *l; up < levels_.size(); ++up)
    rebuild_level(up);
  recompute_parents(nullptr);
}

void Configuration::add_federation(Federation federation) {
  const auto l = level_index(federation.level);
  if (!l) level(federation.level);
  for (const auto& code : federation.members) {
    if (levels_[*l].index.count(code) == 0) {
      throw UsageError(fmt::format("federation {}: no {} with code \"{}\"", federation.code,
                                   levels_[*l].name, code));
    }
    for (const auto& other : federations_) {
      if (other.level == federation.level &&
          std::find(other.members.begin(), other.members.end(), code) != other.members.end()) {
        throw UsageError(fmt::format("federation {}: {} \"{}\" already belongs to federation {}",
                                     federation.code, levels_[*l].name, code, other.code));
      }
    }
  }
  federations_.push_back(std::move(federation));
}

}  // namespace pco

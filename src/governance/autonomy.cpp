#include "governance/autonomy.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

std::string_view autonomy_label(int level) {
  switch (level) {
    case 1:
      return "advisory to the parent";
    case 2:
      return "devolved budget, subcommittee of the parent";
    case 3:
      return "free-standing commissioner";
    case 4:
      return "trust: commissioner and community provider";
    default:
      return "unknown";
  }
}

AutonomyMap::AutonomyMap(const Configuration& configuration, const std::string& level,
                         const std::vector<AutonomyRecord>& records, int default_level)
    : configuration_(&configuration), level_(configuration.level(level).name) {
  const auto level_idx = *configuration.level_index(level_);
  const auto& lvl = configuration.levels()[level_idx];
  const Level* parent_level = level_idx + 1 < configuration.levels().size()
                                  ? &configuration.levels()[level_idx + 1]
                                  : nullptr;
  DiagnosticList problems;
  if (default_level < 1 || default_level > 4) {
    problems.add({"", 0, 0, "default_autonomy", std::to_string(default_level), "1, 2, 3 or 4"});
  }
  std::map<std::string, const AutonomyRecord*> given;
  for (const auto& r : records) {
    bool ok = true;
    if (lvl.find(r.organisation) == nullptr) {
      problems.add({r.file, r.line, 0, "organisation", r.organisation,
                    fmt::format("an organisation at level {}", level_)});
      ok = false;
    }
    if (r.level < 1 || r.level > 4) {
      problems.add({r.file, r.line, 0, "autonomy level", std::to_string(r.level), "1, 2, 3 or 4"});
      ok = false;
    }
    if (ok && !given.emplace(r.organisation, &r).second) {
      problems.add({r.file, r.line, 0, "organisation", r.organisation,
                    "one autonomy level per organisation (already given at " +
                        given[r.organisation]->file + ":" +
                        std::to_string(given[r.organisation]->line) + ")"});
    }
  }
  for (const auto& org : lvl.organisations) {
    BudgetHolding h;
    h.organisation = org.code;
    const auto it = given.find(org.code);
    h.autonomy = it == given.end() ? default_level : it->second->level;
    h.assumed = it == given.end();
    h.provides_community_services = h.autonomy == 4;
    const bool has_parent = org.parent >= 0 && parent_level != nullptr;
    const std::string parent = has_parent ? parent_level->organisations[org.parent].code : "";
    if (h.autonomy <= 2 && !has_parent) {
      const auto* r = it == given.end() ? nullptr : it->second;
      problems.add({r ? r->file : "", r ? r->line : 0, 0, "autonomy level",
                    std::to_string(h.autonomy),
                    fmt::format("3 or 4 for {}: levels 1 and 2 need a parent organisation (the "
                                "health authority) to hold the budget, and {} has none",
                                org.code, org.code)});
      continue;
    }
    h.budget_holder = h.autonomy == 1 ? parent : org.code;
    h.budget_holder_level = h.autonomy == 1 ? parent_level->name : level_;
    h.risk_bearer = h.autonomy <= 2 ? parent : org.code;
    h.risk_bearer_level = h.autonomy <= 2 ? parent_level->name : level_;
    holdings_.push_back(std::move(h));
  }
  problems.sort_by_position();
  problems.throw_if_any();
}

const BudgetHolding& AutonomyMap::budget_holder_for(std::string_view organisation) const {
  for (const auto& h : holdings_)
    if (h.organisation == organisation) return h;
  throw UsageError(fmt::format("no organisation \"{}\" at level {}", organisation, level_));
}

std::vector<RiskPool> AutonomyMap::risk_pools() const {
  std::vector<RiskPool> pools;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  const auto& lvl = configuration_->level(level_);
  for (const auto& h : holdings_) {
    const auto key = std::make_pair(h.risk_bearer_level, h.risk_bearer);
    auto [it, inserted] = index.emplace(key, pools.size());
    if (inserted) pools.push_back({h.risk_bearer, h.risk_bearer_level, {}, {}});
    auto& pool = pools[it->second];
    pool.organisations.push_back(h.organisation);
    const auto& members = lvl.find(h.organisation)->members;
    pool.practices.insert(pool.practices.end(), members.begin(), members.end());
  }
  for (auto& p : pools)
    std::sort(p.practices.begin(), p.practices.end());
  return pools;
}

}  // namespace pco

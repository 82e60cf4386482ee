#include "serve/run_comparison.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

namespace {

// What one organisation has in one run, gathered from its tables.
struct OrganisationFacts {
  const StoredOrganisation* organisation = nullptr;
  const StoredAllocation* allocation = nullptr;
  const HolderRisk* risk = nullptr;
};

struct Measure {
  const char* key;
  const char* label;
  const char* unit;  // people, count, index, pence, pounds, percent, probability
  bool additive;     // totals are meaningful
  std::function<std::optional<double>(const OrganisationFacts&)> value;
};

// A measure read from one of the organisation's tables; nullopt when that table has no row.
template <class Table, class Field>
std::function<std::optional<double>(const OrganisationFacts&)> from(
    const Table* OrganisationFacts::*table, Field Table::*field) {
  return [table, field](const OrganisationFacts& f) -> std::optional<double> {
    if (!(f.*table)) return std::nullopt;
    return static_cast<double>((f.*table)->*field);
  };
}

std::function<std::optional<double>(const OrganisationFacts&)> from_risk(
    double RiskMeasures::*field) {
  return [field](const OrganisationFacts& f) -> std::optional<double> {
    if (!f.risk) return std::nullopt;
    return f.risk->measures.*field;
  };
}

const std::vector<Measure>& measures() {
  using F = OrganisationFacts;
  static const std::vector<Measure> all = {
      {"population", "Registered population", "people", true,
       from(&F::organisation, &StoredOrganisation::population)},
      {"practices", "Practices", "count", true,
       from(&F::organisation, &StoredOrganisation::practices)},
      {"need_index", "Need index", "index", false,
       from(&F::allocation, &StoredAllocation::need_index)},
      {"allocation_pence", "Allocation", "pence", true,
       from(&F::allocation, &StoredAllocation::allocation_pence)},
      {"distance_from_target_pct", "Distance from target", "percent", false,
       from(&F::allocation, &StoredAllocation::distance_from_target_pct)},
      {"budget_pence", "Risk budget", "pence", true, from(&F::risk, &HolderRisk::budget_pence)},
      {"expected_cost", "Expected cost", "pounds", true, from_risk(&RiskMeasures::mean)},
      {"p_overspend_5pct", "P(overspend ≥ 5%)", "probability", false,
       from_risk(&RiskMeasures::p_overspend_5pct)},
      {"reserve99", "99% reserve", "pounds", true, from_risk(&RiskMeasures::reserve99)},
  };
  return all;
}

std::size_t level_index(const StoredRun& run, const std::string& level) {
  const auto it = std::find(run.levels.begin(), run.levels.end(), level);
  if (it == run.levels.end()) {
    std::string names;
    for (const auto& l : run.levels)
      names += fmt::format("{}{}", names.empty() ? "" : ", ", l);
    throw UsageError(fmt::format("run {} has no level \"{}\"; its levels are: {}", run.info.run_id,
                                 level, names));
  }
  return static_cast<std::size_t>(it - run.levels.begin());
}

std::map<std::string, OrganisationFacts> facts_of(const StoredRun& run, const std::string& level) {
  const auto l = level_index(run, level);
  std::map<std::string, OrganisationFacts> facts;
  for (const auto& o : run.organisations[l])
    facts[o.code].organisation = &o;
  if (l < run.allocations.size())
    for (const auto& a : run.allocations[l])
      facts[a.code].allocation = &a;
  for (const auto& h : run.risk.holders)
    if (h.level == level) facts[h.code].risk = &h;
  return facts;
}

nlohmann::json number_or_null(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json compare_runs(const StoredRun& base, const StoredRun& other,
                            const std::string& level) {
  const auto a = facts_of(base, level);
  const auto b = facts_of(other, level);
  std::map<std::string, std::pair<const OrganisationFacts*, const OrganisationFacts*>> codes;
  for (const auto& [code, f] : a)
    codes[code].first = &f;
  for (const auto& [code, f] : b)
    codes[code].second = &f;

  nlohmann::json meta = nlohmann::json::array();
  for (const auto& m : measures())
    meta.push_back(
        {{"key", m.key}, {"label", m.label}, {"unit", m.unit}, {"additive", m.additive}});

  std::map<std::string, double> total_a;
  std::map<std::string, double> total_b;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [code, pair] : codes) {
    const auto& [fa, fb] = pair;
    const auto* oa = fa ? fa->organisation : nullptr;
    const auto* ob = fb ? fb->organisation : nullptr;
    nlohmann::json in_base = nlohmann::json::object();
    nlohmann::json in_other = nlohmann::json::object();
    nlohmann::json change = nlohmann::json::object();
    for (const auto& m : measures()) {
      const auto va = fa ? m.value(*fa) : std::nullopt;
      const auto vb = fb ? m.value(*fb) : std::nullopt;
      in_base[m.key] = number_or_null(va);
      in_other[m.key] = number_or_null(vb);
      change[m.key] = va && vb ? nlohmann::json(*vb - *va) : nlohmann::json(nullptr);
      if (m.additive && va) total_a[m.key] += *va;
      if (m.additive && vb) total_b[m.key] += *vb;
    }
    rows.push_back({{"code", code},
                    {"name", ob   ? ob->name
                             : oa ? oa->name
                                  : ""},
                    {"in_base", fa != nullptr},
                    {"in_other", fb != nullptr},
                    {"base", in_base},
                    {"other", in_other},
                    {"change", change}});
  }
  nlohmann::json totals = {{"base", nlohmann::json::object()},
                           {"other", nlohmann::json::object()},
                           {"change", nlohmann::json::object()}};
  // A measure neither run has at this level (risk computed elsewhere) has no total, not 0.
  for (const auto& m : measures()) {
    if (!m.additive) continue;
    const auto ta = total_a.find(m.key);
    const auto tb = total_b.find(m.key);
    totals["base"][m.key] =
        ta == total_a.end() ? nlohmann::json(nullptr) : nlohmann::json(ta->second);
    totals["other"][m.key] =
        tb == total_b.end() ? nlohmann::json(nullptr) : nlohmann::json(tb->second);
    totals["change"][m.key] = ta == total_a.end() || tb == total_b.end()
                                  ? nlohmann::json(nullptr)
                                  : nlohmann::json(tb->second - ta->second);
  }
  const auto describe = [](const StoredRun& r) {
    return nlohmann::json{{"run_id", r.info.run_id},
                          {"scenario_name", r.info.scenario_name},
                          {"scenario_hash", r.info.scenario_hash},
                          {"seed", r.info.seed},
                          {"budget_source", r.risk.budget_source}};
  };
  return {{"level", level},
          {"base", describe(base)},
          {"other", describe(other)},
          {"measures", meta},
          {"organisations", rows},
          {"totals", totals},
          {"same_scenario", base.info.scenario_hash == other.info.scenario_hash}};
}

}  // namespace pco

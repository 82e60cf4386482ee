#include "holders/arrangements.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "core/error.hpp"
#include "demand/service_scenario.hpp"
#include "risk/fft_pool.hpp"
#include "risk/measures.hpp"
#include "risk/regrid.hpp"
#include "scenario/toml_check.hpp"

namespace pco {

namespace {

constexpr double kTrim = 1e-13;

std::optional<ArrangementType> parse_type(const std::string& text) {
  if (text == "high_cost_pool") return ArrangementType::high_cost_pool;
  if (text == "top_slice") return ArrangementType::top_slice;
  if (text == "corridor") return ArrangementType::corridor;
  if (text == "federation") return ArrangementType::federation;
  return std::nullopt;
}

bool level_exists(const std::string& level, const Economy& economy) {
  return level == kPracticeLevel || level == kNationalLevel || level == kOrganisationLevel ||
         economy.configuration.level_index(level).has_value();
}

const ServiceLine* find_service(const ServiceModel& model, const std::string& name) {
  for (const auto& s : model.services)
    if (s.name == name) return &s;
  return nullptr;
}

bool pooled(const Arrangement& a, const std::string& service) {
  return a.services.empty() ||
         std::find(a.services.begin(), a.services.end(), service) != a.services.end();
}

// A pool's or federation's own risk, from its chance cost and every source of the options.
HolderRisk holder_from(const HolderGroup& g, const std::string& level, const Economy& economy,
                       const CostDistribution& cost, double budget, const RiskSources& sources) {
  HolderRisk h;
  h.code = g.code;
  h.name = g.name;
  h.level = level;
  for (auto p : g.practices)
    h.population += economy.population.practices()[p].list_size();
  set_total_cost(h, cost, sources, practices_concentration(economy, g.practices), false);
  h.budget = budget;
  h.budget_pence = std::llround(budget * 100);
  h.measures = risk_measures(h.distribution, budget);
  return h;
}

// Sets a holder's measures from a transformed distribution.
void remeasure(HolderRisk& h, AggregateDistribution d, double budget) {
  h.budget = budget;
  h.budget_pence = std::llround(budget * 100);
  h.measures = risk_measures(d, budget);
  h.distribution = std::move(d);
}

// Sum of independent distributions on possibly different steps: each is regridded onto one
// step (64 knots per sd of the sum) and convolved.
AggregateDistribution sum_of(const std::vector<const AggregateDistribution*>& parts,
                             FftPool& pool) {
  double variance = 0;
  for (const auto* d : parts) {
    const auto m = grid_moments(*d);
    variance += m.sd * m.sd;
  }
  const double step = variance > 0 ? std::sqrt(variance) / 64 : 1.0;
  AggregateDistribution total{step, 0, {1.0}, "sum"};
  for (const auto* d : parts)
    total = convolve_pooled(total, regrid(*d, step), kTrim, pool);
  return total;
}

// The base holders at `level` of the results, in order.
std::vector<std::size_t> holders_at(const HolderRiskResults& r, const std::string& level) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < r.holders.size(); ++i)
    if (r.holders[i].level == level) out.push_back(i);
  return out;
}

std::vector<const ServiceLine*> services_of(const HolderRisk& h, const ServiceModel& model) {
  std::vector<const ServiceLine*> out;
  for (const auto& name : h.services)
    if (const auto* s = find_service(model, name)) out.push_back(s);
  return out;
}

// For each group at the arrangement's level, the base holders (of the first reported level)
// whose first practice lies in it.
std::vector<std::vector<std::size_t>> children_of(const std::vector<HolderGroup>& parents,
                                                  const std::vector<HolderGroup>& children) {
  std::vector<int> parent_of_practice;
  for (std::size_t g = 0; g < parents.size(); ++g)
    for (auto p : parents[g].practices) {
      if (parent_of_practice.size() <= p) parent_of_practice.resize(p + 1, -1);
      parent_of_practice[p] = static_cast<int>(g);
    }
  std::vector<std::vector<std::size_t>> out(parents.size());
  for (std::size_t c = 0; c < children.size(); ++c) {
    if (children[c].practices.empty()) continue;
    const auto p = children[c].practices.front();
    if (p < parent_of_practice.size() && parent_of_practice[p] >= 0)
      out[static_cast<std::size_t>(parent_of_practice[p])].push_back(c);
  }
  return out;
}

}  // namespace

std::vector<Arrangement> read_arrangements(const Scenario& scenario, const ServiceModel& model,
                                           const Economy& economy) {
  std::vector<Arrangement> out;
  const auto* list = scenario.table.get_as<toml::array>("arrangement");
  if (list == nullptr || !list->is_array_of_tables()) return out;
  const std::string file = scenario.file.empty() ? "scenario" : scenario.file.string();
  DiagnosticList problems;
  std::size_t i = 0;
  for (const auto& node : *list) {
    const auto& t = *node.as_table();
    const std::string path = fmt::format("arrangement[{}]", i++);
    Arrangement a;
    a.line = t.source().begin.line;
    a.column = t.source().begin.column;
    const auto bad = [&](std::string_view key, std::string value, std::string expected) {
      const auto* at = t.get(key);
      problems.add(at ? toml_diagnostic(*at, file, path + "." + std::string(key), std::move(value),
                                        std::move(expected))
                      : Diagnostic{file, a.line, a.column, path + "." + std::string(key),
                                   std::move(value), std::move(expected)});
    };
    if (const auto* n = t.get_as<std::string>("name")) a.name = n->get();
    const std::string type_text = t["type"].value_or(std::string{});
    const auto type = parse_type(type_text);
    if (type) {
      a.type = *type;
    } else {
      bad("type", type_text, "high_cost_pool, top_slice, corridor or federation");
    }
    a.level = t["level"].value_or(std::string{});
    if (!level_exists(a.level, economy)) {
      std::string known = "practice, organisation, national";
      for (const auto& l : economy.configuration.levels())
        if (l.name != kOrganisationLevel) known += ", " + l.name;
      bad("level", a.level, "a level that exists: " + known);
    }
    a.threshold = t["threshold"].value_or(0.0);
    a.share = t["share"].value_or(0.0);
    a.band = t["band"].value_or(0.0);
    if (type && a.type == ArrangementType::high_cost_pool && !(a.threshold > 0))
      bad("threshold", fmt::format("{}", a.threshold), "a threshold per case > 0 (pounds)");
    if (type && (a.type == ArrangementType::top_slice || a.type == ArrangementType::corridor) &&
        !(a.share > 0 && a.share <= 1))
      bad("share", fmt::format("{}", a.share), "a share in (0, 1]");
    if (type && a.type == ArrangementType::corridor && !(a.band >= 0))
      bad("band", fmt::format("{}", a.band), "a band >= 0 (fraction of budget)");
    if (const auto* services = t.get_as<toml::array>("services"))
      for (const auto& s : *services) {
        const std::string name = s.value_or(std::string{});
        if (find_service(model, name) == nullptr)
          problems.add(
              toml_diagnostic(s, file, path + ".services", name, "a service of the model"));
        a.services.push_back(name);
      }
    if (const auto* members = t.get_as<toml::array>("members"))
      for (const auto& m : *members)
        a.members.push_back(m.value_or(std::string{}));
    if (type && a.type == ArrangementType::federation) {
      if (a.members.size() < 2)
        bad("members", fmt::format("{} members", a.members.size()),
            "at least two organisation codes");
      if (level_exists(a.level, economy) && a.level != kPracticeLevel &&
          a.level != kNationalLevel) {
        const auto& level =
            economy.configuration.level(resolve_level(a.level, economy.default_level));
        for (const auto& m : a.members)
          if (level.find(m) == nullptr)
            bad("members", m, "an organisation code at level " + level.name);
      }
    }
    out.push_back(std::move(a));
  }
  problems.sort_by_position();
  problems.throw_if_any();
  return out;
}

ArrangementResult apply_arrangement(const Economy& economy, const ServiceModel& model,
                                    const std::optional<AllocationRun>& allocation,
                                    const HolderRiskOptions& options,
                                    const Arrangement& arrangement) {
  ArrangementResult result;
  result.arrangement = arrangement;
  auto keep = options;
  keep.keep_distributions = true;
  result.without = compute_holder_risk(economy, model, allocation, keep);
  result.with = result.without;
  const auto& a = arrangement;
  RiskWorkspace workspace;
  const std::string pool_level = resolve_level(a.level, economy.default_level);
  const auto parents = holder_groups(economy, a.level);
  const std::string first_level = result.without.levels.front();
  const auto first = holders_at(result.without, first_level);
  const auto first_groups = holder_groups(economy, first_level);

  switch (a.type) {
    case ArrangementType::high_cost_pool: {
      // Holders keep min(X, T) of each pooled case and are top-sliced by the share of their
      // budget that their expected excess is of their expected cost.
      double funding = 0;
      double expected = 0;
      for (const auto& level : result.without.levels) {
        const auto indices = holders_at(result.without, level);
        const auto groups = holder_groups(economy, level);
        for (std::size_t g = 0; g < groups.size(); ++g) {
          auto& h = result.with.holders[indices[g]];
          auto components =
              holder_components(economy, services_of(h, model), groups[g].practices, options.need);
          double excess = 0;
          for (auto& c : components)
            if (pooled(a, c.name)) {
              c.layer = CaseLayer::excess;
              c.threshold = a.threshold;
              excess += c.frequency.mean() * case_moment(c, 1);
              c.layer = CaseLayer::retained;
            }
          const double slice = h.expected_cost > 0 ? h.budget * excess / h.expected_cost : 0;
          if (level == first_level) {
            funding += h.budget;
            expected += h.expected_cost;
          }
          const auto cost = cost_distribution(components, options.grid, 0, &workspace);
          set_total_cost(h, cost, options.sources,
                         practices_concentration(economy, groups[g].practices), false);
          remeasure(h, std::move(h.distribution), h.budget - slice);
        }
      }
      // The pool pays (X − T)+ of every pooled case of its practices; its budget is the
      // top-slices, i.e. its expected cost at the holders' funding ratio.
      const double ratio = expected > 0 ? funding / expected : 1;
      for (const auto& g : parents) {
        std::vector<const ServiceLine*> services;
        for (const auto& s : model.services)
          if (pooled(a, s.name)) services.push_back(&s);
        auto components = holder_components(economy, services, g.practices, options.need);
        for (auto& c : components) {
          c.layer = CaseLayer::excess;
          c.threshold = a.threshold;
        }
        const auto cost = cost_distribution(components, options.grid, 0, &workspace);
        const double budget = cost.exact_mean * ratio;
        result.pools.push_back(holder_from(g, pool_level, economy, cost, budget, options.sources));
        result.pools.back().name = a.name + " pool " + g.name;
        for (const auto* s : services)
          result.pools.back().services.push_back(s->name);
      }
      break;
    }
    case ArrangementType::top_slice:
    case ArrangementType::corridor: {
      // Both act on each holder's annual total, exactly: the distribution is transformed knot
      // by knot. The parent (contingency or corridor partner) pays the sum over its children.
      std::vector<AggregateDistribution> to_parent(first.size());
      for (auto& h : result.with.holders) {
        const double b = h.budget;
        const double step = h.distribution.step;
        if (a.type == ArrangementType::top_slice) {
          const double reduced = b * (1 - a.share);
          if (h.level == first_level) {
            const auto k = static_cast<std::size_t>(&h - result.with.holders.data());
            const auto pos = std::find(first.begin(), first.end(), k) - first.begin();
            to_parent[static_cast<std::size_t>(pos)] = map_distribution(
                h.distribution, step, [&](double s) { return std::max(0.0, s - reduced); });
          }
          remeasure(h, h.distribution, reduced);
        } else {
          const double corridor = b * (1 + a.band);
          if (h.level == first_level) {
            const auto k = static_cast<std::size_t>(&h - result.with.holders.data());
            const auto pos = std::find(first.begin(), first.end(), k) - first.begin();
            to_parent[static_cast<std::size_t>(pos)] =
                map_distribution(h.distribution, step,
                                 [&](double s) { return a.share * std::max(0.0, s - corridor); });
          }
          auto kept = map_distribution(h.distribution, step, [&](double s) {
            return s <= corridor ? s : corridor + (1 - a.share) * (s - corridor);
          });
          const auto m = grid_moments(kept);
          h.expected_cost = m.mean;
          remeasure(h, std::move(kept), b);
        }
      }
      const auto children = children_of(parents, first_groups);
      FftPool& pool = workspace.ffts;
      for (std::size_t g = 0; g < parents.size(); ++g) {
        std::vector<const AggregateDistribution*> parts;
        double budget = 0;
        for (auto c : children[g]) {
          parts.push_back(&to_parent[c]);
          if (a.type == ArrangementType::top_slice)
            budget += result.without.holders[first[c]].budget * a.share;
        }
        if (parts.empty()) continue;
        HolderRisk h;
        h.code = parents[g].code;
        h.name = a.name + " " + parents[g].name;
        h.level = pool_level;
        for (auto c : children[g])
          h.population += result.without.holders[first[c]].population;
        auto d = sum_of(parts, pool);
        const auto m = grid_moments(d);
        h.expected_cost = m.mean;
        h.exact_sd = m.sd;
        remeasure(h, std::move(d), budget);
        result.pools.push_back(std::move(h));
      }
      break;
    }
    case ArrangementType::federation: {
      // Members at the federation's level pool the chosen services; each keeps the rest and
      // the budget share of what it keeps.
      const auto groups = holder_groups(economy, a.level);
      HolderGroup federation{a.name, a.name, {}};
      double pooled_budget = 0;
      std::vector<const ServiceLine*> pooled_services;
      for (const auto& s : model.services)
        if (pooled(a, s.name)) pooled_services.push_back(&s);
      const auto indices = holders_at(result.without, pool_level);
      for (std::size_t g = 0; g < groups.size(); ++g) {
        if (std::find(a.members.begin(), a.members.end(), groups[g].code) == a.members.end())
          continue;
        federation.practices.insert(federation.practices.end(), groups[g].practices.begin(),
                                    groups[g].practices.end());
        if (indices.size() != groups.size()) continue;  // members' level not reported
        auto& h = result.with.holders[indices[g]];
        std::vector<const ServiceLine*> kept;
        double pooled_expected = 0;
        for (const auto* s : services_of(h, model)) {
          if (!pooled(a, s->name)) {
            kept.push_back(s);
            continue;
          }
          const auto c = holder_components(economy, {s}, groups[g].practices, options.need);
          pooled_expected += c[0].frequency.mean() * s->severity.mean();
        }
        const double moved = h.expected_cost > 0 ? h.budget * pooled_expected / h.expected_cost : 0;
        pooled_budget += moved;
        const auto cost =
            cost_distribution(holder_components(economy, kept, groups[g].practices, options.need),
                              options.grid, 0, &workspace);
        set_total_cost(h, cost, options.sources,
                       practices_concentration(economy, groups[g].practices), false);
        remeasure(h, std::move(h.distribution), h.budget - moved);
      }
      std::sort(federation.practices.begin(), federation.practices.end());
      const auto cost = cost_distribution(
          holder_components(economy, pooled_services, federation.practices, options.need),
          options.grid, 0, &workspace);
      if (pooled_budget == 0) pooled_budget = cost.exact_mean * (1 + options.margin);
      result.pools.push_back(
          holder_from(federation, "federation", economy, cost, pooled_budget, options.sources));
      for (const auto* s : pooled_services)
        result.pools.back().services.push_back(s->name);
      break;
    }
  }
  if (!options.keep_distributions) {
    for (auto* list : {&result.without.holders, &result.with.holders, &result.pools})
      for (auto& h : *list)
        h.distribution = AggregateDistribution{};
  }
  return result;
}

}  // namespace pco

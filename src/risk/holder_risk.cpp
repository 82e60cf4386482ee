#include "risk/holder_risk.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/error.hpp"
#include "demand/service_scenario.hpp"
#include "parallel/parallel_for.hpp"
#include "risk/measures.hpp"

namespace pco {

std::vector<HolderGroup> holder_groups(const Economy& economy, const std::string& level) {
  std::vector<HolderGroup> groups;
  const auto& practices = economy.population.practices();
  if (level == kPracticeLevel) {
    for (std::size_t p = 0; p < practices.size(); ++p)
      if (economy.configuration.is_mapped(p))
        groups.push_back({practices[p].code, practices[p].name, {p}});
  } else if (level == kNationalLevel) {
    HolderGroup all{"national", "All practices", {}};
    for (std::size_t p = 0; p < practices.size(); ++p)
      if (economy.configuration.is_mapped(p)) all.practices.push_back(p);
    groups.push_back(std::move(all));
  } else {
    for (const auto& org :
         economy.configuration.level(resolve_level(level, economy.default_level)).organisations)
      groups.push_back({org.code, org.name, org.members});
  }
  return groups;
}

RiskMeasures risk_measures(const AggregateDistribution& d, double budget) {
  RiskMeasures m;
  const auto moments = grid_moments(d);
  m.mean = moments.mean;
  m.sd = moments.sd;
  m.cv = m.mean > 0 ? m.sd / m.mean : 0;
  m.p_overspend = exceedance(d, budget);
  m.p_overspend_5pct = exceedance(d, 1.05 * budget);
  m.p_overspend_10pct = exceedance(d, 1.10 * budget);
  m.var95 = quantile(d, 0.95);
  m.var99 = quantile(d, 0.99);
  m.tvar95 = tail_mean(d, 0.95);
  m.tvar99 = tail_mean(d, 0.99);
  m.reserve95 = reserve_needed(d, budget, 0.95);
  m.reserve99 = reserve_needed(d, budget, 0.99);
  return m;
}

double practices_concentration(const Economy& economy, const std::vector<std::size_t>& practices) {
  std::vector<std::int64_t> lists;
  lists.reserve(practices.size());
  for (auto p : practices)
    lists.push_back(economy.population.practices()[p].list_size());
  return list_concentration(lists);
}

void set_total_cost(HolderRisk& h, const CostDistribution& chance, const RiskSources& sources,
                    double concentration, bool keep_chance) {
  auto total = total_cost(chance, formula_error_sd(sources, concentration), shock_error_sd(sources),
                          sources.chance);
  h.expected_cost = total.expected;
  h.exact_sd = std::sqrt(total.variance);
  h.sd_chance = total.sd_chance;
  h.sd_formula = total.sd_formula;
  h.sd_shock = total.sd_shock;
  h.formula_sd = total.formula_sd;
  h.shock_sd = total.shock_sd;
  h.list_concentration = concentration;
  h.variance_error_bound = total.variance_error_bound;
  h.variance_deficit = total.variance_deficit;
  h.grid_tail_mass = total.grid_tail_mass;
  h.quadrature_nodes = total.quadrature_nodes;
  h.quadrature_error = total.quadrature_error;
  h.distribution = std::move(total.distribution);
  if (keep_chance) h.chance_distribution = chance.distribution;
}

std::vector<CostComponent> holder_components(const Economy& economy,
                                             const std::vector<const ServiceLine*>& services,
                                             const std::vector<std::size_t>& practices,
                                             const std::vector<double>& need) {
  std::vector<CostComponent> components;
  const auto& all = economy.population.practices();
  for (const auto* s : services) {
    double events = 0;
    for (auto p : practices)
      events += expected_events(*s, all[p].counts, p < need.size() ? need[p] : 1.0);
    components.push_back({s->name, service_frequency(*s, events), s->severity});
  }
  return components;
}

HolderRiskResults compute_holder_risk(const Economy& economy, const ServiceModel& model,
                                      const std::optional<AllocationRun>& allocation,
                                      const HolderRiskOptions& options) {
  HolderRiskResults results;
  results.model_source = model.source;
  results.sources = options.sources;
  results.budget_source =
      allocation ? "allocation" : fmt::format("expected cost x (1 + {:g})", options.margin);
  results.reconciliation =
      reconcile_budgets(economy, model, allocation, options.margin, options.need,
                        !options.hold_all            ? std::string()
                        : options.levels.size() == 1 ? options.levels.front()
                                                     : std::string("every reported"));
  const auto practice_money = allocation
                                  ? practice_allocations(*allocation, economy.population.size())
                                  : std::vector<std::int64_t>{};
  const auto held_at = [&](const ServiceLine& s) {
    return resolve_level(s.level, economy.default_level);
  };
  results.levels = options.levels;
  if (results.levels.empty()) {
    for (const auto& s : model.services)
      if (std::find(results.levels.begin(), results.levels.end(), held_at(s)) ==
          results.levels.end())
        results.levels.push_back(held_at(s));
  }
  for (const auto& level : results.levels) {
    if (level != kPracticeLevel && level != kNationalLevel &&
        !economy.configuration.level_index(level))
      economy.configuration.level(level);  // throws UsageError listing the levels
    std::vector<const ServiceLine*> services;
    for (const auto& s : model.services)
      if (options.hold_all || held_at(s) == level) services.push_back(&s);
    if (services.empty())
      throw UsageError(
          fmt::format("level {} holds no service of the model; give another level "
                      "or ask for every service to be held there (--hold-all)",
                      level));
    const auto groups = holder_groups(economy, level);
    const std::size_t start = results.holders.size();
    results.holders.resize(start + groups.size());
    // Budgets first: the allocation in pence (the share of it for the services held here), or
    // the expected cost with a margin (docs/risk-holders.md, "Budgets"). Each holder's measures
    // are then taken as soon as its distribution is made, which is dropped at once unless kept:
    // one distribution per worker in memory, not one per holder of the level.
    double held_here = 0;
    for (std::size_t k = 0; k < model.services.size(); ++k)
      if (options.hold_all || held_at(model.services[k]) == level)
        held_here += results.reconciliation.services[k].expected_cost;
    const double total = results.reconciliation.expected_cost;
    std::vector<std::vector<std::size_t>> members;
    for (const auto& g : groups)
      members.push_back(g.practices);
    const auto pence =
        allocation ? allocation_budgets(practice_money, members, total > 0 ? held_here / total : 1)
                   : std::vector<std::int64_t>{};
    std::vector<RiskWorkspace> workspaces(worker_count(options.threads, groups.size()));
    parallel_for(groups.size(), options.threads, [&](std::size_t i, unsigned worker) {
      const auto& g = groups[i];
      HolderRisk& h = results.holders[start + i];
      h.code = g.code;
      h.name = g.name;
      h.level = level;
      for (auto p : g.practices) {
        const auto& practice = economy.population.practices()[p];
        h.population += practice.list_size();
        if (practice.imputed_structure) h.imputed_people += practice.list_size();
      }
      for (const auto* s : services)
        h.services.push_back(s->name);
      const auto cost =
          cost_distribution(holder_components(economy, services, g.practices, options.need),
                            options.grid, 0, &workspaces[worker]);
      set_total_cost(h, cost, options.sources, practices_concentration(economy, g.practices),
                     options.keep_chance_distributions);
      if (allocation) {
        h.budget_pence = pence[i];
        h.budget = static_cast<double>(h.budget_pence) / 100.0;
      } else {
        h.budget = h.expected_cost * (1 + options.margin);
        h.budget_pence = std::llround(h.budget * 100);
      }
      h.measures = risk_measures(h.distribution, h.budget);
      if (!options.keep_distributions) h.distribution = AggregateDistribution{};
    });
  }
  return results;
}

}  // namespace pco

#include "holders/holder_risk.hpp"

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
  // Read as the continuous distribution the grid discretises (risk/measures.hpp): the step
  // function through the knots would move a probability by up to half a knot's mass, and a
  // quantile by up to a knot, as the budget or the grid shifts.
  m.p_overspend = histogram_exceedance(d, budget);
  m.p_overspend_5pct = histogram_exceedance(d, 1.05 * budget);
  m.p_overspend_10pct = histogram_exceedance(d, 1.10 * budget);
  m.var95 = histogram_quantile(d, 0.95);
  m.var99 = histogram_quantile(d, 0.99);
  m.tvar95 = histogram_tail_mean(d, 0.95);
  m.tvar99 = histogram_tail_mean(d, 0.99);
  m.reserve95 = std::max(0.0, m.var95 - budget);
  m.reserve99 = std::max(0.0, m.var99 - budget);
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

namespace {

std::string resolved_level(const Economy& economy, const ServiceLine& s) {
  return resolve_level(s.level, economy.default_level);
}

// plan_holders with the national reconciliation already made (compute_holder_risk makes it
// once for every level).
std::vector<PlannedHolder> plan_level(const Economy& economy, const ServiceModel& model,
                                      const std::optional<AllocationRun>& allocation,
                                      const HolderRiskOptions& options, const std::string& level,
                                      const BudgetReconciliation& reconciliation) {
  if (level != kPracticeLevel && level != kNationalLevel &&
      !economy.configuration.level_index(level))
    economy.configuration.level(level);  // throws UsageError listing the levels
  std::vector<const ServiceLine*> services;
  for (const auto& s : model.services)
    if (options.hold_all || resolved_level(economy, s) == level) services.push_back(&s);
  if (services.empty())
    throw UsageError(
        fmt::format("level {} holds no service of the model; give another level "
                    "or ask for every service to be held there (--hold-all)",
                    level));
  const auto groups = holder_groups(economy, level);
  // Budgets: the allocation in pence (the share of it for the services held here), or the
  // expected cost with a margin (docs/risk-holders.md, "Budgets").
  double held_here = 0;
  for (std::size_t k = 0; k < model.services.size(); ++k)
    if (options.hold_all || resolved_level(economy, model.services[k]) == level)
      held_here += reconciliation.services[k].expected_cost;
  const double total = reconciliation.expected_cost;
  std::vector<std::vector<std::size_t>> members;
  for (const auto& g : groups)
    members.push_back(g.practices);
  const auto pence =
      allocation ? allocation_budgets(practice_allocations(*allocation, economy.population.size()),
                                      members, total > 0 ? held_here / total : 1)
                 : std::vector<std::int64_t>{};
  std::vector<PlannedHolder> planned(groups.size());
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const auto& g = groups[i];
    auto& p = planned[i];
    HolderRisk& h = p.risk;
    h.code = g.code;
    h.name = g.name;
    h.level = level;
    for (auto k : g.practices) {
      const auto& practice = economy.population.practices()[k];
      h.population += practice.list_size();
      if (practice.imputed_structure) h.imputed_people += practice.list_size();
    }
    for (const auto* s : services)
      h.services.push_back(s->name);
    p.components = holder_components(economy, services, g.practices, options.need);
    p.concentration = practices_concentration(economy, g.practices);
    h.expected_cost = expected_cost(p.components);
    h.formula_sd = formula_error_sd(options.sources, p.concentration);
    if (allocation) {
      h.budget_pence = pence[i];
      h.budget = static_cast<double>(h.budget_pence) / 100.0;
    } else {
      h.budget = h.expected_cost * (1 + options.margin);
      h.budget_pence = std::llround(h.budget * 100);
    }
  }
  return planned;
}

BudgetReconciliation reconciliation_for(const Economy& economy, const ServiceModel& model,
                                        const std::optional<AllocationRun>& allocation,
                                        const HolderRiskOptions& options) {
  return reconcile_budgets(economy, model, allocation, options.margin, options.need,
                           !options.hold_all            ? std::string()
                           : options.levels.size() == 1 ? options.levels.front()
                                                        : std::string("every reported"));
}

}  // namespace

std::vector<PlannedHolder> plan_holders(const Economy& economy, const ServiceModel& model,
                                        const std::optional<AllocationRun>& allocation,
                                        const HolderRiskOptions& options,
                                        const std::string& level) {
  return plan_level(economy, model, allocation, options, level,
                    reconciliation_for(economy, model, allocation, options));
}

CostDistribution chance_distribution(const PlannedHolder& holder, const GridSettings& grid,
                                     RiskWorkspace& workspace) {
  return cost_distribution(holder.components, grid, 0, &workspace);
}

HolderRiskResults compute_holder_risk(const Economy& economy, const ServiceModel& model,
                                      const std::optional<AllocationRun>& allocation,
                                      const HolderRiskOptions& options) {
  HolderRiskResults results;
  results.model_source = model.source;
  results.sources = options.sources;
  results.budget_source =
      allocation ? "allocation" : fmt::format("expected cost x (1 + {:g})", options.margin);
  results.reconciliation = reconciliation_for(economy, model, allocation, options);
  results.levels = options.levels;
  if (results.levels.empty()) {
    for (const auto& s : model.services)
      if (std::find(results.levels.begin(), results.levels.end(), resolved_level(economy, s)) ==
          results.levels.end())
        results.levels.push_back(resolved_level(economy, s));
  }
  for (const auto& level : results.levels) {
    auto planned = plan_level(economy, model, allocation, options, level, results.reconciliation);
    const std::size_t start = results.holders.size();
    results.holders.resize(start + planned.size());
    // Each holder's measures are taken as soon as its distribution is made, which is dropped at
    // once unless kept: one distribution per worker in memory, not one per holder of the level.
    std::vector<RiskWorkspace> workspaces(worker_count(options.threads, planned.size()));
    parallel_for(planned.size(), options.threads, [&](std::size_t i, unsigned worker) {
      auto& p = planned[i];
      HolderRisk& h = results.holders[start + i];
      h = std::move(p.risk);
      const auto cost = chance_distribution(p, options.grid, workspaces[worker]);
      set_total_cost(h, cost, options.sources, p.concentration, options.keep_chance_distributions);
      h.measures = risk_measures(h.distribution, h.budget);
      if (!options.keep_distributions) h.distribution = AggregateDistribution{};
      p.components = {};
    });
  }
  return results;
}

}  // namespace pco

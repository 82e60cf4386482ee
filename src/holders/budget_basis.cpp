#include "holders/budget_basis.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "allocation/rounding.hpp"
#include "core/number_format.hpp"
#include "demand/service_scenario.hpp"

namespace pco {

std::vector<std::int64_t> practice_allocations(const AllocationRun& allocation,
                                               std::size_t practice_count) {
  std::vector<std::int64_t> money(practice_count, 0);
  for (const auto& b : indicative_budgets(allocation.level, allocation.targets))
    if (b.practice < practice_count) money[b.practice] = b.indicative_budget_pence;
  return money;
}

std::vector<std::int64_t> practice_targets(const AllocationRun& allocation,
                                           std::size_t practice_count) {
  std::vector<std::int64_t> target(practice_count, 0);
  const auto& t = allocation.targets;
  const auto formula_target = [&](std::size_t p) {
    std::int64_t sum = 0;
    for (const auto& c : t.pence)
      if (p < c.size()) sum += c[p];
    return sum;
  };
  for (const auto& org : allocation.level.organisations) {
    std::vector<long double> weights;
    std::int64_t sum = 0;
    for (const auto p : org.practices) {
      weights.push_back(static_cast<long double>(formula_target(p)));
      sum += formula_target(p);
    }
    const bool as_formula = sum == org.target_pence || sum <= 0;
    const auto parts =
        as_formula ? std::vector<std::int64_t>{} : largest_remainder(org.target_pence, weights);
    for (std::size_t k = 0; k < org.practices.size(); ++k)
      if (org.practices[k] < practice_count)
        target[org.practices[k]] = as_formula ? formula_target(org.practices[k]) : parts[k];
  }
  return target;
}

double national_expected_cost(const Economy& economy, const ServiceLine& service,
                              const std::vector<double>& need) {
  const auto& practices = economy.population.practices();
  double events = 0;
  for (std::size_t p = 0; p < practices.size(); ++p)
    if (economy.configuration.is_mapped(p))
      events += expected_events(service, practices[p].counts, p < need.size() ? need[p] : 1.0);
  return events * service.severity.mean();
}

namespace {

std::string service_list(const BudgetReconciliation& r) {
  // Services grouped by the level holding them, in model order.
  std::vector<std::pair<std::string, std::vector<std::string>>> by_level;
  for (const auto& s : r.services) {
    auto it = std::find_if(by_level.begin(), by_level.end(),
                           [&](const auto& l) { return l.first == s.level; });
    if (it == by_level.end()) it = by_level.insert(by_level.end(), {s.level, {}});
    it->second.push_back(human_label(s.name));
  }
  std::string text;
  for (const auto& [level, names] : by_level) {
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i)
      list += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    text += fmt::format("{}{} held at {} level", text.empty() ? "" : "; ", list, level);
  }
  return text;
}

}  // namespace

BudgetReconciliation reconcile_budgets(const Economy& economy, const ServiceModel& model,
                                       const std::optional<AllocationRun>& allocation,
                                       double margin, const std::vector<double>& need,
                                       const std::string& hold_level) {
  BudgetReconciliation r;
  r.from_allocation = allocation.has_value();
  r.margin = margin;
  for (const auto& s : model.services) {
    const double cost = national_expected_cost(economy, s, need);
    BudgetReconciliation::Service row;
    row.name = s.name;
    row.level = hold_level.empty() ? resolve_level(s.level, economy.default_level) : hold_level;
    row.expected_cost = cost;
    r.services.push_back(std::move(row));
    r.expected_cost += cost;
  }
  const std::string held = service_list(r);
  if (!allocation) {
    r.gap = margin * r.expected_cost;
    r.gap_pct = 100 * margin;
    r.explanation = fmt::format(
        "No [formula] in the scenario, so there is no allocation to set budgets: each budget is "
        "the service model's expected cost × (1 + margin {:g}), {} nationally ({}). P(overspend) "
        "is then the chance of spending more than the model's mean{}.",
        margin, money(r.expected_cost * (1 + margin)), held,
        margin > 0 ? fmt::format(" plus a {} buffer", percent(margin)) : "");
    return r;
  }
  const auto money_of = practice_allocations(*allocation, economy.population.size());
  r.allocation_pence = std::accumulate(money_of.begin(), money_of.end(), std::int64_t{0});
  r.quantum_pence = allocation->targets.quantum;
  r.components = allocation->targets.components;
  const double total = static_cast<double>(r.allocation_pence) / 100.0;
  r.gap = total - r.expected_cost;
  r.gap_pct = r.expected_cost > 0 ? 100 * r.gap / r.expected_cost : 0;
  std::string components;
  for (std::size_t i = 0; i < r.components.size(); ++i)
    components += (i == 0                         ? ""
                   : i + 1 == r.components.size() ? " and "
                                                  : ", ") +
                  human_label(r.components[i]);
  const auto years = allocation->pace_years.size();
  const std::string source =
      years == 0 ? "the formula's quantum"
                 : fmt::format("the year's money after {} year{} of pace of change; quantum {}",
                               years, years == 1 ? "" : "s", money_pence(r.quantum_pence));
  r.explanation = fmt::format(
      "Budgets are the allocation: {} nationally ({}; formula components {}), each budget holder "
      "getting exactly its fair share in pence, as pco allocate gives it. Beside it, the service "
      "model's view: an expected cost of {} for the services the allocation funds ({}). The "
      "allocation is {} ({}) {} the model.",
      money(total), source, components, money(r.expected_cost), held, money(std::abs(r.gap)),
      // A gap that rounds to 0.0% is not none: the pounds beside it say how much.
      std::abs(r.gap_pct) < 0.05 ? std::string("< 0.1%") : percent_value(std::abs(r.gap_pct), 1),
      r.gap >= 0 ? "above" : "below");
  if (std::abs(r.gap_pct) > 100 * kQuantumModelTolerance) {
    r.warning = fmt::format(
        "the allocation ({}) and the service model's expected cost ({}) disagree nationally by "
        "{} ({}{}): every budget is about that much {} the model's mean, so P(overspend) "
        "measures this gap rather than chance. Make them describe the same money: set [formula] "
        "quantum_pence to about {} pence, or change the [[service]] lines (docs/risk-holders.md, "
        "\"Budgets\")",
        money(total), money(r.expected_cost), money(std::abs(r.gap)), r.gap >= 0 ? "+" : "\u2212",
        percent_value(std::abs(r.gap_pct), 1), r.gap >= 0 ? "above" : "below",
        std::llround(r.expected_cost * 100));
  }
  return r;
}

std::vector<std::int64_t> allocation_budgets(const std::vector<std::int64_t>& practice_money,
                                             const std::vector<std::vector<std::size_t>>& holders,
                                             double held_share) {
  std::vector<std::int64_t> sums;
  for (const auto& practices : holders) {
    std::int64_t sum = 0;
    for (const auto p : practices)
      if (p < practice_money.size()) sum += practice_money[p];
    sums.push_back(sum);
  }
  if (held_share >= 1) return sums;
  const std::int64_t total = std::accumulate(sums.begin(), sums.end(), std::int64_t{0});
  const std::vector<long double> weights(sums.begin(), sums.end());
  if (total <= 0) return sums;
  return largest_remainder(
      std::llround(static_cast<long double>(total) * static_cast<long double>(held_share)),
      weights);
}

}  // namespace pco

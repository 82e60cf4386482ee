#include "allocation/allocate.hpp"

#include <cmath>

#include <fmt/format.h>

#include "allocation/rounding.hpp"
#include "core/error.hpp"

namespace pco {

long double PracticeTargets::weighted_population(std::size_t practice) const {
  if (quantum == 0) return 0;
  return exact[practice] / static_cast<long double>(quantum) * static_cast<long double>(population);
}

PracticeTargets compute_practice_targets(const Formula& formula, const Population& population,
                                         const Configuration& configuration) {
  PracticeTargets t;
  t.quanta = component_quanta(formula);
  t.component_stream = component_streams(formula);
  if (formula.streams.empty()) {
    t.streams = {"total"};
    t.stream_quanta = {0};
    t.stream_sources = {""};
    for (const auto q : t.quanta)
      t.stream_quanta[0] += q;
  } else {
    t.stream_quanta.assign(formula.streams.size(), 0);
    for (const auto& s : formula.streams) {
      t.streams.push_back(s.name);
      t.stream_sources.push_back(s.source);
    }
    for (std::size_t c = 0; c < t.quanta.size(); ++c)
      t.stream_quanta[t.component_stream[c]] += t.quanta[c];
  }
  const auto n = population.size();
  t.exact.assign(n, 0.0L);
  for (std::size_t p = 0; p < n; ++p) {
    if (configuration.is_mapped(p)) t.population += population.practices()[p].list_size();
  }
  DiagnosticList problems;
  for (std::size_t c = 0; c < formula.components.size(); ++c) {
    const auto& comp = formula.components[c];
    t.components.push_back(comp.name);
    t.ring_fenced.push_back(comp.ring_fenced);
    t.weight_names.push_back(comp.weights.name);
    t.weight_sources.push_back(comp.weights.source);
    t.bases.push_back(comp.weighted_column
                          ? fmt::format("NHS England '{}'", wp_column_header(*comp.weighted_column))
                          : comp.weights.name);
    t.quantum += t.quanta[c];
    std::vector<long double> weighted(n, 0.0L);
    std::vector<long double> need_weighted(n, 0.0L);
    long double sum = 0;
    for (std::size_t p = 0; p < n; ++p) {
      if (!configuration.is_mapped(p)) continue;
      long double cells = 0;
      if (!comp.base.empty()) {
        cells = comp.base[p];
      } else {
        const auto& counts = population.practices()[p].counts;
        for (int cell = 0; cell < kCells; ++cell)
          cells += static_cast<long double>(counts[cell]) * comp.weights.cells[cell];
      }
      need_weighted[p] = cells * comp.need[p];
      weighted[p] = need_weighted[p] * comp.mff[p];
      sum += weighted[p];
    }
    if (t.quanta[c] > 0 && !(sum > 0)) {
      problems.add({"", 0, 0, "formula.component", comp.name,
                    "a component with money to have some weighted population (weights, need "
                    "and MFF are all 0 for every practice)"});
      t.pence.emplace_back(n, 0);
    } else {
      t.pence.push_back(largest_remainder(t.quanta[c], weighted));
      for (std::size_t p = 0; p < n; ++p) {
        if (sum > 0) t.exact[p] += static_cast<long double>(t.quanta[c]) * (weighted[p] / sum);
      }
    }
    t.weighted.push_back(std::move(weighted));
    t.need_weighted.push_back(std::move(need_weighted));
  }
  problems.throw_if_any();
  return t;
}

double OrganisationBudget::need_index() const {
  return population > 0 ? static_cast<double>(weighted_population / population) : 0.0;
}

double OrganisationBudget::component_need_index(std::size_t component,
                                                long double national_weighted,
                                                std::int64_t national_population) const {
  if (population == 0 || national_weighted <= 0 || national_population == 0) return 0.0;
  return static_cast<double>((component_weighted[component] / population) /
                             (national_weighted / national_population));
}

double OrganisationBudget::distance_from_target_pct() const {
  if (target_pence == 0) return 0.0;
  return static_cast<double>(allocation_pence - target_pence) / static_cast<double>(target_pence) *
         100.0;
}

LevelAllocation allocate_level(const PracticeTargets& targets, const Population& population,
                               const Configuration& configuration, std::string_view level) {
  const auto& lvl = configuration.level(level);
  LevelAllocation out;
  out.level = lvl.name;
  const auto components = targets.components.size();
  for (const auto& org : lvl.organisations) {
    OrganisationBudget b;
    b.code = org.code;
    b.name = org.name;
    b.practices = org.members;
    b.target_components.assign(components, 0);
    b.component_weighted.assign(components, 0.0L);
    for (const auto p : org.members) {
      for (std::size_t c = 0; c < components; ++c)
        b.component_weighted[c] += targets.need_weighted[c][p];
      b.population += population.practices()[p].list_size();
      b.weighted_population += targets.weighted_population(p);
      for (std::size_t c = 0; c < components; ++c)
        b.target_components[c] += targets.pence[c][p];
    }
    for (const auto v : b.target_components)
      b.target_pence += v;
    b.allocation_components = b.target_components;
    b.allocation_pence = b.target_pence;
    out.organisations.push_back(std::move(b));
  }
  return out;
}

void set_allocations(LevelAllocation& allocation, const std::vector<std::int64_t>& totals) {
  if (totals.size() != allocation.organisations.size()) {
    throw UsageError("set_allocations: one total per organisation is needed");
  }
  for (std::size_t i = 0; i < totals.size(); ++i) {
    auto& org = allocation.organisations[i];
    org.allocation_pence = totals[i];
    std::vector<long double> weights(org.target_components.begin(), org.target_components.end());
    if (org.target_pence > 0) {
      org.allocation_components = largest_remainder(totals[i], weights);
    } else {
      // No target to split by: the money is shown unsplit under the first component.
      org.allocation_components.assign(org.target_components.size(), 0);
      if (!org.allocation_components.empty()) org.allocation_components[0] = totals[i];
    }
  }
}

std::vector<PracticeBudget> indicative_budgets(const LevelAllocation& allocation,
                                               const PracticeTargets& targets) {
  std::vector<PracticeBudget> out;
  const auto components = targets.components.size();
  for (std::size_t o = 0; o < allocation.organisations.size(); ++o) {
    const auto& org = allocation.organisations[o];
    const auto first = out.size();
    for (const auto p : org.practices) {
      PracticeBudget b;
      b.practice = p;
      b.organisation = o;
      b.weighted_population = targets.weighted_population(p);
      b.components.assign(components, 0);
      out.push_back(std::move(b));
    }
    for (std::size_t c = 0; c < components; ++c) {
      const auto money = org.allocation_components[c];
      std::int64_t practice_sum = 0;
      for (const auto p : org.practices)
        practice_sum += targets.pence[c][p];
      if (money == practice_sum) {
        for (std::size_t k = 0; k < org.practices.size(); ++k)
          out[first + k].components[c] = targets.pence[c][org.practices[k]];
        continue;
      }
      std::vector<long double> weights;
      long double sum = 0;
      for (const auto p : org.practices) {
        weights.push_back(targets.weighted[c][p]);
        sum += weights.back();
      }
      // Every practice weighs 0 for this component: share its money equally.
      if (!(sum > 0)) weights.assign(weights.size(), 1.0L);
      const auto parts = largest_remainder(money, weights);
      for (std::size_t k = 0; k < parts.size(); ++k)
        out[first + k].components[c] = parts[k];
    }
    for (std::size_t k = first; k < out.size(); ++k) {
      for (const auto v : out[k].components)
        out[k].indicative_budget_pence += v;
    }
  }
  return out;
}

}  // namespace pco

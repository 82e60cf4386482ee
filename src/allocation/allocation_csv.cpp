#include "allocation/allocation_csv.hpp"

#include <fmt/format.h>

#include "core/table.hpp"

namespace pco {

std::string allocation_csv(const AllocationRun& lead, const std::vector<LevelAllocation>& levels) {
  TextTable t;
  t.headers = {"level",
               "code",
               "population",
               "weighted_population",
               "need_index",
               "target_pence",
               "allocation_pence",
               "pooled_pence",
               "distance_from_target_pct"};
  for (const auto& c : lead.targets.components)
    t.headers.push_back(c + "_pence");
  for (const auto& level : levels) {
    const auto& orgs =
        level.level == lead.level.level ? lead.level.organisations : level.organisations;
    for (const auto& o : orgs) {
      std::vector<std::string> row = {
          level.level,
          o.code,
          std::to_string(o.population),
          fmt::format("{:.3f}", static_cast<double>(o.weighted_population)),
          fmt::format("{:.6f}", o.need_index()),
          std::to_string(o.target_pence),
          std::to_string(o.allocation_pence),
          std::to_string(o.pooled_pence),
          fmt::format("{:.4f}", o.distance_from_target_pct())};
      for (const auto p : o.allocation_components)
        row.push_back(std::to_string(p));
      t.add_row(std::move(row));
    }
  }
  return t.render_csv();
}

std::string practice_budgets_csv(const AllocationRun& lead, const Population& population) {
  TextTable t;
  t.headers = {"practice", "organisation", "weighted_population", "indicative_budget_pence"};
  for (const auto& b : indicative_budgets(lead.level, lead.targets)) {
    t.add_row({population.practices()[b.practice].code,
               lead.level.organisations[b.organisation].code,
               fmt::format("{:.3f}", static_cast<double>(b.weighted_population)),
               std::to_string(b.indicative_budget_pence)});
  }
  return t.render_csv();
}

}  // namespace pco

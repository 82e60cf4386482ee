#include "store/allocation_tables.hpp"

namespace pco {

void write_allocation_tables(ResultsStore& store, const AllocationRun& lead,
                             const std::vector<LevelAllocation>& levels,
                             const Population& population) {
  auto& db = store.db();
  const auto run = store.run_id();
  auto org_row = db.prepare(
      "INSERT INTO allocations (run_id, level, code, population, weighted_population, "
      "need_index, target_pence, allocation_pence, pooled_pence, distance_from_target_pct) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
  auto component_row = db.prepare(
      "INSERT INTO allocation_components (run_id, level, code, component, ring_fenced, "
      "target_pence, allocation_pence) VALUES (?1,?2,?3,?4,?5,?6,?7)");
  const auto& components = lead.targets.components;
  for (const auto& level : levels) {
    // The lead level carries pace of change and pools; other levels are the formula's targets.
    const auto& orgs =
        level.level == lead.level.level ? lead.level.organisations : level.organisations;
    for (const auto& o : orgs) {
      org_row.run({run, level.level, o.code, o.population,
                   static_cast<double>(o.weighted_population), o.need_index(), o.target_pence,
                   o.allocation_pence, o.pooled_pence, o.distance_from_target_pct()});
      for (std::size_t c = 0; c < components.size(); ++c) {
        component_row.run({run, level.level, o.code, components[c],
                           std::int64_t{lead.targets.ring_fenced[c]}, o.target_components[c],
                           o.allocation_components[c]});
      }
    }
  }
  auto practice_row = db.prepare(
      "INSERT INTO practice_budgets (run_id, level, practice, weighted_population, "
      "indicative_budget_pence) VALUES (?1,?2,?3,?4,?5)");
  for (const auto& b : indicative_budgets(lead.level, lead.targets)) {
    practice_row.run({run, lead.level.level, population.practices()[b.practice].code,
                      static_cast<double>(b.weighted_population), b.indicative_budget_pence});
  }
}

}  // namespace pco

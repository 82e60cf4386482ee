#include "store/population_tables.hpp"

namespace pco {

namespace {

double share_65_plus(const Practice& p) {
  std::int64_t old = 0;
  for (int c = 0; c < kCells; ++c)
    if (band_lower_age(cell_band(c)) >= 65) old += p.counts[c];
  const auto list = p.list_size();
  return list > 0 ? 100.0 * static_cast<double>(old) / static_cast<double>(list) : 0.0;
}

}  // namespace

void write_population_tables(ResultsStore& store, const Economy& economy,
                             const std::vector<LevelSummary>& summaries) {
  auto& db = store.db();
  const auto run = store.run_id();
  const auto& config = economy.configuration;
  auto level_row = db.prepare("INSERT INTO levels (run_id, level_index, name) VALUES (?1,?2,?3)");
  for (std::size_t l = 0; l < config.levels().size(); ++l)
    level_row.run({run, static_cast<std::int64_t>(l), config.levels()[l].name});

  auto practice_row = db.prepare(
      "INSERT INTO practices (run_id, code, name, list_size, pct_65_plus, lat, lon, "
      "location_approximate, imputed_structure) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
  auto member_row = db.prepare(
      "INSERT INTO memberships (run_id, practice, level, organisation) VALUES (?1,?2,?3,?4)");
  const auto& practices = economy.population.practices();
  for (std::size_t i = 0; i < practices.size(); ++i) {
    const auto& p = practices[i];
    practice_row.run({run, p.code, p.name, p.list_size(), share_65_plus(p),
                      p.location ? SqlValue{p.location->lat} : SqlValue{},
                      p.location ? SqlValue{p.location->lon} : SqlValue{},
                      std::int64_t{p.location_is_approximate}, std::int64_t{p.imputed_structure}});
    if (!config.is_mapped(i)) continue;
    for (std::size_t l = 0; l < config.levels().size(); ++l) {
      const int org = config.member_of(l, i);
      if (org < 0) continue;
      const auto& level = config.levels()[l];
      member_row.run({run, p.code, level.name, level.organisations[org].code});
    }
  }

  auto org_row = db.prepare(
      "INSERT INTO organisations (run_id, level, code, name, parent_code, practices, population, "
      "pct_65_plus, pct_85_plus, min_list, max_list) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
  for (const auto& summary : summaries) {
    for (const auto& o : summary.organisations) {
      org_row.run({run, summary.level, o.code, o.name, o.parent,
                   static_cast<std::int64_t>(o.practices), o.population, o.pct_65_plus,
                   o.pct_85_plus, o.min_list, o.max_list});
    }
  }
}

}  // namespace pco

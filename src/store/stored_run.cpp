#include "store/stored_run.hpp"

#include <unordered_map>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

std::vector<StoredRunInfo> list_runs(SqliteDb& db) {
  auto q = db.prepare(
      "SELECT run_id, pco_version, scenario_name, scenario_hash, seed, lead_level, started_at, "
      "finished_at "
      "FROM runs WHERE finished_at IS NOT NULL ORDER BY run_id");
  q.bind({});
  std::vector<StoredRunInfo> runs;
  while (q.step()) {
    runs.push_back({q.column_int(0), q.column_text(1), q.column_text(2), q.column_text(3),
                    q.column_int(4), q.column_text(5), q.column_text(6), q.column_text(7)});
  }
  return runs;
}

std::int64_t latest_run_id(SqliteDb& db) {
  const auto runs = list_runs(db);
  if (runs.empty()) throw UsageError(fmt::format("{} holds no runs", db.name()));
  return runs.back().run_id;
}

StoredRun read_run(SqliteDb& db, std::int64_t run_id) {
  StoredRun run;
  bool found = false;
  for (const auto& info : list_runs(db)) {
    if (info.run_id == run_id) {
      run.info = info;
      found = true;
    }
  }
  if (!found) {
    std::string ids;
    for (const auto& info : list_runs(db))
      ids += fmt::format("{}{}", ids.empty() ? "" : ", ", info.run_id);
    throw UsageError(fmt::format("{} has no run {}; its runs are: {}", db.name(), run_id,
                                 ids.empty() ? "none" : ids));
  }
  auto text = db.prepare("SELECT scenario_text FROM runs WHERE run_id = ?1");
  text.bind({run_id});
  if (text.step()) run.scenario_text = text.column_text(0);

  auto levels = db.prepare("SELECT name FROM levels WHERE run_id = ?1 ORDER BY level_index");
  levels.bind({run_id});
  std::unordered_map<std::string, std::size_t> level_index;
  while (levels.step()) {
    level_index[levels.column_text(0)] = run.levels.size();
    run.levels.push_back(levels.column_text(0));
  }
  run.organisations.resize(run.levels.size());

  auto orgs = db.prepare(
      "SELECT level, code, name, parent_code, practices, population, pct_65_plus, pct_85_plus, "
      "min_list, max_list FROM organisations WHERE run_id = ?1 ORDER BY level, code");
  orgs.bind({run_id});
  while (orgs.step()) {
    const auto it = level_index.find(orgs.column_text(0));
    if (it == level_index.end()) continue;
    run.organisations[it->second].push_back(
        {orgs.column_text(1), orgs.column_text(2), orgs.column_text(3), orgs.column_int(4),
         orgs.column_int(5), orgs.column_double(6), orgs.column_double(7), orgs.column_int(8),
         orgs.column_int(9)});
  }

  auto practices = db.prepare(
      "SELECT code, name, list_size, pct_65_plus, lat, lon, location_approximate, "
      "imputed_structure, lat IS NULL FROM practices WHERE run_id = ?1 ORDER BY code");
  practices.bind({run_id});
  std::unordered_map<std::string, std::size_t> practice_index;
  while (practices.step()) {
    StoredPractice p;
    p.code = practices.column_text(0);
    p.name = practices.column_text(1);
    p.list_size = practices.column_int(2);
    p.pct_65_plus = practices.column_double(3);
    if (practices.column_int(8) == 0) {
      p.lat = practices.column_double(4);
      p.lon = practices.column_double(5);
    }
    p.location_approximate = practices.column_int(6) != 0;
    p.imputed_structure = practices.column_int(7) != 0;
    p.organisation.assign(run.levels.size(), "");
    practice_index[p.code] = run.practices.size();
    run.practices.push_back(std::move(p));
  }

  auto members =
      db.prepare("SELECT practice, level, organisation FROM memberships WHERE run_id = ?1");
  members.bind({run_id});
  while (members.step()) {
    const auto p = practice_index.find(members.column_text(0));
    const auto l = level_index.find(members.column_text(1));
    if (p == practice_index.end() || l == level_index.end()) continue;
    run.practices[p->second].organisation[l->second] = members.column_text(2);
  }
  run.allocations.resize(run.levels.size());
  auto alloc = db.prepare(
      "SELECT level, code, population, weighted_population, need_index, target_pence, "
      "allocation_pence, pooled_pence, distance_from_target_pct FROM allocations WHERE run_id = "
      "?1 ORDER BY level, code");
  alloc.bind({run_id});
  std::unordered_map<std::string, StoredAllocation*> by_key;
  while (alloc.step()) {
    const auto l = level_index.find(alloc.column_text(0));
    if (l == level_index.end()) continue;
    run.allocations[l->second].push_back({alloc.column_text(1),
                                          alloc.column_int(2),
                                          alloc.column_double(3),
                                          alloc.column_double(4),
                                          alloc.column_int(5),
                                          alloc.column_int(6),
                                          alloc.column_int(7),
                                          alloc.column_double(8),
                                          {}});
  }
  for (std::size_t l = 0; l < run.levels.size(); ++l)
    for (auto& a : run.allocations[l])
      by_key[run.levels[l] + '\n' + a.code] = &a;
  auto components = db.prepare(
      "SELECT level, code, component, allocation_pence FROM allocation_components WHERE run_id "
      "= ?1 ORDER BY rowid");
  components.bind({run_id});
  while (components.step()) {
    const auto it = by_key.find(components.column_text(0) + '\n' + components.column_text(1));
    if (it != by_key.end())
      it->second->components.emplace_back(components.column_text(2), components.column_int(3));
  }
  return run;
}

}  // namespace pco

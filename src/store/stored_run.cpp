#include "store/stored_run.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "store/risk_tables.hpp"
#include "store/simulation_tables.hpp"

namespace pco {

namespace {

std::vector<StoredRunInfo> runs_where(SqliteDb& db, bool include_unfinished) {
  auto q = db.prepare(
      include_unfinished
          ? "SELECT runs.run_id, pco_version, scenario_name, scenario_hash, seed, lead_level, "
            "started_at, COALESCE(finished_at, ''), COALESCE(run_focus.code, '') FROM runs "
            "LEFT JOIN run_focus USING (run_id) ORDER BY runs.run_id"
          : "SELECT runs.run_id, pco_version, scenario_name, scenario_hash, seed, lead_level, "
            "started_at, finished_at, COALESCE(run_focus.code, '') FROM runs "
            "LEFT JOIN run_focus USING (run_id) WHERE finished_at IS NOT NULL "
            "ORDER BY runs.run_id");
  q.bind({});
  std::vector<StoredRunInfo> runs;
  while (q.step()) {
    runs.push_back({q.column_int(0), q.column_text(1), q.column_text(2), q.column_text(3),
                    q.column_int(4), q.column_text(5), q.column_text(6), q.column_text(7),
                    q.column_text(8)});
  }
  return runs;
}

}  // namespace

std::vector<StoredRunInfo> list_runs(SqliteDb& db) {
  return runs_where(db, false);
}

std::int64_t latest_run_id(SqliteDb& db) {
  const auto runs = list_runs(db);
  if (runs.empty()) throw UsageError(fmt::format("{} holds no runs", db.name()));
  return runs.back().run_id;
}

StoredRun read_run(SqliteDb& db, std::int64_t run_id, bool include_unfinished) {
  StoredRun run;
  bool found = false;
  for (const auto& info : runs_where(db, include_unfinished)) {
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
  auto boundaries =
      db.prepare("SELECT code, name, rings_json FROM boundaries WHERE run_id = ?1 ORDER BY code");
  boundaries.bind({run_id});
  while (boundaries.step()) {
    Boundary b{boundaries.column_text(0), boundaries.column_text(1), {}};
    const auto rings = nlohmann::json::parse(boundaries.column_text(2), nullptr, false);
    if (rings.is_array()) {
      for (const auto& ring : rings) {
        std::vector<GeoPoint> points;
        for (const auto& p : ring)
          points.push_back({p[1].get<double>(), p[0].get<double>()});
        b.rings.push_back(std::move(points));
      }
    }
    run.boundaries.push_back(std::move(b));
  }
  std::unordered_map<std::string, std::string> names;
  for (std::size_t l = 0; l < run.levels.size(); ++l)
    for (const auto& o : run.organisations[l])
      names[run.levels[l] + "/" + o.code] = o.name;
  // A version 1 store (opened read-only, so not yet migrated: results_store.cpp) has the risk
  // of chance alone, without the split by source.
  bool version1 = false;
  {
    auto version = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    version.bind({});
    version1 = version.step() && version.column_text(0) == "1";
  }
  auto risk = db.prepare(
      version1 ? "SELECT level, code, population, expected_cost, budget_pence, mean, sd, cv, "
                 "p_overspend, p_overspend_5pct, p_overspend_10pct, var95, var99, tvar95, tvar99, "
                 "reserve95, reserve99, variance_error_bound, mass_beyond_grid, sd, 0, 0, sd, 0 "
                 "FROM risk_measures WHERE run_id = ?1 ORDER BY rowid"
               : "SELECT level, code, population, expected_cost, budget_pence, mean, sd, cv, "
                 "p_overspend, p_overspend_5pct, p_overspend_10pct, var95, var99, tvar95, tvar99, "
                 "reserve95, reserve99, variance_error_bound, grid_tail_mass, sd_chance, "
                 "sd_formula, sd_shock, exact_sd, variance_deficit FROM risk_measures WHERE "
                 "run_id = ?1 ORDER BY rowid");
  risk.bind({run_id});
  while (risk.step()) {
    HolderRisk h;
    h.level = risk.column_text(0);
    h.code = risk.column_text(1);
    h.name = names[h.level + "/" + h.code];
    h.population = risk.column_int(2);
    h.expected_cost = risk.column_double(3);
    h.budget_pence = risk.column_int(4);
    h.budget = static_cast<double>(h.budget_pence) / 100.0;
    auto& m = h.measures;
    m.mean = risk.column_double(5);
    m.sd = risk.column_double(6);
    m.cv = risk.column_double(7);
    m.p_overspend = risk.column_double(8);
    m.p_overspend_5pct = risk.column_double(9);
    m.p_overspend_10pct = risk.column_double(10);
    m.var95 = risk.column_double(11);
    m.var99 = risk.column_double(12);
    m.tvar95 = risk.column_double(13);
    m.tvar99 = risk.column_double(14);
    m.reserve95 = risk.column_double(15);
    m.reserve99 = risk.column_double(16);
    h.variance_error_bound = risk.column_double(17);
    h.grid_tail_mass = risk.column_double(18);
    h.sd_chance = risk.column_double(19);
    h.sd_formula = risk.column_double(20);
    h.sd_shock = risk.column_double(21);
    h.exact_sd = risk.column_double(22);
    h.variance_deficit = risk.column_double(23);
    if (std::find(run.risk.levels.begin(), run.risk.levels.end(), h.level) == run.risk.levels.end())
      run.risk.levels.push_back(h.level);
    run.risk.holders.push_back(std::move(h));
  }
  auto settings = db.prepare(
      version1
          ? "SELECT model_source, budget_source, '{\"formula\": false, \"shock\": false}' "
            "FROM risk_settings WHERE run_id = ?1"
          : "SELECT model_source, budget_source, sources FROM risk_settings WHERE run_id = ?1");
  settings.bind({run_id});
  if (settings.step()) {
    run.risk.model_source = settings.column_text(0);
    run.risk.budget_source = settings.column_text(1);
    run.risk.sources =
        sources_from_json(nlohmann::json::parse(settings.column_text(2), nullptr, false));
  }
  run.risk.reconciliation = read_budget_basis(db, run_id);
  if (const auto appraisal = read_appraisal(db, run_id))
    run.appraisal = stored_appraisal(*appraisal);
  run.simulation = read_simulation(db, run_id);
  auto cdf = db.prepare(
      "SELECT level, code, cost, cdf FROM distributions WHERE run_id = ?1 ORDER BY level, code, "
      "point");
  cdf.bind({run_id});
  while (cdf.step()) {
    run.cdfs[cdf.column_text(0) + "/" + cdf.column_text(1)].emplace_back(cdf.column_double(2),
                                                                         cdf.column_double(3));
  }
  auto curve = db.prepare(
      version1 ? "SELECT population, expected_cost, cv, p_overspend_5pct, p_overspend_10pct, "
                 "reserve99_pct, rare_costly_cv, cv, 0, 0 FROM size_curve WHERE run_id = ?1 "
                 "ORDER BY population"
               : "SELECT population, expected_cost, cv, p_overspend_5pct, p_overspend_10pct, "
                 "reserve99_pct, rare_costly_cv, cv_chance, cv_formula, cv_shock FROM size_curve "
                 "WHERE run_id = ?1 ORDER BY population");
  curve.bind({run_id});
  while (curve.step()) {
    SizePoint p;
    p.population = curve.column_double(0);
    p.expected_cost = curve.column_double(1);
    p.cv = curve.column_double(2);
    p.p_overspend_5pct = curve.column_double(3);
    p.p_overspend_10pct = curve.column_double(4);
    p.reserve99_pct = curve.column_double(5);
    p.service_cv = curve.column_double(6);
    p.cv_chance = curve.column_double(7);
    p.cv_formula = curve.column_double(8);
    p.cv_shock = curve.column_double(9);
    run.size_curve.push_back(p);
  }
  auto sections =
      db.prepare("SELECT id, title, html FROM report_sections WHERE run_id = ?1 ORDER BY ordinal");
  sections.bind({run_id});
  while (sections.step())
    run.sections.push_back(
        {sections.column_text(0), sections.column_text(1), sections.column_text(2)});
  auto tables = db.prepare(
      "SELECT section, title, table_json FROM report_tables WHERE run_id = ?1 ORDER BY ordinal");
  tables.bind({run_id});
  while (tables.step()) {
    run.tables.push_back(
        {tables.column_text(0), tables.column_text(1),
         table_from_json(nlohmann::json::parse(tables.column_text(2), nullptr, false))});
  }
  return run;
}

void write_report_sections(ResultsStore& store, const std::vector<ReportSection>& sections) {
  auto row = store.db().prepare(
      "INSERT INTO report_sections (run_id, ordinal, id, title, html) VALUES (?1,?2,?3,?4,?5)");
  for (std::size_t i = 0; i < sections.size(); ++i) {
    row.run({store.run_id(), static_cast<std::int64_t>(i), sections[i].id, sections[i].title,
             sections[i].html});
  }
}

void write_report_tables(ResultsStore& store, const std::vector<TitledTable>& tables) {
  auto row = store.db().prepare(
      "INSERT INTO report_tables (run_id, ordinal, section, title, table_json) VALUES "
      "(?1,?2,?3,?4,?5)");
  for (std::size_t i = 0; i < tables.size(); ++i) {
    row.run({store.run_id(), static_cast<std::int64_t>(i), tables[i].section, tables[i].title,
             table_to_json(tables[i].table).dump()});
  }
}

void write_boundaries(ResultsStore& store, const std::vector<Boundary>& boundaries) {
  auto row = store.db().prepare(
      "INSERT OR REPLACE INTO boundaries (run_id, code, name, rings_json) VALUES (?1,?2,?3,?4)");
  for (const auto& b : boundaries) {
    nlohmann::json rings = nlohmann::json::array();
    for (const auto& ring : b.rings) {
      nlohmann::json points = nlohmann::json::array();
      for (const auto& p : ring)
        points.push_back({p.lon, p.lat});
      rings.push_back(std::move(points));
    }
    row.run({store.run_id(), b.code, b.name, rings.dump()});
  }
}

}  // namespace pco

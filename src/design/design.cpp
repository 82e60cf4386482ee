#include "design/design.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/table.hpp"
#include "model/membership_change.hpp"

namespace pco {

std::string part_code(int k) {
  return fmt::format("D{:03d}", k + 1);
}

DesignProblem design_problem(const Economy& economy, const ServiceModel& model,
                             const DesignRequest& request, double margin,
                             const AppraisalParameters& params) {
  DesignProblem p;
  const auto current =
      request.current_level.empty() ? economy.default_level : request.current_level;
  p.atoms = build_atoms(economy, model, request.keep_whole.value_or(request.atoms), current);
  if (p.atoms.atoms.empty())
    throw UsageError(
        "no practice has a location: give [population] locations or postcode_districts in the "
        "scenario");
  if (request.rules.coterminous)
    p.notes = apply_coterminosity(p, economy, *request.rules.coterminous,
                                  request.rules.max_placement_km, request.rules.min_area_share);
  assign_providers(p, economy, request.rules);
  std::vector<GeoPoint> where;
  for (const auto& a : p.atoms.atoms) {
    where.push_back(a.location);
    p.total_population += static_cast<double>(a.population);
    p.total_mean += a.mean_cost;
  }
  if (p.fine_group.empty()) {
    p.graph = neighbour_graph(to_national_grid(where), request.graph);
  } else {
    // Blocks are neighbours when any of their original atoms are: their own centres are too far
    // apart for a triangulation of them to tell.
    p.fine_graph = neighbour_graph(to_national_grid(p.fine_locations), request.graph);
    p.graph = aggregate_graph(p.fine_graph, p.fine_group, to_national_grid(where));
  }
  p.weights = request.weights;
  p.min_pop = request.min_pop;
  p.max_pop = request.max_pop;
  p.params = params;
  p.margin = margin;
  normalise_terms(p, request.search);
  return p;
}

PlanSummary summarise_plan(const DesignProblem& p, const std::vector<int>& assignment, int parts) {
  PlanSummary s;
  const PlanState state(p, assignment, parts);
  s.terms = state.terms();
  s.weighted = weighted_terms(p, s.terms);
  const auto& atoms = p.atoms.atoms;
  const auto& g = p.graph;
  s.organisations.resize(static_cast<std::size_t>(parts));
  std::vector<double> variance(static_cast<std::size_t>(parts), 0);
  std::vector<double> perimeter(static_cast<std::size_t>(parts), 0);
  for (int k = 0; k < parts; ++k)
    s.organisations[static_cast<std::size_t>(k)].code = part_code(k);
  for (std::size_t c = 0; c < state.matching().size(); ++c)
    if (state.matching()[c] >= 0)
      s.organisations[static_cast<std::size_t>(state.matching()[c])].matched_current =
          p.atoms.current_codes[c];
  std::vector<std::set<std::string>> areas(static_cast<std::size_t>(parts));
  for (std::size_t a = 0; a < atoms.size(); ++a) {
    auto& o = s.organisations[static_cast<std::size_t>(assignment[a])];
    o.members.insert(o.members.end(), atoms[a].members.begin(), atoms[a].members.end());
    o.providers.insert(o.providers.end(), atoms[a].providers.begin(), atoms[a].providers.end());
    for (const auto q : atoms[a].practices)
      if (q < p.practice_area.size() && p.practice_area[q].area >= 0)
        areas[static_cast<std::size_t>(assignment[a])].insert(
            p.area_names[static_cast<std::size_t>(p.practice_area[q].area)]);
    o.population += atoms[a].population;
    ++o.atoms;
    o.practices += atoms[a].practices.size();
    o.area_km2 += g.cell_area[a] / 1e6;
    perimeter[static_cast<std::size_t>(assignment[a])] += g.cell_perimeter[a];
    o.expected_cost += atoms[a].mean_cost;
    variance[static_cast<std::size_t>(assignment[a])] += atoms[a].cost_variance;
  }
  // Practices and people moved: the definition pco appraise uses (model/membership_change.hpp).
  std::vector<int> before, after;
  std::vector<std::int64_t> people;
  for (std::size_t a = 0; a < atoms.size(); ++a)
    for (std::size_t i = 0; i < atoms[a].practices.size(); ++i) {
      before.push_back(atoms[a].practice_current[i]);
      after.push_back(assignment[a]);
      people.push_back(atoms[a].practice_population[i]);
    }
  const auto change = membership_change(before, after, people);
  s.practices_moved = change.practices_moved;
  s.people_moved = change.people_moved;
  for (const auto& e : g.edges) {
    if (assignment[e.a] == assignment[e.b]) {
      perimeter[static_cast<std::size_t>(assignment[e.a])] -= 2 * e.shared;
    } else {
      ++s.cut_edges;
      s.cut_length_km += e.shared / 1e3;
    }
  }
  const double mean = p.total_population / std::max(parts, 1);
  for (std::size_t k = 0; k < s.organisations.size(); ++k) {
    auto& o = s.organisations[k];
    o.perimeter_km = perimeter[k] / 1e3;
    o.polsby_popper = polsby_popper(o.area_km2, o.perimeter_km);
    o.cv = o.expected_cost > 0 ? std::sqrt(variance[k]) / o.expected_cost : 0;
    const double dev = std::abs(static_cast<double>(o.population) - mean) / mean;
    s.max_deviation = std::max(s.max_deviation, dev);
    s.mean_deviation += dev / static_cast<double>(parts);
    s.mean_polsby_popper += o.polsby_popper / static_cast<double>(parts);
    if (static_cast<double>(o.population) < p.min_pop ||
        static_cast<double>(o.population) > p.max_pop)
      s.within_bounds = false;
  }
  for (std::size_t k = 0; k < s.organisations.size(); ++k) {
    auto& o = s.organisations[k];
    std::sort(o.members.begin(), o.members.end());
    std::sort(o.providers.begin(), o.providers.end());
    o.areas.assign(areas[k].begin(), areas[k].end());
  }
  s.contiguous = parts_contiguous(g, assignment, parts);
  s.violations = check_rules(p, assignment, parts);
  if (p.min_providers > 0)
    for (const auto& o : s.organisations)
      if (o.providers.size() < static_cast<std::size_t>(p.min_providers)) s.within_bounds = false;
  return s;
}

std::pair<std::vector<int>, int> current_plan(const DesignProblem& p) {
  std::vector<int> assignment;
  const int extra = static_cast<int>(p.atoms.current_codes.size());
  for (const auto& a : p.atoms.atoms)
    assignment.push_back(a.current >= 0 ? a.current : extra);
  std::map<int, int> label;
  for (auto& a : assignment)
    a = label.emplace(a, static_cast<int>(label.size())).first->second;
  return {assignment, static_cast<int>(label.size())};
}

DesignResult design(const Economy& economy, const ServiceModel& model, const DesignRequest& request,
                    double margin, const AppraisalParameters& params) {
  DesignResult r;
  r.problem = design_problem(economy, model, request, margin, params);
  auto search = request.search;
  // The current configuration is a start of its own when it is already a valid plan of the
  // requested size: the design then never scores worse than what exists.
  const auto [current, current_parts] = current_plan(r.problem);
  const auto current_summary = summarise_plan(r.problem, current, current_parts);
  if (current_summary.contiguous && current_summary.within_bounds &&
      (search.parts == 0 || search.parts == current_parts)) {
    search.extra_start = current;
    search.extra_start_parts = current_parts;
  }
  r.infeasible = infeasible_rules(
      r.problem,
      choose_parts(r.problem.total_population, r.problem.min_pop, r.problem.max_pop, search.parts));
  r.notes.insert(r.notes.end(), r.problem.notes.begin(), r.problem.notes.end());
  r.outcome = optimise(r.problem, search);
  r.plan = summarise_plan(r.problem, r.outcome.assignment, r.outcome.parts);
  r.seed = summarise_plan(r.problem, r.outcome.seed_assignment, r.outcome.parts);
  r.started_from_current =
      !search.extra_start.empty() && r.outcome.chosen_restart == std::max(1, search.restarts);
  const auto& g = r.problem.graph;
  r.notes.push_back(fmt::format(
      "{} atoms ({}), {} neighbour edges; {} long edges pruned, {} bridges joined islands, {} "
      "coincident points nudged",
      r.problem.atoms.atoms.size(), r.problem.atoms.level, g.edges.size(), g.pruned, g.bridges,
      g.nudged));
  if (!r.problem.atoms.left_out.empty())
    r.notes.push_back(fmt::format("{} practices have no location and are left out of the design",
                                  r.problem.atoms.left_out.size()));
  if (!r.plan.within_bounds)
    r.notes.push_back(
        "the best plan found leaves some organisations outside the population bounds; more "
        "restarts or sweeps, or wider bounds, may find a feasible one");
  return r;
}

std::string membership_csv(const Economy& economy, const DesignProblem& p,
                           const std::vector<int>& assignment) {
  std::vector<std::pair<std::size_t, int>> rows;
  for (std::size_t a = 0; a < p.atoms.atoms.size(); ++a)
    for (const auto practice : p.atoms.atoms[a].practices)
      rows.emplace_back(practice, assignment[a]);
  std::sort(rows.begin(), rows.end());
  std::string out = "practice,org,org_name\n";
  for (const auto& [practice, part] : rows)
    out += fmt::format("{},{},{}\n", csv_field(economy.population.practices()[practice].code),
                       part_code(part), csv_field("Designed organisation " + part_code(part)));
  return out;
}

}  // namespace pco

#include "design/constraints.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <numeric>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/error.hpp"
#include "core/table.hpp"
#include "core/text.hpp"
#include "readers/geojson_boundaries.hpp"

namespace pco {

namespace {

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x)
      x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);  // the lower index leads: deterministic
  }
};

double km_between(const GeoPoint& a, const GeoPoint& b) {
  const double k = std::cos(0.5 * (a.lat + b.lat) * std::numbers::pi / 180.0);
  return std::hypot((a.lat - b.lat), (a.lon - b.lon) * k) * 111.32;
}

std::string block_code(const std::vector<std::string>& members) {
  if (members.size() == 1) return members.front();
  if (members.size() <= 3) return fmt::format("{}", fmt::join(members, "+"));
  return fmt::format("{}+{}+{} others", members[0], members[1], members.size() - 2);
}

// The areas (names) of a set of practices, in name order.
std::vector<std::string> areas_of(const DesignProblem& p,
                                  const std::vector<std::size_t>& practices) {
  std::set<std::string> names;
  for (const auto q : practices) {
    if (q >= p.practice_area.size()) continue;
    const int a = p.practice_area[q].area;
    if (a >= 0) names.insert(p.area_names[static_cast<std::size_t>(a)]);
  }
  return {names.begin(), names.end()};
}

}  // namespace

std::vector<std::string> apply_coterminosity(DesignProblem& p, const Economy& economy,
                                             const std::filesystem::path& areas_file, double max_km,
                                             double min_area_share) {
  const AreaIndex index(
      parse_geojson_boundaries({areas_file.string(), read_text_file(areas_file)}));
  p.areas_file = areas_file.string();
  p.area_codes.clear();
  p.area_names.clear();
  for (const auto& b : index.areas()) {
    p.area_codes.push_back(b.code);
    p.area_names.push_back(b.name.empty() ? b.code : b.name);
  }
  const auto& practices = economy.population.practices();
  p.practice_area.assign(practices.size(), PointPlacement{});
  auto& atoms = p.atoms.atoms;
  p.area_exception.assign(practices.size(), false);
  std::size_t placed = 0, nearest = 0, unplaced = 0;
  double farthest = 0;
  // Each practice's area, and each area's patients by atom.
  std::map<int, std::map<std::size_t, std::int64_t>> area_atoms;
  std::map<int, std::int64_t> area_patients;
  for (std::size_t a = 0; a < atoms.size(); ++a) {
    for (const auto q : atoms[a].practices) {
      const auto placement = place_points(index, {*practices[q].location}, max_km).front();
      p.practice_area[q] = placement;
      if (placement.area < 0) {
        ++unplaced;
        continue;
      }
      ++placed;
      if (placement.nearest) {
        ++nearest;
        farthest = std::max(farthest, placement.distance_km);
      }
      area_atoms[placement.area][a] += practices[q].list_size();
      area_patients[placement.area] += practices[q].list_size();
    }
  }
  // Atoms sharing an area join one block, unless an atom holds too little of the area.
  UnionFind blocks(atoms.size());
  std::size_t exceptions = 0;
  std::int64_t exception_patients = 0;
  for (const auto& [area, by_atom] : area_atoms) {
    std::optional<std::size_t> first;
    for (const auto& [a, n] : by_atom) {
      const double share = static_cast<double>(n) /
                           static_cast<double>(std::max<std::int64_t>(area_patients[area], 1));
      if (by_atom.size() > 1 && share < min_area_share) {
        for (const auto q : atoms[a].practices)
          if (p.practice_area[q].area == area) {
            p.area_exception[q] = true;
            ++exceptions;
            exception_patients += practices[q].list_size();
          }
        continue;
      }
      if (first)
        blocks.join(*first, a);
      else
        first = a;
    }
  }
  if (placed == 0)
    throw UsageError(fmt::format("--coterminous {}: no practice lies in any of its {} areas",
                                 areas_file.string(), index.areas().size()));
  // Rebuild the atoms, one per block, in the order of their first atom.
  p.fine_locations.clear();
  p.fine_group.clear();
  for (const auto& a : atoms)
    p.fine_locations.push_back(a.location);
  std::map<std::size_t, std::size_t> block_index;
  std::vector<Atom> merged;
  std::vector<std::string> notes;
  for (std::size_t a = 0; a < atoms.size(); ++a) {
    const auto root = blocks.find(a);
    const auto [it, fresh] = block_index.emplace(root, merged.size());
    p.fine_group.push_back(static_cast<int>(it->second));
    if (fresh) {
      merged.push_back(atoms[a]);
      merged.back().members = atoms[a].members;
      continue;
    }
    auto& b = merged[it->second];
    const auto& x = atoms[a];
    const double wb = static_cast<double>(std::max<std::int64_t>(b.population, 1));
    const double wx = static_cast<double>(std::max<std::int64_t>(x.population, 1));
    b.location = {(b.location.lat * wb + x.location.lat * wx) / (wb + wx),
                  (b.location.lon * wb + x.location.lon * wx) / (wb + wx)};
    b.practices.insert(b.practices.end(), x.practices.begin(), x.practices.end());
    b.practice_current.insert(b.practice_current.end(), x.practice_current.begin(),
                              x.practice_current.end());
    b.practice_population.insert(b.practice_population.end(), x.practice_population.begin(),
                                 x.practice_population.end());
    b.population += x.population;
    b.mean_cost += x.mean_cost;
    b.cost_variance += x.cost_variance;
    b.members.insert(b.members.end(), x.members.begin(), x.members.end());
  }
  for (auto& b : merged) {
    if (b.members.size() < 2) continue;
    // The block's current organisation: the one holding most of its people.
    std::map<int, std::int64_t> at;
    for (std::size_t i = 0; i < b.practices.size(); ++i)
      at[b.practice_current[i]] += b.practice_population[i];
    std::int64_t most = -1;
    b.current = -1;
    for (const auto& [org, n] : at)
      if (org >= 0 && n > most) most = n, b.current = org;
    b.code = block_code(b.members);
    notes.push_back(fmt::format("coterminosity joins {} into one block of {} people (areas: {})",
                                fmt::join(b.members, ", "), with_thousands(b.population),
                                fmt::join(areas_of(p, b.practices), ", ")));
  }
  notes.insert(notes.begin(),
               fmt::format("coterminous areas {}: {} practices placed inside an area, {} in the "
                           "nearest area (outside every generalised boundary, at most {:.1f} km), "
                           "{} further than {:g} km from any (unconstrained); {} atoms became {} "
                           "blocks",
                           areas_file.string(), placed - nearest, nearest, farthest, unplaced,
                           max_km, atoms.size(), merged.size()));
  if (exceptions > 0)
    notes.push_back(fmt::format(
        "{} practices ({} patients) lie in an area of which their {} holds under {:.0f}% of the "
        "patients: they do not tie their {} to the area (exceptions, listed by --areas-out)",
        exceptions, with_thousands(exception_patients), p.atoms.level, 100 * min_area_share,
        p.atoms.level));
  atoms = std::move(merged);
  return notes;
}

void assign_providers(DesignProblem& p, const Economy& economy, const DesignRules& rules) {
  p.min_providers = rules.min_providers;
  p.provider_kind = std::string(trust_kind_label(rules.provider_kind));
  if (rules.min_providers <= 0) return;
  const auto& practices = economy.population.practices();
  for (const auto& t : rules.providers) {
    if (t.kind != rules.provider_kind || !t.location) continue;
    double best = std::numeric_limits<double>::max();
    std::size_t best_atom = 0;
    for (std::size_t a = 0; a < p.atoms.atoms.size(); ++a)
      for (const auto q : p.atoms.atoms[a].practices) {
        const double d = km_between(*t.location, *practices[q].location);
        if (d < best) best = d, best_atom = a;
      }
    if (best <= 30.0) p.atoms.atoms[best_atom].providers.push_back(t.code);
  }
}

std::vector<RuleViolation> check_rules(const DesignProblem& p, const std::vector<int>& assignment,
                                       int parts) {
  std::vector<RuleViolation> out;
  const auto code = [](int k) { return fmt::format("D{:03d}", k + 1); };
  std::vector<double> population(static_cast<std::size_t>(parts), 0);
  std::vector<std::size_t> providers(static_cast<std::size_t>(parts), 0);
  std::vector<std::vector<std::size_t>> atoms_of(static_cast<std::size_t>(parts));
  for (std::size_t a = 0; a < p.atoms.atoms.size(); ++a) {
    const auto k = static_cast<std::size_t>(assignment[a]);
    population[k] += static_cast<double>(p.atoms.atoms[a].population);
    providers[k] += p.atoms.atoms[a].providers.size();
    atoms_of[k].push_back(a);
  }
  for (int k = 0; k < parts; ++k) {
    const auto i = static_cast<std::size_t>(k);
    if (population[i] < p.min_pop)
      out.push_back({"min-pop", code(k),
                     fmt::format("{} people, fewer than {:.0f}",
                                 with_thousands(std::llround(population[i])), p.min_pop)});
    if (population[i] > p.max_pop)
      out.push_back({"max-pop", code(k),
                     fmt::format("{} people, more than {:.0f}",
                                 with_thousands(std::llround(population[i])), p.max_pop)});
    if (p.min_providers > 0 && providers[i] < static_cast<std::size_t>(p.min_providers))
      out.push_back({"min-providers", code(k),
                     fmt::format("{} {} provider(s), fewer than {}", providers[i], p.provider_kind,
                                 p.min_providers)});
    // Contiguity: every atom of the part reachable from its first through the part.
    if (atoms_of[i].empty()) continue;
    std::vector<bool> seen(p.atoms.atoms.size(), false);
    std::vector<std::size_t> stack{atoms_of[i].front()};
    seen[atoms_of[i].front()] = true;
    std::size_t reached = 0;
    while (!stack.empty()) {
      const auto a = stack.back();
      stack.pop_back();
      ++reached;
      for (const auto e : p.graph.adjacent[a]) {
        const auto b = p.graph.other(e, a);
        if (!seen[b] && assignment[b] == k) {
          seen[b] = true;
          stack.push_back(b);
        }
      }
    }
    if (reached != atoms_of[i].size())
      out.push_back({"contiguous", code(k),
                     fmt::format("{} of its {} atoms are not joined to the rest",
                                 atoms_of[i].size() - reached, atoms_of[i].size())});
  }
  if (!p.area_codes.empty()) {
    // Each area's patients by organisation: the area belongs to the largest; the others hold
    // practices of it against the rule.
    std::map<int, std::map<int, std::pair<std::size_t, std::int64_t>>> area_parts;
    for (std::size_t a = 0; a < p.atoms.atoms.size(); ++a) {
      const auto& atom = p.atoms.atoms[a];
      for (std::size_t i = 0; i < atom.practices.size(); ++i) {
        const auto q = atom.practices[i];
        if (q >= p.practice_area.size() || p.practice_area[q].area < 0) continue;
        auto& cell = area_parts[p.practice_area[q].area][assignment[a]];
        ++cell.first;
        cell.second += atom.practice_population[i];
      }
    }
    for (const auto& [area, in] : area_parts) {
      if (in.size() < 2) continue;
      int main = -1;
      std::int64_t most = -1;
      for (const auto& [k, cell] : in)
        if (cell.second > most) most = cell.second, main = k;
      for (const auto& [k, cell] : in) {
        if (k == main) continue;
        out.push_back({"coterminous", code(k),
                       fmt::format("{} practice(s) ({} patients) of {}, which is otherwise in {}",
                                   cell.first, with_thousands(cell.second),
                                   p.area_names[static_cast<std::size_t>(area)], code(main))});
      }
    }
  }
  return out;
}

std::vector<RuleViolation> infeasible_rules(const DesignProblem& p, int parts) {
  std::vector<RuleViolation> out;
  for (const auto& a : p.atoms.atoms) {
    if (static_cast<double>(a.population) <= p.max_pop) continue;
    if (a.members.size() > 1) {
      out.push_back(
          {"coterminous", a.code,
           fmt::format("keeping every area whole joins {} {} atoms ({}) into one block of {} "
                       "people, more than --max-pop {:.0f}; areas: {}",
                       a.members.size(), p.atoms.level, fmt::join(a.members, ", "),
                       with_thousands(a.population), p.max_pop,
                       fmt::join(areas_of(p, a.practices), ", "))});
    } else {
      out.push_back({"keep-whole", a.code,
                     fmt::format("the {} atom {} alone has {} people, more than --max-pop {:.0f}",
                                 p.atoms.level, a.code, with_thousands(a.population), p.max_pop)});
    }
  }
  if (p.min_providers > 0) {
    std::size_t total = 0;
    for (const auto& a : p.atoms.atoms)
      total += a.providers.size();
    if (total < static_cast<std::size_t>(p.min_providers) * static_cast<std::size_t>(parts))
      out.push_back({"min-providers", "",
                     fmt::format("{} {} providers in all, fewer than {} organisations x {}", total,
                                 p.provider_kind, parts, p.min_providers)});
  }
  return out;
}

}  // namespace pco

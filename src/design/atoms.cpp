#include "design/atoms.hpp"

#include <map>

#include "risk/cost_distribution.hpp"

namespace pco {

std::pair<double, double> annual_cost_moments(const ServiceModel& model, const CellCounts& counts) {
  double mean = 0, variance = 0;
  for (const auto& s : model.services) {
    const double events = expected_events(s, counts);
    if (events <= 0) continue;
    // NB(events/φ, 1/(1+φ)) has Var N = events (1 + φ), linear in events: the moments of
    // independent lists add exactly, which lets the search update them move by move.
    const CostComponent c{s.name, service_frequency(s, events), s.severity};
    const double m1 = case_moment(c, 1), m2 = case_moment(c, 2);
    mean += c.frequency.mean() * m1;
    variance += c.frequency.mean() * (m2 - m1 * m1) + c.frequency.variance() * m1 * m1;
  }
  return {mean, variance};
}

AtomSet build_atoms(const Economy& economy, const ServiceModel& model, const std::string& level,
                    const std::string& current_level) {
  AtomSet set;
  set.level = level;
  set.current_level = current_level;
  const auto& config = economy.configuration;
  const auto& cur = config.level(current_level);  // throws UsageError listing the levels
  const auto cur_index = *config.level_index(current_level);
  for (const auto& o : cur.organisations)
    set.current_codes.push_back(o.code);
  std::optional<std::size_t> group_level;
  if (level != "practice") {
    config.level(level);
    group_level = config.level_index(level);
  }
  const auto& practices = economy.population.practices();
  std::map<std::string, std::size_t> index;
  for (std::size_t p = 0; p < practices.size(); ++p) {
    if (!config.is_mapped(p) && config.practice_count() > 0) continue;
    if (!practices[p].location) {
      set.left_out.push_back(practices[p].code);
      continue;
    }
    std::string code = practices[p].code;
    if (group_level) {
      const int o = config.member_of(*group_level, p);
      if (o >= 0)
        code = config.levels()[*group_level].organisations[static_cast<std::size_t>(o)].code;
    }
    auto [it, added] = index.emplace(code, set.atoms.size());
    if (added) set.atoms.push_back(Atom{code, {}, 0, 0, 0, {}, -1, {}, {}, {code}, {}});
    set.atoms[it->second].practices.push_back(p);
    set.atoms[it->second].practice_current.push_back(config.member_of(cur_index, p));
    set.atoms[it->second].practice_population.push_back(practices[p].list_size());
  }
  for (auto& a : set.atoms) {
    std::map<int, std::int64_t> at;
    double lat = 0, lon = 0, weight = 0;
    for (const auto p : a.practices) {
      const auto& pr = practices[p];
      const auto n = pr.list_size();
      a.population += n;
      const auto [m, v] = annual_cost_moments(model, pr.counts);
      a.mean_cost += m;
      a.cost_variance += v;
      const double w = static_cast<double>(std::max<std::int64_t>(n, 1));
      lat += w * pr.location->lat;
      lon += w * pr.location->lon;
      weight += w;
      at[config.member_of(cur_index, p)] += n;
    }
    a.location = {lat / weight, lon / weight};
    std::int64_t most = -1;
    for (const auto& [org, n] : at)
      if (org >= 0 && n > most) {
        most = n;
        a.current = org;
      }
  }
  return set;
}

}  // namespace pco

// The parameter-free part of an appraisal: sizes, pooled risk, bargaining, equity, disruption.
#include <algorithm>
#include <map>
#include <set>

#include "allocation/run.hpp"
#include "appraisal/appraisal.hpp"
#include "demand/service_scenario.hpp"
#include "risk/holder_risk.hpp"

namespace pco {

namespace {

// The configuration whose organisations hold the budgets: federations with a shared risk pool
// merged into one holder.
Configuration risk_configuration(const CandidateConfiguration& c,
                                 std::map<std::string, std::string>& pool_of) {
  Configuration config = c.configuration;
  for (const auto& f : c.federations) {
    if (!f.shared_risk_pool) continue;
    std::string code = "pool:" + f.code;
    config.merge(c.level, f.members, code, f.name);
    for (const auto& m : f.members)
      pool_of[m] = code;
  }
  return config;
}

void add_risk(const Economy& economy, const ServiceModel& model, const CandidateConfiguration& c,
              const RiskSettings& settings, ConfigurationStructure& s) {
  std::map<std::string, std::string> pool_of;
  Economy e{economy.population, risk_configuration(c, pool_of), c.level, {}, {}};
  HolderRiskOptions options;
  options.levels = {c.level};
  options.margin = settings.margin;
  options.sources = settings.sources;
  const auto risk = compute_holder_risk(e, model, std::nullopt, options);
  std::map<std::string, const HolderRisk*> holder;
  for (const auto& h : risk.holders)
    holder[h.code] = &h;
  // A pooled member's share of the pool is its share of the pool's population.
  std::map<std::string, std::int64_t> pool_population;
  for (const auto& o : s.organisations)
    pool_population[pool_of.count(o.code) ? pool_of[o.code] : o.code] += o.population;
  for (auto& o : s.organisations) {
    o.risk_pool = pool_of.count(o.code) ? pool_of[o.code] : o.code;
    const auto it = holder.find(o.risk_pool);
    if (it == holder.end()) continue;
    const auto& h = *it->second;
    const double share =
        pool_population[o.risk_pool] > 0
            ? static_cast<double>(o.population) / static_cast<double>(pool_population[o.risk_pool])
            : 0;
    o.expected_cost = h.expected_cost * share;
    o.p_overspend_5pct = h.measures.p_overspend_5pct;
    // The closed-form moments: the discretised distribution carries a small grid error.
    o.cv = h.expected_cost > 0 ? h.exact_sd / h.expected_cost : 0;
    o.reserve99 = h.measures.reserve99 * share;
    s.expected_cost += o.expected_cost;
    s.reserve99 += o.reserve99;
  }
}

// Each organisation's largest share of any provider's income from the services it holds,
// when the service model names providers.
void add_bargaining(const Economy& economy, const ServiceModel& model,
                    const CandidateConfiguration& c, ConfigurationStructure& s) {
  const auto& lv = c.configuration.level(c.level);
  std::map<std::string, double> provider_total;
  std::vector<std::map<std::string, double>> by_org(s.organisations.size());
  bool any = false;
  for (const auto& service : model.services) {
    if (service.providers.empty()) continue;
    any = true;
    const double mean = service.severity.mean();
    for (std::size_t i = 0; i < s.organisations.size(); ++i) {
      double cost = 0;
      for (const auto p : lv.find(s.organisations[i].code)->members)
        cost += expected_events(service, economy.population.practices()[p].counts) * mean;
      for (const auto& share : service.providers) {
        by_org[i][share.name] += cost * share.share;
        provider_total[share.name] += cost * share.share;
      }
    }
  }
  if (!any) return;
  for (std::size_t i = 0; i < s.organisations.size(); ++i) {
    double best = 0;
    for (const auto& [name, value] : by_org[i])
      if (provider_total[name] > 0) best = std::max(best, value / provider_total[name]);
    s.organisations[i].max_provider_share = best;
  }
}

void add_equity(const Scenario& scenario, const Economy& economy, const CandidateConfiguration& c,
                ConfigurationStructure& s) {
  if (!scenario.table.contains("formula")) return;
  Economy e{economy.population, c.configuration, c.level, {}, {}};
  const auto base =
      scenario.file.empty() ? std::filesystem::path(".") : scenario.file.parent_path();
  const auto run = run_allocation(scenario.table, scenario.file.string(), base, e, c.level);
  std::map<std::string, double> distance;
  for (const auto& o : run.level.organisations)
    distance[o.code] = o.distance_from_target_pct();
  for (auto& o : s.organisations)
    if (distance.count(o.code)) o.distance_from_target_pct = distance[o.code];
}

void add_disruption(const CandidateConfiguration& c, const CandidateConfiguration& sq,
                    const Economy& economy, ConfigurationStructure& s) {
  if (c.status_quo) return;
  // A practice changes organisation when the set of practices it shares an organisation with
  // changes; a merger moves everyone in the merged organisations, a move only the practice.
  const auto& now = c.configuration.level(c.level);
  const auto& before = sq.configuration.level(sq.level);
  std::set<std::vector<std::size_t>> kept;
  for (const auto& o : now.organisations)
    kept.insert(o.members);
  for (const auto& o : before.organisations) {
    if (o.members.empty() || kept.count(o.members) != 0) continue;
    ++s.organisations_merged;
  }
  const auto l_now = *c.configuration.level_index(c.level);
  const auto l_before = *sq.configuration.level_index(sq.level);
  for (std::size_t p = 0; p < economy.population.size(); ++p) {
    const int a = sq.configuration.member_of(l_before, p);
    const int b = p < c.configuration.practice_count() ? c.configuration.member_of(l_now, p) : -1;
    if (a < 0 && b < 0) continue;
    const bool same = a >= 0 && b >= 0 &&
                      before.organisations[static_cast<std::size_t>(a)].members ==
                          now.organisations[static_cast<std::size_t>(b)].members;
    if (same) continue;
    ++s.practices_changing;
    s.people_changing += economy.population.practices()[p].list_size();
  }
}

}  // namespace

ConfigurationStructure configuration_structure(const Scenario& scenario, const Economy& economy,
                                               const ServiceModel& model,
                                               const CandidateConfiguration& c,
                                               const CandidateConfiguration& sq) {
  ConfigurationStructure s;
  const auto& lv = c.configuration.level(c.level);
  const auto network = c.configuration.level_index("network");
  s.has_networks = network.has_value();
  std::map<std::string, std::string> federation_of;
  for (const auto& f : c.federations)
    for (const auto& m : f.members)
      federation_of[m] = f.code;
  for (const auto& o : lv.organisations) {
    if (o.members.empty()) continue;
    OrganisationAppraisal a;
    a.code = o.code;
    a.name = o.name;
    a.federation = federation_of.count(o.code) ? federation_of[o.code] : "";
    a.practices = o.members.size();
    std::set<int> networks;
    for (const auto p : o.members) {
      a.population += economy.population.practices()[p].list_size();
      if (network) networks.insert(c.configuration.member_of(*network, p));
    }
    a.networks = networks.size();
    s.population += a.population;
    if (!a.federation.empty()) ++s.federated_organisations;
    s.organisations.push_back(std::move(a));
  }
  add_risk(economy, model, c, read_risk_settings(scenario), s);
  add_bargaining(economy, model, c, s);
  add_equity(scenario, economy, c, s);
  add_disruption(c, sq, economy, s);
  if (s.population > 0)
    s.spend_changing = s.expected_cost * static_cast<double>(s.people_changing) /
                       static_cast<double>(s.population);
  return s;
}

}  // namespace pco

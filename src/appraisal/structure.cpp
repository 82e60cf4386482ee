// The parameter-free part of an appraisal: sizes, pooled risk, bargaining, equity, disruption.
#include <algorithm>
#include <map>
#include <set>

#include "allocation/run.hpp"
#include "appraisal/appraisal.hpp"
#include "demand/service_scenario.hpp"
#include "holders/budget_basis.hpp"
#include "holders/holder_risk.hpp"
#include "model/membership_change.hpp"

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
              const RiskSettings& settings, const std::optional<AllocationRun>& allocation,
              ConfigurationStructure& s) {
  std::map<std::string, std::string> pool_of;
  Economy e{economy.population,   risk_configuration(c, pool_of), c.level, {}, {},
            economy.weighted_need};
  HolderRiskOptions options;
  options.levels = {c.level};
  options.margin = settings.margin;
  options.sources = settings.sources;
  // Budgets on the one basis (docs/risk-holders.md): each holder's practices' shares of the
  // status quo's allocation, so a merger's budget is the sum of its parts'.
  const auto risk = compute_holder_risk(e, model, allocation, options);
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
    o.budget = h.budget * share;
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

// Distance from target with money following practices: each organisation's allocation is the
// sum of its practices' shares of the status quo's allocation, its target the sum of their
// targets in the same year's money.
void add_equity(const std::optional<AllocationRun>& allocation, const Economy& economy,
                const CandidateConfiguration& c, ConfigurationStructure& s) {
  if (!allocation) return;
  const auto money = practice_allocations(*allocation, economy.population.size());
  const auto target = practice_targets(*allocation, economy.population.size());
  const auto& lv = c.configuration.level(c.level);
  for (auto& o : s.organisations) {
    const auto* org = lv.find(o.code);
    if (org == nullptr) continue;
    std::int64_t m = 0, t = 0;
    for (const auto p : org->members) {
      m += money[p];
      t += target[p];
    }
    o.distance_from_target_pct =
        t > 0 ? static_cast<double>(m - t) / static_cast<double>(t) * 100.0 : 0.0;
  }
}

// Each practice's organisation (index into s.organisations) and what the change from the status
// quo does to it: the shared definition of "moved" (model/membership_change.hpp).
void add_disruption(const CandidateConfiguration& c, const CandidateConfiguration& sq,
                    const Economy& economy, const std::vector<double>& practice_cost,
                    ConfigurationStructure& s) {
  const auto n = economy.population.size();
  const auto labels = [&](const CandidateConfiguration& k) {
    std::vector<int> org(n, -1);
    const auto level = *k.configuration.level_index(k.level);
    for (std::size_t p = 0; p < n && p < k.configuration.practice_count(); ++p)
      org[p] = k.configuration.member_of(level, p);
    return org;
  };
  // Indices into s.organisations, which skips empty organisations.
  const auto& lv = c.configuration.level(c.level);
  std::map<std::string, int> index;
  for (std::size_t i = 0; i < s.organisations.size(); ++i)
    index[s.organisations[i].code] = static_cast<int>(i);
  const auto raw = labels(c);
  s.practice_organisation.assign(n, -1);
  for (std::size_t p = 0; p < n; ++p)
    if (raw[p] >= 0) {
      const auto it = index.find(lv.organisations[static_cast<std::size_t>(raw[p])].code);
      if (it != index.end()) s.practice_organisation[p] = it->second;
    }
  std::vector<std::int64_t> people(n);
  for (std::size_t p = 0; p < n; ++p)
    people[p] = economy.population.practices()[p].list_size();
  s.change = membership_change(labels(sq), raw, people);
  if (c.status_quo) return;
  s.practices_moved = s.change.practices_moved;
  s.people_moved = s.change.people_moved;
  s.people_reorganised = s.change.people_reorganised;
  s.organisations_merged = s.change.organisations_ceasing;
  for (std::size_t p = 0; p < n; ++p)
    if (s.change.reorganised[p] && p < practice_cost.size())
      s.spend_reorganised += practice_cost[p];
}

}  // namespace

std::optional<AllocationRun> status_quo_allocation(const Scenario& scenario, const Economy& economy,
                                                   const CandidateConfiguration& status_quo) {
  if (!scenario.table.contains("formula")) return std::nullopt;
  Economy e{economy.population,   status_quo.configuration, status_quo.level, {}, {},
            economy.weighted_need};
  const auto base =
      scenario.file.empty() ? std::filesystem::path(".") : scenario.file.parent_path();
  return run_allocation(scenario.table, scenario.file.string(), base, e, status_quo.level,
                        &default_service_weights());
}

std::vector<double> practice_expected_costs(const Economy& economy, const ServiceModel& model,
                                            const std::string& level) {
  std::vector<double> cost(economy.population.size(), 0.0);
  for (const auto& service : model.services) {
    if (resolve_level(service.level, level) != level) continue;
    const double mean = service.severity.mean();
    for (std::size_t p = 0; p < cost.size(); ++p)
      cost[p] += expected_events(service, economy.population.practices()[p].counts) * mean;
  }
  return cost;
}

ConfigurationStructure configuration_structure(const Scenario& scenario, const Economy& economy,
                                               const ServiceModel& model,
                                               const CandidateConfiguration& c,
                                               const CandidateConfiguration& sq) {
  return configuration_structure(scenario, economy, model, c, sq,
                                 status_quo_allocation(scenario, economy, sq),
                                 practice_expected_costs(economy, model, sq.level));
}

ConfigurationStructure configuration_structure(const Scenario& scenario, const Economy& economy,
                                               const ServiceModel& model,
                                               const CandidateConfiguration& c,
                                               const CandidateConfiguration& sq,
                                               const std::optional<AllocationRun>& allocation,
                                               const std::vector<double>& practice_cost) {
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
  add_risk(economy, model, c, read_risk_settings(scenario), allocation, s);
  add_bargaining(economy, model, c, s);
  add_equity(allocation, economy, c, s);
  add_disruption(c, sq, economy, practice_cost, s);
  return s;
}

}  // namespace pco

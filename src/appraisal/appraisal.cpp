#include "appraisal/appraisal.hpp"
#include "appraisal/commissioning_alternatives.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/random.hpp"
#include "demand/service_scenario.hpp"
#include "holders/budget_basis.hpp"
#include "scenario/toml_check.hpp"

namespace pco {

double standalone_management_cost(double n, const AppraisalParameters& p) {
  const double limit = p.get("scale_limit");
  const double small = limit > 0 ? std::max(0.0, 1.0 - n / limit) : 0.0;
  return p.get("fixed_cost") +
         n * (p.get("cost_per_head") + p.get("small_scale_cost_per_head") * small);
}

double engagement_proxy(double n, const AppraisalParameters& p) {
  const double best = p.get("engagement_best");
  const double remote = p.get("engagement_remote");
  if (n <= best) return 1;
  if (n >= remote) return 0;
  return std::log(remote / n) / std::log(remote / best);
}

namespace {

double shared_fraction(const Federation& f, const AppraisalParameters& p) {
  double share = 0;
  for (const auto& function : f.shared_functions)
    share += p.get("share_" + function);
  return std::min(share, 1.0);
}

double weighted(const ConfigurationStructure& s, double OrganisationAppraisal::*field) {
  if (s.population <= 0) return 0;
  double sum = 0;
  for (const auto& o : s.organisations)
    sum += static_cast<double>(o.population) * (o.*field);
  return sum / static_cast<double>(s.population);
}

}  // namespace

ConfigurationMetrics configuration_metrics(ConfigurationStructure& s,
                                           const CandidateConfiguration& c,
                                           const AppraisalParameters& p) {
  ConfigurationMetrics m;
  std::map<std::string, const Federation*> federation;
  for (const auto& f : c.federations)
    federation[f.code] = &f;
  std::map<std::string, std::int64_t> federation_population;
  for (const auto& o : s.organisations)
    if (!o.federation.empty()) federation_population[o.federation] += o.population;
  const double fixed = p.get("fixed_cost");
  for (auto& o : s.organisations) {
    const double n = static_cast<double>(o.population);
    o.management_cost = standalone_management_cost(n, p);
    if (!o.federation.empty()) {
      // Members keep their own fixed cost except the shared functions, which the federation
      // runs once; the one shared copy and the federation's own cost split by population.
      const double phi = shared_fraction(*federation[o.federation], p);
      const double pop_share = n / static_cast<double>(federation_population[o.federation]);
      o.management_cost += -fixed * phi + (fixed * phi + p.get("federation_cost")) * pop_share;
    }
    o.engagement = engagement_proxy(n, p);
    m.management_cost += o.management_cost;
    if (n <= p.get("engagement_best")) m.share_best_buy_in += n;
    if (n > p.get("engagement_remote")) m.share_remote += n;
    m.practices_per_organisation += static_cast<double>(o.practices);
    m.networks_per_organisation += static_cast<double>(o.networks);
    if (!std::isnan(o.max_provider_share))
      m.max_provider_share = std::isnan(m.max_provider_share)
                                 ? o.max_provider_share
                                 : std::max(m.max_provider_share, o.max_provider_share);
  }
  const double orgs = static_cast<double>(std::max<std::size_t>(1, s.organisations.size()));
  const double pop = static_cast<double>(std::max<std::int64_t>(1, s.population));
  m.practices_per_organisation /= orgs;
  m.networks_per_organisation =
      s.has_networks ? m.networks_per_organisation / orgs : kNotComputable;
  m.mean_population = static_cast<double>(s.population) / orgs;
  m.management_cost_per_head = m.management_cost / pop;
  m.share_best_buy_in /= pop;
  m.share_remote /= pop;
  m.p_overspend_5pct = weighted(s, &OrganisationAppraisal::p_overspend_5pct);
  m.cv = weighted(s, &OrganisationAppraisal::cv);
  m.engagement = weighted(s, &OrganisationAppraisal::engagement);
  if (!s.organisations.empty() && !std::isnan(s.organisations.front().distance_from_target_pct)) {
    double sum = 0;
    for (const auto& o : s.organisations)
      sum += static_cast<double>(o.population) * std::abs(o.distance_from_target_pct);
    m.mean_abs_distance_from_target_pct = sum / pop;
  }
  return m;
}

ChangeSummary change_from(const ConfigurationAppraisal& sq, const ConfigurationAppraisal& alt,
                          const CandidateConfiguration& candidate, const AppraisalParameters& p) {
  ChangeSummary c;
  if (alt.status_quo) return c;
  c.running_saving = sq.metrics.management_cost - alt.metrics.management_cost;
  c.reserve_change = alt.structure.reserve99 - sq.structure.reserve99;
  std::size_t new_federation_members = 0;
  for (const auto& f : candidate.federations)
    new_federation_members += f.members.size();
  new_federation_members -= std::min(new_federation_members, sq.structure.federated_organisations);
  c.transition_cost =
      p.get("transition_cost_per_head") * static_cast<double>(alt.structure.people_moved) +
      p.get("transition_cost_per_organisation") *
          static_cast<double>(alt.structure.organisations_merged) +
      p.get("federation_setup_cost") * static_cast<double>(new_federation_members);
  c.dip_base = alt.structure.spend_reorganised;
  c.running_saving += alt.structure.contract_saving;
  c.transition_cost += alt.structure.contract_transition;
  return c;
}

namespace {

CashflowSettings settings_from(const AppraisalParameters& p, int years) {
  return {years, p.get("discount_rate"), p.get("savings_lag_years"), p.get("dip_depth"),
          p.get("recovery_years")};
}

}  // namespace

std::vector<OrganisationView> organisation_views(const Economy& economy,
                                                 const std::vector<double>& practice_cost,
                                                 const ConfigurationAppraisal& sq,
                                                 const ConfigurationAppraisal& alt,
                                                 const AppraisalParameters& p, int years) {
  const auto& before = sq.structure;
  const auto& after = alt.structure;
  const auto& practices = economy.population.practices();
  std::vector<OrganisationView> views(before.organisations.size());
  std::vector<std::map<int, std::int64_t>> into(before.organisations.size());
  for (std::size_t k = 0; k < views.size(); ++k) {
    const auto& o = before.organisations[k];
    auto& v = views[k];
    v.code = o.code;
    v.name = o.name;
    v.population = o.population;
    v.budget_before = o.budget;
    v.p_overspend_5pct_before = o.p_overspend_5pct;
    v.reserve99_before = o.reserve99;
    v.management_cost_before = o.management_cost;
  }
  for (std::size_t q = 0; q < practices.size(); ++q) {
    const int from = q < before.practice_organisation.size() ? before.practice_organisation[q] : -1;
    const int to = q < after.practice_organisation.size() ? after.practice_organisation[q] : -1;
    if (from < 0) continue;
    auto& v = views[static_cast<std::size_t>(from)];
    const auto people = practices[q].list_size();
    if (to >= 0) into[static_cast<std::size_t>(from)][to] += people;
    if (q < after.change.moved.size() && after.change.moved[q]) v.people_moved += people;
    if (q < after.change.reorganised.size() && after.change.reorganised[q]) {
      v.people_reorganised += people;
      if (q < practice_cost.size()) v.change.dip_base += practice_cost[q];
    }
  }
  // A status-quo organisation ceases when its membership changes (its practices are then all
  // reorganised): MembershipChange::organisations_ceasing, organisation by organisation.
  std::vector<bool> ceases(views.size(), false);
  for (std::size_t q = 0; q < practices.size(); ++q) {
    const int from = q < before.practice_organisation.size() ? before.practice_organisation[q] : -1;
    if (from >= 0 && q < after.change.reorganised.size() && after.change.reorganised[q])
      ceases[static_cast<std::size_t>(from)] = true;
  }
  for (std::size_t k = 0; k < views.size(); ++k) {
    auto& v = views[k];
    std::int64_t best = -1;
    const OrganisationAppraisal* successor = nullptr;
    for (const auto& [to, people] : into[k]) {
      const auto& o = after.organisations[static_cast<std::size_t>(to)];
      const double share =
          o.population > 0 ? static_cast<double>(people) / static_cast<double>(o.population) : 0;
      v.management_cost_after += share * o.management_cost;
      v.reserve99_after += share * o.reserve99;
      if (people > best) {
        best = people;
        successor = &o;
      }
    }
    if (successor != nullptr) {
      v.successor = successor->code;
      v.successor_name = successor->name;
      v.successor_population = successor->population;
      v.p_overspend_5pct_after = successor->p_overspend_5pct;
      v.federation = successor->federation;
    }
    const bool newly_federated = before.organisations[k].federation.empty() &&
                                 successor != nullptr && !successor->federation.empty();
    v.changed = v.people_reorganised > 0 || newly_federated;
    if (alt.status_quo) continue;
    v.change.running_saving = v.management_cost_before - v.management_cost_after;
    v.change.reserve_change = v.reserve99_after - v.reserve99_before;
    v.change.transition_cost =
        p.get("transition_cost_per_head") * static_cast<double>(v.people_moved) +
        p.get("transition_cost_per_organisation") * (ceases[k] ? 1.0 : 0.0) +
        p.get("federation_setup_cost") * (newly_federated ? 1.0 : 0.0);
    v.cashflow = project_cashflow(v.change, settings_from(p, years));
  }
  return views;
}

namespace {

// NPV of every configuration at the given parameters (the structures are parameter-free), and
// when `views` is given each alternative's organisation NPVs ([configuration][organisation]).
std::vector<double> npvs(std::vector<ConfigurationAppraisal> configs,
                         const std::vector<CandidateConfiguration>& candidates,
                         const AppraisalParameters& p, int years,
                         std::vector<std::vector<double>>* views = nullptr,
                         const Economy* economy = nullptr,
                         const std::vector<double>* practice_cost = nullptr) {
  std::vector<double> out;
  for (std::size_t i = 0; i < configs.size(); ++i)
    configs[i].metrics = configuration_metrics(configs[i].structure, candidates[i], p);
  for (std::size_t i = 0; i < configs.size(); ++i) {
    const auto change = change_from(configs[0], configs[i], candidates[i], p);
    out.push_back(project_cashflow(change, settings_from(p, years)).npv);
  }
  if (views != nullptr) {
    views->assign(configs.size(), {});
    for (std::size_t i = 1; i < configs.size(); ++i)
      for (const auto& v :
           organisation_views(*economy, *practice_cost, configs[0], configs[i], p, years))
        (*views)[i].push_back(v.cashflow.npv);
  }
  return out;
}

std::string best_of(const std::vector<ConfigurationAppraisal>& configs,
                    const std::vector<double>& npv) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < npv.size(); ++i)
    if (npv[i] > npv[best]) best = i;
  return configs[best].name;
}

Uncertainty summarise(std::vector<double> values) {
  Uncertainty u;
  u.draws = static_cast<int>(values.size());
  if (values.empty()) return u;
  double sum = 0, positive = 0;
  for (double v : values) {
    sum += v;
    if (v > 0) ++positive;
  }
  u.mean = sum / static_cast<double>(values.size());
  double ss = 0;
  for (double v : values)
    ss += (v - u.mean) * (v - u.mean);
  u.sd = values.size() > 1 ? std::sqrt(ss / static_cast<double>(values.size() - 1)) : 0;
  u.standard_error = u.sd / std::sqrt(static_cast<double>(values.size()));
  u.probability_positive = positive / static_cast<double>(values.size());
  std::sort(values.begin(), values.end());
  const auto at = [&](double q) {
    const auto k = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1) + 0.5);
    return values[k];
  };
  u.p05 = at(0.05);
  u.p95 = at(0.95);
  return u;
}

}  // namespace

AppraisalOptions read_appraisal_options(const Scenario& scenario) {
  AppraisalOptions o;
  o.seed = scenario.seed.value_or(1);
  if (const auto* t = scenario.table.get_as<toml::table>("appraisal")) {
    DiagnosticList problems;
    const auto file = scenario.file.string();
    if (const auto* n = t->get("years")) {
      const auto v = n->value<std::int64_t>().value_or(0);
      if (v < 1 || v > 100)
        problems.add(toml_diagnostic(*n, file, "appraisal.years", toml_value_text(*n),
                                     "a whole number of years from 1 to 100"));
      o.years = static_cast<int>(v);
    }
    if (const auto* n = t->get("draws")) {
      const auto v = n->value<std::int64_t>().value_or(-1);
      if (v < 0 || v > 1'000'000)
        problems.add(toml_diagnostic(*n, file, "appraisal.draws", toml_value_text(*n),
                                     "a number of draws from 0 to 1000000"));
      o.draws = static_cast<int>(v);
    }
    problems.throw_if_any();
  }
  return o;
}

AppraisalResults appraise_candidates(const Scenario& scenario, const Economy& economy,
                                     const ServiceModel& model,
                                     const std::vector<CandidateConfiguration>& candidates,
                                     const AppraisalParameters& params,
                                     const AppraisalOptions& options) {
  AppraisalResults r;
  r.parameters = params;
  r.years = options.years;
  // One budget basis (docs/risk-holders.md): the status quo's allocation, money following
  // practices into every configuration; the spend of each practice for the performance dip.
  const auto allocation = status_quo_allocation(scenario, economy, candidates.front());
  const auto practice_cost = practice_expected_costs(economy, model, candidates.front().level);
  {
    Economy e{
        economy.population,   candidates.front().configuration, candidates.front().level, {}, {},
        economy.weighted_need};
    const auto basis =
        reconcile_budgets(e, model, allocation, read_risk_settings(scenario).margin, {});
    r.budget_basis = basis.explanation;
    r.budget_warning = basis.warning;
  }
  for (const auto& c : candidates) {
    ConfigurationAppraisal a;
    a.name = c.name;
    a.description = c.description;
    a.level = c.level;
    a.status_quo = c.status_quo;
    a.federations = c.federations.size();
    a.structure = configuration_structure(scenario, economy, model, c, candidates.front(),
                                          allocation, practice_cost);
    r.configurations.push_back(std::move(a));
  }
  add_commissioning_changes(scenario, economy, model, r.configurations);
  const auto base = npvs(r.configurations, candidates, params, options.years);
  for (std::size_t i = 0; i < r.configurations.size(); ++i) {
    auto& a = r.configurations[i];
    a.metrics = configuration_metrics(a.structure, candidates[i], params);
    a.change = change_from(r.configurations[0], a, candidates[i], params);
    a.cashflow = project_cashflow(a.change, settings_from(params, options.years));
    if (a.status_quo) a.cashflow.break_even_year.reset();  // nothing to recover
  }
  for (std::size_t i = 1; i < r.configurations.size(); ++i) {
    r.configurations[i].organisations = organisation_views(
        economy, practice_cost, r.configurations[0], r.configurations[i], params, options.years);
    for (auto& v : r.configurations[i].organisations)
      if (!v.changed) v.cashflow.break_even_year.reset();  // nothing changes for it
  }
  r.best = best_of(r.configurations, base);

  // Uncertainty: every parameter drawn uniformly from its range, the same draws for every
  // configuration so that differences between them are not noise.
  std::vector<std::vector<double>> draws(r.configurations.size());
  std::vector<std::vector<std::vector<double>>> view_draws(r.configurations.size());
  for (std::size_t i = 1; i < r.configurations.size(); ++i)
    view_draws[i].resize(r.configurations[i].organisations.size());
  for (int d = 0; d < options.draws; ++d) {
    RandomStream rng(options.seed, 0x6170707261697365ULL, static_cast<std::uint64_t>(d));
    AppraisalParameters p = params;
    for (auto& q : p.all())
      if (q.in_npv) q.value = q.low + (q.high - q.low) * rng.uniform();
    std::vector<std::vector<double>> views;
    const auto v =
        npvs(r.configurations, candidates, p, options.years, &views, &economy, &practice_cost);
    for (std::size_t i = 0; i < v.size(); ++i)
      draws[i].push_back(v[i]);
    for (std::size_t i = 1; i < views.size(); ++i)
      for (std::size_t k = 0; k < views[i].size(); ++k)
        view_draws[i][k].push_back(views[i][k]);
  }
  for (std::size_t i = 0; i < r.configurations.size(); ++i) {
    r.configurations[i].npv_uncertainty = summarise(draws[i]);
    for (std::size_t k = 0; k < r.configurations[i].organisations.size(); ++k)
      r.configurations[i].organisations[k].npv_uncertainty = summarise(view_draws[i][k]);
  }

  // Tornado: one parameter at a time at its low and high value, the others at base.
  for (std::size_t i = 1; i < r.configurations.size(); ++i) {
    std::vector<TornadoEntry> entries;
    for (const auto& q : params.all()) {
      if (!q.in_npv) continue;
      TornadoEntry e;
      e.configuration = r.configurations[i].name;
      e.parameter = q.name;
      e.low = q.low;
      e.high = q.high;
      for (const bool high : {false, true}) {
        AppraisalParameters p = params;
        p.set(q.name, high ? q.high : q.low);
        const auto v = npvs(r.configurations, candidates, p, options.years);
        (high ? e.npv_high : e.npv_low) = v[i];
        (high ? e.best_at_high : e.best_at_low) = best_of(r.configurations, v);
      }
      e.flips = e.best_at_low != r.best || e.best_at_high != r.best;
      entries.push_back(std::move(e));
    }
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return std::abs(a.npv_high - a.npv_low) > std::abs(b.npv_high - b.npv_low);
    });
    r.tornado.insert(r.tornado.end(), entries.begin(), entries.end());
  }
  r.notes.push_back(
      "financial risk is exact (no Monte Carlo): each budget holder's annual cost distribution "
      "from the risk engine; NPV uncertainty is Monte Carlo over the parameter ranges");
  return r;
}

AppraisalResults appraise(const Scenario& scenario, const Economy& economy,
                          const ServiceModel& model) {
  const auto candidates = read_candidates(scenario, economy);
  return appraise_candidates(scenario, economy, model, candidates,
                             read_appraisal_parameters(scenario), read_appraisal_options(scenario));
}

}  // namespace pco

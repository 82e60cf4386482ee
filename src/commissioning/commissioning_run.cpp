#include "commissioning/commissioning_run.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "demand/service_scenario.hpp"
#include "holders/holder_risk.hpp"

namespace pco {

namespace {

// The practices each shift applies to, by commissioner.
std::vector<std::vector<ShiftTarget>> shift_targets(const Economy& economy,
                                                    const CommissioningInputs& inputs,
                                                    const std::string& level,
                                                    DiagnosticList& problems) {
  std::vector<std::vector<ShiftTarget>> out;
  // A shift is made by a budget holder or an organisation inside one, as contracts are.
  std::map<std::size_t, std::size_t> holder_of;
  {
    std::size_t h = 0;
    for (const auto& g : holder_groups(economy, level)) {
      for (const auto p : g.practices)
        holder_of[p] = h;
      ++h;
    }
  }
  for (const auto& shift : inputs.shifts) {
    std::vector<ShiftTarget> targets;
    const std::string at = shift.level.empty() ? level : shift.level;
    if (at != kPracticeLevel && at != kNationalLevel &&
        !economy.configuration.level_index(resolve_level(at, economy.default_level))) {
      problems.add({inputs.file, shift.line, shift.column, "pathway_shift.level", at,
                    "a level of the configuration"});
      out.push_back({});
      continue;
    }
    bool spans = false;
    for (auto& g : holder_groups(economy, at)) {
      if (!shift.commissioner.empty() && g.code != shift.commissioner) continue;
      if (g.practices.empty()) continue;
      const auto first = holder_of.find(g.practices.front());
      const bool one = first != holder_of.end() &&
                       std::all_of(g.practices.begin(), g.practices.end(), [&](std::size_t p) {
                         const auto it = holder_of.find(p);
                         return it != holder_of.end() && it->second == first->second;
                       });
      if (!one) {
        if (!spans)
          problems.add({inputs.file, shift.line, shift.column, "pathway_shift.commissioner", g.code,
                        fmt::format("an organisation within one budget holder at the "
                                    "commissioning level {} (shifts are made at that level or "
                                    "below)",
                                    level)});
        spans = true;
        continue;
      }
      targets.push_back({g.code, std::move(g.practices)});
    }
    if (spans) {
      out.push_back({});
      continue;
    }
    if (targets.empty())
      problems.add({inputs.file, shift.line, shift.column, "pathway_shift.commissioner",
                    shift.commissioner, "an organisation at level " + at});
    out.push_back(std::move(targets));
  }
  return out;
}

// Whether contract c is on the losing (from) or receiving (to) side of a shift that is not to
// be rebased: then it keeps the terms priced before the shift.
bool keeps_terms(const Contract& c, const ProviderSet& providers, const ServiceModel& model,
                 const CommissioningInputs& inputs,
                 const std::vector<std::vector<ShiftTarget>>& targets) {
  for (std::size_t k = 0; k < inputs.shifts.size(); ++k) {
    const auto& shift = inputs.shifts[k];
    const bool has_service = std::any_of(c.services.begin(), c.services.end(), [&](std::size_t s) {
      return model.services[s].name == shift.service;
    });
    if (!has_service) continue;
    const bool touched = std::any_of(targets[k].begin(), targets[k].end(), [&](const auto& t) {
      return std::any_of(t.practices.begin(), t.practices.end(), [&](std::size_t p) {
        return std::binary_search(c.practices.begin(), c.practices.end(), p);
      });
    });
    if (!touched) continue;
    const auto kind = providers[c.provider].kind;
    if (kind == shift.from && !shift.rebase_from) return true;
    if (kind == shift.to && !shift.rebase_to) return true;
    // A prime contractor bears the activity wherever it goes: both sides.
    if (is_prime(c.payment) && (!shift.rebase_from || !shift.rebase_to)) return true;
  }
  return false;
}

std::vector<MoneyFlow> money_flows(const Economy& economy, const ServiceModel& model,
                                   const ContractSet& set, const FlowTable& flows) {
  std::vector<MoneyFlow> out;
  const auto& practices = economy.population.practices();
  for (std::size_t h = 0; h < set.holders.size(); ++h) {
    std::map<std::uint32_t, double> to;
    for (const auto s : set.held_services) {
      const auto& service = model.services[s];
      const double mean = service.severity.mean();
      for (const auto p : set.holders[h].practices) {
        const double m = expected_events(service, practices[p].counts);
        for (const auto& f : flows.services[s].practices[p])
          to[f.provider] += f.share * m * mean * f.price_scale;
      }
    }
    for (const auto& [j, value] : to)
      if (value > 0) out.push_back({h, j, value});
  }
  return out;
}

}  // namespace

CommissioningRun run_commissioning(const Scenario& scenario, const Economy& economy,
                                   const ServiceModel& model,
                                   const std::optional<AllocationRun>& allocation,
                                   const CommissioningRunOptions& options) {
  CommissioningRun run;
  // Every problem of the scenario's sections, its files and the names they use, at once.
  DiagnosticList problems;
  run.inputs = read_commissioning_inputs(scenario, model, problems);
  run.model = load_commissioning_model(scenario, economy, model, run.inputs, problems);
  const auto targets = shift_targets(economy, run.inputs, run.model.level, problems);
  problems.sort_by_position();
  problems.throw_if_any();
  if (run.model.providers.empty())
    throw UsageError(
        "the scenario defines no providers: give [commissioning] trusts, rtt or providers, "
        "[[provider]]s, or a [synthetic] economy (which grows its own)");
  FlowTable shifted = run.model.flows;
  if (!run.inputs.shifts.empty())
    run.movements = apply_pathway_shifts(shifted, run.inputs.shifts, targets, economy, model,
                                         run.model.providers, run.inputs.flows, run.inputs.file);
  std::vector<const FlowTable*> states = {&run.model.flows};
  if (!run.inputs.shifts.empty()) states.push_back(&shifted);
  run.set = expand_contracts(economy, model, run.model, run.inputs, states);
  // Each movement's budget holder: the holder of its commissioner's practices.
  {
    std::map<std::size_t, std::size_t> holder_of;
    for (std::size_t h = 0; h < run.set.holders.size(); ++h)
      for (const auto p : run.set.holders[h].practices)
        holder_of[p] = h;
    for (auto& m : run.movements)
      if (!m.practices.empty())
        if (const auto it = holder_of.find(m.practices.front()); it != holder_of.end())
          m.holder = it->second;
  }
  if (run.set.held_services.empty()) {
    std::string held;
    for (const auto& s : model.services)
      if (held.find(resolve_level(s.level, economy.default_level)) == std::string::npos)
        held += (held.empty() ? "" : ", ") + resolve_level(s.level, economy.default_level);
    throw UsageError(fmt::format(
        "the commissioning level {} holds no service (the services are held at: {}); set "
        "[commissioning] level to one of those, or the services' level with [[service]]",
        run.set.level, held));
  }
  // Budgets as `pco risk` sets them at the commissioning level.
  HolderRiskOptions risk;
  risk.levels = {run.set.level};
  risk.margin = options.margin;
  risk.grid = options.risk.grid;
  risk.threads = options.risk.threads;
  const auto holders = compute_holder_risk(economy, model, allocation, risk);
  run.budget_source = holders.budget_source;
  std::vector<double> budgets;
  for (const auto& h : holders.holders)
    budgets.push_back(h.budget);
  run.money_flows = money_flows(economy, model, run.set, run.model.flows);
  const auto before =
      lay_out_activity(economy, model, run.set, run.model.flows, run.model.providers.size());
  run.terms = price_contracts(model, run.set, before, run.inputs.contracts);
  run.state = evaluate_contracts(model, run.model.providers, run.set, before, run.terms, budgets,
                                 options.risk);
  if (!run.inputs.shifts.empty()) {
    const auto after =
        lay_out_activity(economy, model, run.set, shifted, run.model.providers.size());
    run.terms_after = price_contracts(model, run.set, after, run.inputs.contracts);
    for (std::size_t k = 0; k < run.set.contracts.size(); ++k)
      if (keeps_terms(run.set.contracts[k], run.model.providers, model, run.inputs, targets))
        run.terms_after[k] = run.terms[k];
    run.after = evaluate_contracts(model, run.model.providers, run.set, after, run.terms_after,
                                   budgets, options.risk);
  }
  run.notes = run.model.notes;
  for (const auto& n : run.set.notes)
    run.notes.push_back(n);
  const auto sources = read_risk_settings(scenario).sources;
  if (sources.formula || sources.shock)
    run.notes.push_back(
        "contracts' payments, costs, margins and the holders' risk with and without them are "
        "from chance alone (how many patients need care and what each costs); the formula "
        "error and the year shock of [risk] sources (docs/risk-sources.md) are not yet in "
        "them, so pco risk's sd for the same holder is larger; pco simulate applies both to "
        "contract activity too");
  return run;
}

}  // namespace pco

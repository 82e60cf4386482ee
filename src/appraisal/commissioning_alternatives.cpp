#include "appraisal/commissioning_alternatives.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "commissioning/commissioning_run.hpp"
#include "core/error.hpp"
#include "demand/service_scenario.hpp"
#include "holders/holder_risk.hpp"
#include "scenario/toml_check.hpp"

namespace pco {

namespace {

struct Totals {
  double expected = 0;   // Σ holders' expected payments with their contracts in force
  double reserve99 = 0;  // Σ holders' 99% reserves with their contracts in force
  double transition = 0;
};

// The reserves measure risk only, as the appraisal's others do: each holder's budget is taken as
// its own expected payments × (1 + margin), so a cheaper alternative's saving is not counted
// again as a smaller reserve.
Totals totals_of(const CommissioningRun& run, double margin) {
  Totals t;
  const auto& state = run.after ? *run.after : run.state;
  for (const auto& h : state.commissioners) {
    const double expected = h.expected_contract_payment + h.expected_tariff_payment;
    t.expected += expected;
    t.reserve99 += std::max(0.0, h.with_contracts.var99 - (1 + margin) * expected);
  }
  for (const auto& m : run.movements)
    t.transition += run.inputs.shifts[m.shift].transition_cost;
  return t;
}

const toml::array* alternatives(const Scenario& scenario) {
  if (const auto* a = scenario.table.get_as<toml::table>("appraisal"))
    return a->get_as<toml::array>("alternative");
  return nullptr;
}

}  // namespace

bool is_commissioning_alternative(const toml::table& alternative) {
  for (const auto* key : {"contract", "pathway_shift", "default_payment", "level4"})
    if (alternative.contains(key)) return true;
  return false;
}

Scenario commissioning_variant(const Scenario& scenario, const Economy& economy,
                               const toml::table& alternative) {
  Scenario variant = scenario;
  auto& table = variant.table;
  if (const auto* contracts = alternative.get_as<toml::array>("contract"))
    table.insert_or_assign("contract", *contracts);
  if (const auto* shifts = alternative.get_as<toml::array>("pathway_shift")) {
    if (auto* existing = table.get_as<toml::array>("pathway_shift"))
      for (const auto& s : *shifts)
        existing->push_back(s);
    else
      table.insert_or_assign("pathway_shift", *shifts);
  }
  if (const auto* payment = alternative.get_as<std::string>("default_payment")) {
    if (!table.contains("commissioning")) table.insert_or_assign("commissioning", toml::table{});
    table.get_as<toml::table>("commissioning")->insert_or_assign("default_payment", payment->get());
  }
  if (alternative["level4"].value_or(false)) {
    // Purchaser and provider in one body: each organisation runs its population's community
    // services itself, at its own unit cost, and goes on buying the rest.
    std::string level = economy.default_level;
    if (const auto* c = table.get_as<toml::table>("commissioning"))
      level = (*c)["level"].value_or(level);
    const double ratio = alternative["level4_cost_ratio"].value_or(1.0);
    const double setup = alternative["level4_transition_cost"].value_or(0.0);
    if (!table.contains("provider")) table.insert_or_assign("provider", toml::array{});
    if (!table.contains("pathway_shift")) table.insert_or_assign("pathway_shift", toml::array{});
    auto* providers = table.get_as<toml::array>("provider");
    auto* shifts = table.get_as<toml::array>("pathway_shift");
    for (const auto& g : holder_groups(economy, level)) {
      const std::string code = "L4-" + g.code;
      providers->push_back(toml::table{{"code", code},
                                       {"name", g.name + " (level-4 trust)"},
                                       {"kind", "primary_care"},
                                       {"cost_ratio", ratio}});
      shifts->push_back(toml::table{{"name", "level 4: " + g.code + " runs its community services"},
                                    {"service", "community"},
                                    {"from", "community"},
                                    {"to", "primary_care"},
                                    {"share", 1.0},
                                    {"unit_cost_ratio", ratio},
                                    {"transition_cost", setup},
                                    {"commissioner", g.code},
                                    {"level", level},
                                    {"to_provider", code}});
    }
  }
  return variant;
}

void add_commissioning_changes(const Scenario& scenario, const Economy& economy,
                               const ServiceModel& model,
                               std::vector<ConfigurationAppraisal>& configurations) {
  const auto* list = alternatives(scenario);
  if (list == nullptr) return;
  std::optional<Totals> status_quo;
  const double margin = read_risk_settings(scenario).margin;
  CommissioningRunOptions options;
  options.margin = margin;
  std::size_t i = 0;
  for (const auto& node : *list) {
    ++i;  // configurations[0] is the status quo
    const auto* alternative = node.as_table();
    if (alternative == nullptr || !is_commissioning_alternative(*alternative)) continue;
    DiagnosticList problems;
    const auto file = scenario.file.string();
    if (const auto* r = alternative->get("level4_cost_ratio");
        r && !(r->value<double>().value_or(0) > 0 && r->value<double>().value_or(0) <= 100))
      problems.add(toml_diagnostic(*r, file, "appraisal.alternative.level4_cost_ratio",
                                   toml_value_text(*r), "a unit cost / tariff ratio > 0, <= 100"));
    if (const auto* c = alternative->get("level4_transition_cost");
        c && !(c->value<double>().value_or(-1) >= 0))
      problems.add(toml_diagnostic(*c, file, "appraisal.alternative.level4_transition_cost",
                                   toml_value_text(*c), "an amount in £ >= 0"));
    problems.throw_if_any();
    if (!has_commissioning(scenario) && !alternative->contains("contract") &&
        !alternative->contains("default_payment") && !alternative->contains("level4") &&
        !scenario.synthetic)
      throw UsageError(fmt::format(
          "appraisal alternative \"{}\": the scenario defines no providers ([commissioning])",
          configurations[i].name));
    if (!status_quo)
      status_quo =
          totals_of(run_commissioning(scenario, economy, model, std::nullopt, options), margin);
    const auto variant = commissioning_variant(scenario, economy, *alternative);
    const auto t =
        totals_of(run_commissioning(variant, economy, model, std::nullopt, options), margin);
    auto& s = configurations[i].structure;
    s.contract_saving = status_quo->expected - t.expected;
    s.contract_reserve_change = t.reserve99 - status_quo->reserve99;
    // The configuration's reserves are the status quo's changed by the alternative's contracts,
    // so the side-by-side table and the change from the status quo agree.
    s.reserve99 += s.contract_reserve_change;
    s.contract_transition = t.transition - status_quo->transition;
  }
}

}  // namespace pco

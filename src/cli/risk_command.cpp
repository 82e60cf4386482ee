#include <algorithm>

#include <fmt/format.h>

#include "allocation/run.hpp"
#include "cli/command.hpp"
#include "cli/economy_options.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "demand/service_scenario.hpp"
#include "economy/load_economy.hpp"
#include "holders/arrangements.hpp"
#include "holders/holder_risk.hpp"
#include "holders/size_curve.hpp"
#include "report/risk_report.hpp"
#include "risk/model_spec.hpp"
#include "scenario_file/scenario_file.hpp"

namespace pco::cli {

namespace {

struct RiskOptions {
  std::string scenario;
  std::vector<std::string> practices;
  std::string map;
  std::vector<std::string> levels;
  bool hold_all = false;
  std::string arrangement;
  std::optional<double> margin;
  std::string sources;
  bool size_curve = false;
  std::string populations;
  unsigned threads = 0;
  std::string format = "table";
  std::string out;
  DataOptions data;
};

Scenario scenario_from(const RiskOptions& o) {
  auto s = o.scenario.empty() ? scenario_from_files(o.practices, o.map) : load_scenario(o.scenario);
  apply_data_options(o.data, s);
  return s;
}

std::string render_size_curve(const RiskOptions& o, const ServiceModel& model, double margin,
                              const RiskSources& sources) {
  const auto populations = o.populations.empty()
                               ? default_size_curve_populations()
                               : parse_number_list(o.populations, "--populations");
  for (double n : populations)
    if (!(n >= 1)) throw UsageError(fmt::format("--populations: got {}, expected sizes >= 1", n));
  bool has_rare = false;
  for (const auto& s : model.services)
    has_rare = has_rare || s.name == "rare_costly";
  const auto points =
      size_curve(model, populations, margin, has_rare ? "rare_costly" : "", {}, sources);
  if (o.format == "json") {
    auto json = size_curve_json(points);
    json["sources"] = sources_to_json(sources);
    return json.dump(2) + "\n";
  }
  if (o.format == "csv") return size_curve_table_csv(points);
  double tail = 0;
  for (const auto& p : points)
    tail = std::max(tail, p.grid_tail_mass);
  return describe_sources(sources) +
         fmt::format("\ngrid precision: {}; the cv_*_pct columns are each that source alone\n",
                     grid_precision_words(tail)) +
         size_curve_table_text(points);
}

void run(const RiskOptions& o) {
  if (!o.scenario.empty() && !o.practices.empty())
    throw UsageError("give either --scenario FILE or --practices FILE, not both");
  if (!o.size_curve && o.scenario.empty() && o.practices.empty())
    throw UsageError("give --scenario FILE or --practices FILE (or --size-curve)");
  const Scenario scenario = scenario_from(o);
  const auto model = read_service_model(scenario);
  const auto settings = read_risk_settings(scenario);
  const double margin = o.margin.value_or(settings.margin);
  auto sources = settings.sources;
  if (!o.sources.empty()) parse_sources(o.sources, sources);
  if (o.size_curve) {
    emit_output(render_size_curve(o, model, margin, sources), o.out);
    return;
  }
  const Economy economy = load_economy(scenario);
  check_service_levels(model, economy.configuration, scenario.file.string());
  HolderRiskOptions options;
  options.levels = o.levels;
  options.hold_all = o.hold_all;
  options.margin = margin;
  options.threads = o.threads;
  options.sources = sources;
  std::optional<AllocationRun> allocation;
  if (scenario.table.contains("formula")) {
    std::string level = economy.default_level;
    for (const auto& l : o.levels)
      if (economy.configuration.level_index(l)) {
        level = l;
        break;
      }
    const auto base =
        scenario.file.empty() ? std::filesystem::path(".") : scenario.file.parent_path();
    allocation = run_allocation(scenario.table, scenario.file.string(), base, economy, level,
                                &default_service_weights());
  }
  const auto arrangements = read_arrangements(scenario, model, economy);
  std::string text;
  if (!o.arrangement.empty()) {
    const Arrangement* chosen = nullptr;
    std::string names;
    for (const auto& a : arrangements) {
      if (a.name == o.arrangement) chosen = &a;
      names += (names.empty() ? "" : ", ") + a.name;
    }
    if (chosen == nullptr)
      throw UsageError(fmt::format("no arrangement \"{}\" in the scenario; it has: {}",
                                   o.arrangement, names.empty() ? "none" : names));
    const auto r = apply_arrangement(economy, model, allocation, options, *chosen);
    print_budget_warning(r.without.reconciliation);
    if (o.format == "json") {
      nlohmann::json json = {{"arrangement", chosen->name},
                             {"sources", sources_to_json(sources)},
                             {"without", holder_risk_json(r.without)},
                             {"with", holder_risk_json(r.with)}};
      HolderRiskResults pools;
      pools.holders = r.pools;
      json["pools"] = holder_risk_json(pools)["holders"];
      json["notes"] = economy.notes;
      json["need_basis"] = need_basis_json(economy);
      text = json.dump(2) + "\n";
    } else {
      // One table: each holder without, then with the arrangement, then the pools.
      HolderRiskResults all;
      for (auto h : r.without.holders) {
        h.level += " (without)";
        all.holders.push_back(std::move(h));
      }
      for (auto h : r.with.holders) {
        h.level += " (with " + chosen->name + ")";
        all.holders.push_back(std::move(h));
      }
      for (auto h : r.pools) {
        h.level += " (" + chosen->name + " pool)";
        all.holders.push_back(std::move(h));
      }
      all.sources = sources;
      text = o.format == "csv" ? holder_risk_table_csv(all) : holder_risk_table_text(all);
    }
  } else {
    const auto results = compute_holder_risk(economy, model, allocation, options);
    print_budget_warning(results.reconciliation);
    if (o.format == "json") {
      auto json = holder_risk_json(results);
      json["notes"] = economy.notes;
      json["need_basis"] = need_basis_json(economy);
      text = json.dump(2) + "\n";
    } else if (o.format == "csv") {
      text = holder_risk_table_csv(results);
    } else {
      text = holder_risk_table_text(results);
    }
  }
  print_notes(economy);
  warn_need_basis(economy);
  emit_output(text, o.out);
}

}  // namespace

void add_risk_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RiskOptions>();
  auto* cmd = app.add_subcommand(
      "risk",
      "Every budget holder's financial risk: the exact distribution of each organisation's "
      "annual cost of the services it holds (default England service model or the scenario's "
      "[[service]] lines) times its formula error and the year's shared shock, its budget (the "
      "[formula] allocation, else expected cost x (1 + margin)) and mean, sd (and the sd of each "
      "source alone), CV, P(overspend), P(overspend >= 5%, >= 10%), VaR/TVaR and the 95%/99% "
      "reserves, with the grid's precision. --size-curve gives the same measures against "
      "population size.");
  cmd->add_option("--scenario", options->scenario, "Scenario TOML file")->check(CLI::ExistingFile);
  cmd->add_option("--practices", options->practices,
                  "Population file(s), as for 'pco population' (instead of --scenario)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--map", options->map,
                  "Mapping file practice -> network -> ... (with --practices)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--level", options->levels,
                  "Level(s) to report: practice, national or a configuration level; repeat for "
                  "several. Default: every level that holds a service");
  cmd->add_flag("--hold-all", options->hold_all,
                "Each reported organisation holds every service, whatever its commissioning "
                "level (what if this level held the whole budget?)");
  cmd->add_option("--margin", options->margin,
                  "Budget = expected cost x (1 + MARGIN) when there is no [formula]; default "
                  "[risk] margin or 0")
      ->check(CLI::Range(-0.99, 10.0));
  cmd->add_option("--sources", options->sources,
                  "Sources of risk, comma-separated: chance (each service's count x cost), "
                  "formula (the holder's formula error), shock (the year's shared shock). Default: "
                  "[risk] sources, else all three (docs/risk-sources.md)");
  cmd->add_option("--arrangement", options->arrangement,
                  "Name of a scenario [[arrangement]] (high_cost_pool, top_slice, corridor, "
                  "federation): each holder's risk without and with it, and the pool's own risk");
  cmd->add_flag("--size-curve", options->size_curve,
                "Risk against population size (2,000 ... 2,000,000, national age-sex mix, every "
                "service held): CV, P(overspend >= 5%, >= 10%), 99% reserve");
  cmd->add_option("--populations", options->populations,
                  "Sizes for --size-curve, comma-separated (default 2000,3000,...,2000000)");
  cmd->add_option("--threads", options->threads,
                  "Worker threads over budget holders (default: one per core; output does not "
                  "depend on it)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--out", options->out, "Write to this file instead of standard output");
  add_data_options(cmd, options->data);
  cmd->callback([options, &exit_code] { exit_code = run_guarded([&] { run(*options); }); });
}

}  // namespace pco::cli

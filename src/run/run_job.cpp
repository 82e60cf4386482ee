#include "run/run_job.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "allocation/allocation_csv.hpp"
#include "appraisal/appraisal.hpp"
#include "commissioning/commissioning_scenario.hpp"
#include "core/text.hpp"
#include "demand/service_scenario.hpp"
#include "economy/load_economy.hpp"
#include "report/allocation_sections.hpp"
#include "report/appraisal_sections.hpp"
#include "report/commissioning_sections.hpp"
#include "report/contracts_report.hpp"
#include "report/focus.hpp"
#include "report/run_report.hpp"
#include "run/governance_stage.hpp"
#include "run/output_dir.hpp"
#include "sim/simulation_input.hpp"
#include "store/allocation_tables.hpp"
#include "store/appraisal_tables.hpp"
#include "store/commissioning_tables.hpp"
#include "store/population_tables.hpp"
#include "store/results_store.hpp"
#include "store/risk_tables.hpp"
#include "store/simulation_tables.hpp"
#include "store/stored_run.hpp"

namespace pco {

namespace {

// Appraisal and simulation are stages only when the scenario asks for them, so the progress
// lines count the stages this run really has.
bool has_section(const Scenario& scenario, const char* name) {
  return scenario.table.get_as<toml::table>(name) != nullptr;
}

int stage_count(const Scenario& scenario) {
  return 6 + (has_section(scenario, "appraisal") ? 1 : 0) +
         (has_section(scenario, "simulation") ? 1 : 0) + (has_commissioning(scenario) ? 1 : 0);
}

}  // namespace

std::string utc_now() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

RunResults compute_run(const Scenario& scenario, const ProgressFn& progress,
                       const std::string& focus) {
  RunResults results;
  const int stages = stage_count(scenario);
  int stage = 0;
  const auto next = [&](std::string_view what) { progress(++stage, stages, what); };
  next("loading the population and configuration");
  results.economy = load_economy(scenario);
  results.level = results.economy.default_level;
  results.focus = focus.empty() ? report_focus(scenario) : focus;
  if (!results.focus.empty()) check_focus(results.economy, results.focus);
  next("describing every level of the configuration");
  for (const auto& level : results.economy.configuration.levels())
    results.summaries.push_back(
        summarise_level(results.economy.population, results.economy.configuration, level.name));
  results.boundaries = report_boundaries(scenario);
  next("allocating fair shares at every level");
  results.allocation = run_allocation(
      scenario.table, scenario.file.string(),
      scenario.file.empty() ? std::filesystem::current_path() : scenario.file.parent_path(),
      results.economy, results.level, &default_service_weights());
  for (const auto& note : results.allocation.notes)
    results.economy.notes.push_back(note);
  results.tables = governance_tables(scenario, results.economy, results.level);
  for (const auto& level : results.economy.configuration.levels()) {
    results.allocation_levels.push_back(allocate_level(results.allocation.targets,
                                                       results.economy.population,
                                                       results.economy.configuration, level.name));
  }
  next("computing every budget holder's cost distribution and risk");
  const auto model = read_service_model(scenario);
  check_service_levels(model, results.economy.configuration, scenario.file.string());
  HolderRiskOptions options;
  options.levels = {results.level};
  options.hold_all = true;
  const auto risk_settings = read_risk_settings(scenario);
  options.margin = risk_settings.margin;
  options.sources = risk_settings.sources;
  options.keep_distributions = true;
  // Budgets as `pco risk` and `pco simulate` set them (docs/risk-holders.md): the allocation
  // when the scenario states a [formula], else expected cost x (1 + margin), so one scenario
  // gives the same risk in every command.
  const std::optional<AllocationRun> budgets =
      has_section(scenario, "formula") ? std::optional(results.allocation) : std::nullopt;
  results.risk = compute_holder_risk(results.economy, model, budgets, options);
  const bool has_rare = std::any_of(model.services.begin(), model.services.end(),
                                    [](const auto& l) { return l.name == "rare_costly"; });
  results.size_curve = size_curve(model, default_size_curve_populations(), options.margin,
                                  has_rare ? "rare_costly" : "", {}, options.sources);
  if (has_commissioning(scenario)) {
    next("commissioning: providers, contracts and pathway shifts");
    CommissioningRunOptions commissioning;
    commissioning.margin = options.margin;
    results.commissioning =
        run_commissioning(scenario, results.economy, model, budgets, commissioning);
    results.commissioning_model = model;
    results.commissioning_report = commissioning_sections(*results.commissioning, model);
    for (const auto& note : results.commissioning->notes)
      results.economy.notes.push_back(note);
  }
  if (has_section(scenario, "appraisal")) {
    next("appraising the configurations side by side");
    results.appraisal = appraise(scenario, results.economy, model);
    results.appraisal_report = appraisal_sections(*results.appraisal);
  }
  if (has_section(scenario, "simulation")) {
    next("simulating every budget holder over the years");
    auto settings = read_simulation_settings(scenario);
    if (settings.level.empty()) settings.level = results.level;
    const auto threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    results.simulation = simulate_economy(scenario, results.economy, model, budgets, settings,
                                          ProcessGroup::world(), threads);
  }
  return results;
}

RunFiles write_run(const Scenario& scenario, const RunResults& results,
                   const std::filesystem::path& out_dir, const std::string& started_at,
                   const ProgressFn& progress) {
  // All or nothing (docs/reliability.md): the results are committed to the store unfinished,
  // the report and tables are staged and published in one step, and only then is the run
  // marked finished. A crash at any moment leaves the previous complete run in place.
  const OutputDirectory out(out_dir);
  progress(stage_count(scenario) - 1, stage_count(scenario), "storing the results in results.db");
  RunFiles files;
  ResultsStore store(out_dir / "results.db");
  // A run published by a writer killed before it could mark it finished is complete on disk:
  // it is finished now. Other unfinished runs were abandoned by killed writers; the lock says
  // no other writer is alive, so they are removed.
  if (const auto published = out.published_run(); published && store.is_unfinished(*published))
    store.finish_run(*published, utc_now());
  store.discard_unfinished_runs();
  out.remove_stale();
  RunMetadata meta{PCO_VERSION,
                   scenario.name,
                   scenario.text,
                   fnv1a64_hex(scenario.text),
                   scenario.seed.value_or(0),
                   results.level,
                   started_at,
                   {},
                   results.focus};
  files.run_id = store.begin_run(meta);
  write_population_tables(store, results.economy, results.summaries);
  write_allocation_tables(store, results.allocation, results.allocation_levels,
                          results.economy.population);
  write_boundaries(store, results.boundaries);
  write_report_tables(store, results.tables);
  write_risk_tables(store, results.risk, results.size_curve);
  if (results.commissioning)
    write_commissioning_tables(store, *results.commissioning, *results.commissioning_model);
  // The simulation's sections are drawn from its own tables when the report is rendered; a
  // need-basis banner is stored first, then the commissioning and appraisal sections.
  auto sections = results.commissioning_report;
  sections.insert(sections.end(), results.appraisal_report.begin(), results.appraisal_report.end());
  if (results.allocation.need.rests_on_imputed_ages())
    sections.insert(sections.begin(), need_basis_section(results.allocation.need));
  write_report_sections(store, sections);
  if (results.appraisal) write_appraisal(store, *results.appraisal);
  if (results.simulation) write_simulation(store, *results.simulation);
  store.commit_unfinished();

  // The report is drawn from the store, as `pco report` draws it, so both always agree.
  progress(stage_count(scenario), stage_count(scenario), "writing the report and tables");
  const auto finished_at = utc_now();
  auto stored = read_run(store.db(), files.run_id, /*include_unfinished=*/true);
  stored.info.finished_at = finished_at;
  std::vector<std::pair<std::string, std::string>> outputs = {
      {"organisations.csv", organisations_csv(results.summaries)},
      {"practices.csv", practices_csv(results.economy.population, results.economy.configuration)},
      {"allocations.csv", allocation_csv(results.allocation, results.allocation_levels)},
      {"practice_budgets.csv",
       practice_budgets_csv(results.allocation, results.economy.population)},
      {"report.html", render_run_report(stored, "", results.focus)},
  };
  if (results.commissioning) {
    outputs.emplace_back("contracts.csv", commissioning_table_csv(*results.commissioning,
                                                                  *results.commissioning_model,
                                                                  CommissioningTable::contracts));
    outputs.emplace_back(
        "contract_providers.csv",
        commissioning_table_csv(*results.commissioning, *results.commissioning_model,
                                CommissioningTable::providers));
  }
  out.publish(files.run_id, outputs);
  store.finish_run(files.run_id, finished_at);
  out.remove_stale();
  files.written.push_back(out_dir / "results.db");
  for (const auto& [name, contents] : outputs)
    files.written.push_back(out_dir / name);
  return files;
}

}  // namespace pco

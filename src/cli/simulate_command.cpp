#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "allocation/run.hpp"
#include "cli/command.hpp"
#include "cli/economy_options.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "demand/service_scenario.hpp"
#include "economy/load_economy.hpp"
#include "parallel/process_group.hpp"
#include "sim/simulation_input.hpp"
#include "sim/simulation_report.hpp"

namespace pco::cli {

namespace {

struct SimulateOptions {
  EconomyOptions economy;
  std::optional<std::uint64_t> replications;
  std::optional<std::uint64_t> seed;
  std::optional<int> years;
  std::optional<double> shock_cv;
  std::optional<std::string> arrangement;
  bool hold_all = false;
  bool no_contracts = false;
  int threads = 1;
  std::string format = "table";
  std::string out;
};

// A one-line bar redrawn in place, at most once per 0.5% of the work; only on a terminal.
SimulationProgress progress_bar(bool show) {
  if (!show) return {};
  return [shown = std::uint64_t{1000}](std::uint64_t done, std::uint64_t total) mutable {
    constexpr int kWidth = 40;
    const std::uint64_t step = 200 * done / std::max<std::uint64_t>(total, 1);
    if (step == shown) return;
    shown = step;
    const auto filled = static_cast<int>(kWidth * done / std::max<std::uint64_t>(total, 1));
    std::cerr << fmt::format("\rsimulate [{}{}] {}/{} holders", std::string(filled, '#'),
                             std::string(kWidth - filled, ' '), done, total)
              << (done == total ? "\n" : "") << std::flush;
  };
}

void run(const SimulateOptions& o) {
  const auto scenario = scenario_from_options(o.economy);
  if (!scenario) throw UsageError("give --scenario FILE or --practices FILE");
  auto settings = read_simulation_settings(*scenario);
  if (o.replications) settings.replications = *o.replications;
  if (o.seed) settings.seed = *o.seed;
  if (o.years) settings.years = *o.years;
  if (o.shock_cv) settings.shock_cv = *o.shock_cv;
  if (o.arrangement) settings.arrangement = *o.arrangement;
  if (o.no_contracts) settings.contracts = false;
  if (!o.economy.level.empty()) settings.level = o.economy.level;
  settings.hold_all = settings.hold_all || o.hold_all;
  check_simulation_settings(settings);

  const auto& group = ProcessGroup::world();
  const auto model = read_service_model(*scenario);
  const Economy economy = load_economy(*scenario);
  check_service_levels(model, economy.configuration, scenario->file.string());
  std::optional<AllocationRun> allocation;
  if (scenario->table.contains("formula")) {
    const std::string level = settings.level.empty() ? economy.default_level : settings.level;
    const auto base =
        scenario->file.empty() ? std::filesystem::path(".") : scenario->file.parent_path();
    allocation =
        run_allocation(scenario->table, scenario->file.string(), base, economy,
                       economy.configuration.level_index(level) ? level : economy.default_level,
                       &default_service_weights());
  }
  const auto reconciliation = reconcile_budgets(
      economy, model, allocation, read_risk_settings(*scenario).margin, {},
      settings.hold_all ? (settings.level.empty() ? economy.default_level : settings.level) : "");
  if (group.is_root()) print_budget_warning(reconciliation);
  const bool bar = group.is_root() && ::isatty(STDERR_FILENO) != 0;
  const auto results = simulate_economy(*scenario, economy, model, allocation, settings, group,
                                        o.threads, progress_bar(bar));
  if (!results) return;
  std::string text;
  if (o.format == "json") {
    auto json = simulation_json(*results);
    json["notes"] = economy.notes;
    json["need_basis"] = need_basis_json(economy);
    json["budget_basis"] = reconciliation.explanation;
    text = json.dump(2) + "\n";
  } else if (o.format == "csv") {
    text = simulation_table_csv(*results);
  } else {
    text = simulation_table_text(*results);
  }
  print_notes(economy);
  warn_need_basis(economy);
  emit_output(text, o.out);
}

}  // namespace

void add_simulate_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SimulateOptions>();
  auto* cmd = app.add_subcommand(
      "simulate",
      "Reproducible multi-year Monte Carlo of every budget holder at a level: each year's cost "
      "drawn from the holder's exact one-year distribution (as 'pco risk'), with demand and "
      "budget growth, common national/regional shocks, a corridor and carry-over of over- and "
      "underspends ([simulation] in the scenario). Reports per holder per year the mean and sd "
      "of cost, quantiles of outturn vs budget, P(overspend), P(any overspend so far) and the "
      "cumulative deficit, each with its Monte Carlo standard error. Output is bit-identical "
      "for any --threads and under 'mpirun -np K pco simulate ...' (budget holders split across "
      "processes; each holder's replicates are drawn, summarised and dropped in turn).");
  add_economy_options(cmd, options->economy);
  cmd->add_option("--replications", options->replications,
                  "Replications (default [simulation] replications, else 1000)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100'000'000}));
  cmd->add_option("--seed", options->seed,
                  "Seed (default [simulation] seed, else the scenario's seed, else 1)");
  cmd->add_option("--years", options->years, "Years (default [simulation] years, else 5)")
      ->check(CLI::Range(1, 100));
  cmd->add_option(
         "--shock-cv", options->shock_cv,
         "CV of the national year shock (lognormal, mean 1); default [simulation] shock_cv, "
         "else [risk] shock_sd (0.01; docs/risk-sources.md)")
      ->check(CLI::Range(0.0, 2.0));
  cmd->add_option("--arrangement", options->arrangement,
                  "Name of a corridor [[arrangement]] applied to every holder each year");
  cmd->add_flag("--hold-all", options->hold_all,
                "Each holder holds every service, whatever its commissioning level");
  cmd->add_flag("--no-contracts", options->no_contracts,
                "Every holder pays for all its activity at tariff, even when the scenario has "
                "[[contract]]s (by default holders pay through them: docs/commissioning.md)");
  cmd->add_option("--threads", options->threads, "Worker threads (output does not depend on it)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--out", options->out, "Write to this file instead of standard output");
  cmd->callback([options, &exit_code] { exit_code = run_guarded([&] { run(*options); }); });
}

}  // namespace pco::cli

#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/economy_options.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "report/run_report.hpp"
#include "run/run_job.hpp"
#include "scenario_file/scenario_file.hpp"
#include "store/stored_run.hpp"

namespace pco::cli {

namespace {

struct RunOptions {
  std::string scenario;
  std::string out;
  std::string focus;
  bool quiet = false;
  DataOptions data;
};

void run(const Scenario& scenario, const RunOptions& o) {
  const bool terminal = ::isatty(STDERR_FILENO) != 0;
  const ProgressFn progress = [&](int stage, int stages, std::string_view what) {
    if (o.quiet) return;
    std::cerr << fmt::format("[{}/{}] {}{}", stage, stages, what, terminal ? "...\n" : "\n");
  };
  const auto started = utc_now();
  const auto results = compute_run(scenario, progress, o.focus);
  if (!o.quiet) {
    print_notes(results.economy);
    warn_need_basis(results.economy);
  }
  print_budget_warning(results.risk.reconciliation);
  const auto files = write_run(scenario, results, o.out, started, progress);
  std::cout << fmt::format("Run {} of \"{}\": {} practices, {} registered patients, {} levels\n",
                           files.run_id, scenario.name, results.economy.population.size(),
                           results.economy.population.total_patients(),
                           results.economy.configuration.levels().size());
  for (const auto& f : files.written)
    std::cout << "  wrote " << f.string() << '\n';
}

void add_common(CLI::App* cmd, RunOptions& o, const std::string& default_out) {
  o.out = default_out;
  cmd->add_option("--out", o.out, "Directory for results.db, report.html and the CSV tables")
      ->capture_default_str();
  cmd->add_option("--focus", o.focus,
                  "An organisation of the lead level whose questions the report answers first "
                  "(fair share, risk and reserve, merger or federation); default: the "
                  "scenario's [report] focus")
      ->type_name("CODE");
  cmd->add_flag("--quiet", o.quiet, "No progress or notes on standard error");
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RunOptions>();
  auto* cmd = app.add_subcommand(
      "run",
      "The main job: load the scenario's population and configuration, run what it asks for, "
      "and write the results store (results.db, one run added), a self-contained HTML report "
      "and CSV tables into the output directory.");
  cmd->add_option("--scenario", options->scenario, "Scenario TOML file")
      ->required()
      ->check(CLI::ExistingFile);
  add_common(cmd, *options, "out");
  add_data_options(cmd, options->data);
  cmd->callback([options, &exit_code] {
    exit_code = run_guarded([&] {
      auto scenario = load_scenario(options->scenario);
      apply_data_options(options->data, scenario);
      run(scenario, *options);
    });
  });
}

void add_demo_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RunOptions>();
  auto* cmd = app.add_subcommand(
      "demo",
      "The main job on the embedded synthetic economy (no downloaded data needed): writes the "
      "economy and its governance inputs with a scenario into OUT/inputs, then runs it as 'pco "
      "run' would.");
  auto print = std::make_shared<bool>(false);
  cmd->add_flag("--print-scenario", *print, "Print the embedded scenario and exit");
  add_common(cmd, *options, "out/demo");
  cmd->callback([options, print, &exit_code] {
    exit_code = run_guarded([&] {
      if (*print) {
        std::cout << demo_scenario_text();
        return;
      }
      run(load_scenario(write_demo_inputs(std::filesystem::path(options->out) / "inputs")),
          *options);
    });
  });
}

void add_report_command(CLI::App& app, int& exit_code) {
  struct ReportOptions {
    std::string store;
    std::int64_t run_id = 0;
    std::string level;
    std::string focus;
    std::string out = "report.html";
  };
  auto options = std::make_shared<ReportOptions>();
  auto* cmd = app.add_subcommand(
      "report", "Regenerate the self-contained HTML report of a run from a results store.");
  cmd->add_option("store", options->store, "The results store (results.db)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--run", options->run_id, "Run id (default: the newest run)");
  cmd->add_option("--level", options->level,
                  "Level to lead with (default: the level the run led with)");
  cmd->add_option("--focus", options->focus,
                  "An organisation of the level whose questions the report answers first (fair "
                  "share, risk and reserve, merger or federation); default: the scenario's "
                  "[report] focus")
      ->type_name("CODE");
  cmd->add_option("--out", options->out, "Report file to write")->capture_default_str();
  cmd->callback([options, &exit_code] {
    exit_code = run_guarded([&] {
      SqliteDb db(options->store);
      const auto id = options->run_id > 0 ? options->run_id : latest_run_id(db);
      write_file_atomically(options->out,
                            render_run_report(read_run(db, id), options->level, options->focus));
      std::cout << fmt::format("Report of run {} written to {}\n", id, options->out);
    });
  });
}

}  // namespace pco::cli

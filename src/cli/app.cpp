#include "cli/app.hpp"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/number_checks.hpp"

namespace pco::cli {

namespace {

// CLI11 stops at the first bad option, and a user would fix one flag per run. After a parse
// error every other option given (of pco and of the command) is validated and converted on its
// own, and the arguments no option took are named, so that all problems are listed at once.
std::vector<std::string> command_line_problems(CLI::App& app, const CLI::ParseError& first) {
  std::vector<std::string> problems{first.what()};
  const auto add = [&](const std::string& message) {
    if (std::find(problems.begin(), problems.end(), message) == problems.end())
      problems.push_back(message);
  };
  std::vector<CLI::App*> apps{&app};
  for (auto* sub : app.get_subcommands())
    apps.push_back(sub);
  for (auto* a : apps) {
    for (auto* option : a->get_options()) {
      if (option->count() == 0 || option->get_callback_run()) continue;
      try {
        option->run_callback();
      } catch (const CLI::ParseError& e) {
        add(e.what());
      }
    }
    if (a->get_allow_extras()) continue;
    if (const auto rest = a->remaining(); !rest.empty()) {
      std::string names;
      for (const auto& r : rest)
        names += (names.empty() ? "" : " ") + r;
      add("The following arguments were not expected: " + names);
    }
  }
  return problems;
}

}  // namespace

void add_all_commands(CLI::App& app, int& exit_code) {
  app.set_version_flag("--version", PCO_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 success, 1 internal error, 2 bad arguments or input, 3 file error.\n"
      "Run 'pco COMMAND --help' for each command's options.");
  add_population_command(app, exit_code);
  add_synth_command(app, exit_code);
  add_run_command(app, exit_code);
  add_demo_command(app, exit_code);
  add_report_command(app, exit_code);
  add_serve_command(app, exit_code);
  add_governance_command(app, exit_code);
  add_indicators_command(app, exit_code);
  add_survey_command(app, exit_code);
  add_allocate_command(app, exit_code);
  add_compound_command(app, exit_code);
  add_risk_command(app, exit_code);
  add_services_command(app, exit_code);
  add_appraise_command(app, exit_code);
  add_simulate_command(app, exit_code);
  add_design_command(app, exit_code);
  add_contracts_command(app, exit_code);
  add_succession_command(app, exit_code);
  require_finite_numbers(app);
}

int run_command_line(int argc, const char* const* argv) {
  CLI::App app{
      "pco - the primary care organisation engine: fair shares, financial risk and the shape of "
      "the organisations that hold the budget for registered populations.",
      "pco"};
  int exit_code = kExitOk;
  add_all_commands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    for (const auto& problem : command_line_problems(app, e))
      std::cerr << problem << "\n";
    std::cerr << "Run with --help for more information.\n";
    return kExitBadInput;
  }
  return exit_code;
}

}  // namespace pco::cli

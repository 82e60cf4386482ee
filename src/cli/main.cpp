#include <iostream>

#include "cli/command.hpp"
#include "cli/number_checks.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "pco - the primary care organisation engine: fair shares, financial risk and the shape of "
      "the organisations that hold the budget for registered populations.",
      "pco"};
  app.set_version_flag("--version", PCO_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 success, 1 internal error, 2 bad arguments or input, 3 file error.\n"
      "Run 'pco COMMAND --help' for each command's options.");
  int exit_code = pco::cli::kExitOk;
  pco::cli::add_population_command(app, exit_code);
  pco::cli::add_synth_command(app, exit_code);
  pco::cli::add_run_command(app, exit_code);
  pco::cli::add_demo_command(app, exit_code);
  pco::cli::add_report_command(app, exit_code);
  pco::cli::add_serve_command(app, exit_code);
  pco::cli::add_governance_command(app, exit_code);
  pco::cli::add_indicators_command(app, exit_code);
  pco::cli::add_survey_command(app, exit_code);
  pco::cli::add_allocate_command(app, exit_code);
  pco::cli::add_compound_command(app, exit_code);
  pco::cli::add_risk_command(app, exit_code);
  pco::cli::add_services_command(app, exit_code);
  pco::cli::add_appraise_command(app, exit_code);
  pco::cli::add_simulate_command(app, exit_code);
  pco::cli::add_design_command(app, exit_code);
  pco::cli::add_contracts_command(app, exit_code);
  pco::cli::add_succession_command(app, exit_code);
  pco::cli::require_finite_numbers(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return pco::cli::kExitBadInput;
  }
  return exit_code;
}

#include "cli/app.hpp"

#include "cli/command.hpp"
#include "cli/number_checks.hpp"

namespace pco::cli {

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
    app.exit(e);
    return kExitBadInput;
  }
  return exit_code;
}

}  // namespace pco::cli

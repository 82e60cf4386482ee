#pragma once
// The command-line front end: each subcommand registers itself on the app and runs its work
// through run_guarded, which turns library errors into messages and exit codes.

#include <functional>

#include <CLI/CLI.hpp>

namespace pco::cli {

// Exit codes, documented in docs/cli.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;  // bad arguments, bad scenario or bad data
inline constexpr int kExitIo = 3;        // a file could not be read or written

// `pco serve`'s description, shared by pco-serve (serve_command.cpp) and the launcher in pco
// (serve_launcher.cpp) so that `pco --help` and `pco serve --help` agree.
inline constexpr const char* kServeDescription =
    "A local web dashboard over a results store, with a read-only JSON API (docs/api.md). It "
    "never writes to the store. Limits and timeouts: docs/reliability.md.";

// Runs `work`, printing any error to stderr, and returns the exit code.
int run_guarded(const std::function<void()>& work);

// Each command's registration; `exit_code` receives the command's result.
void add_population_command(CLI::App& app, int& exit_code);
void add_synth_command(CLI::App& app, int& exit_code);
void add_run_command(CLI::App& app, int& exit_code);
void add_demo_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);
void add_governance_command(CLI::App& app, int& exit_code);
void add_indicators_command(CLI::App& app, int& exit_code);
void add_survey_command(CLI::App& app, int& exit_code);
void add_allocate_command(CLI::App& app, int& exit_code);
void add_compound_command(CLI::App& app, int& exit_code);
void add_risk_command(CLI::App& app, int& exit_code);
void add_services_command(CLI::App& app, int& exit_code);
void add_appraise_command(CLI::App& app, int& exit_code);
void add_simulate_command(CLI::App& app, int& exit_code);
void add_design_command(CLI::App& app, int& exit_code);
void add_contracts_command(CLI::App& app, int& exit_code);
void add_succession_command(CLI::App& app, int& exit_code);

}  // namespace pco::cli

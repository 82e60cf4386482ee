#pragma once
// The whole command line, built and run in one place: `pco`, `pco-serve` and the Python module
// (python/) run exactly this, so a command parses, computes and words its errors the same way
// in all three. Commands write only to std::cout and std::cerr (never to the C streams), which
// lets the Python module capture them.

#include <CLI/CLI.hpp>

namespace pco::cli {

// Registers every command on `app`, each storing its exit code in `exit_code` (which must
// outlive `app`). `serve` is whichever add_serve_command the program links.
void add_all_commands(CLI::App& app, int& exit_code);

// Parses `argv` (argv[0] is the program's name), runs the command and returns its exit code.
int run_command_line(int argc, const char* const* argv);

}  // namespace pco::cli

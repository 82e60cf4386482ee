// `pco serve` in the `pco` program: the dashboard server is its own program, pco-serve (built
// from serve_command.cpp with the same commands), the only one linked with the HTTP server and
// the TLS and compression libraries it pulls in. Every other command then starts without them
// (docs/performance.md, "Start-up"). This stands in for the command: it leaves every argument
// after `serve` (--help too) unparsed and replaces the process with pco-serve, which parses
// them; the process id, standard streams, signals and exit code are pco-serve's own.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/error.hpp"

namespace pco::cli {

namespace {

[[noreturn]] void exec_serve(const std::vector<std::string>& arguments) {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  const auto program = (error ? std::filesystem::path("pco") : self).parent_path() / "pco-serve";
  std::vector<std::string> args{program.string(), "serve"};
  args.insert(args.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execv(program.c_str(), argv.data());
  throw IoError(fmt::format("cannot run {} for 'pco serve': {} (it is built beside pco)",
                            program.string(), std::strerror(errno)));
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  // The description (shared with pco-serve) for `pco --help`; `pco serve --help` is pco-serve's.
  auto* cmd = app.add_subcommand("serve", kServeDescription);
  cmd->prefix_command();
  cmd->set_help_flag();
  cmd->callback(
      [cmd, &exit_code] { exit_code = run_guarded([&] { exec_serve(cmd->remaining()); }); });
}

}  // namespace pco::cli

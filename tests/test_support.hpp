#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace pco::test {

// The shared real NHS data: $PCO_SHARED_DATA, else ../shared/data beside the checkout.
inline std::filesystem::path shared_data_dir() {
  if (const char* env = std::getenv("PCO_SHARED_DATA")) return env;
  return PCO_DEFAULT_SHARED_DATA_DIR;
}

// A file of the shared data by its path below the data directory.
inline std::filesystem::path shared_data(const std::string& relative) {
  return shared_data_dir() / relative;
}

inline bool shared_data_present() {
  return std::filesystem::exists(shared_data_dir() / "README.md");
}

inline std::filesystem::path test_data(const std::string& name) {
  return std::filesystem::path(PCO_TEST_DATA_DIR) / name;
}

// Runs `work`, which must throw InputError, and returns the message lines it carried.
inline std::vector<std::string> input_error_lines(const std::function<void()>& work) {
  try {
    work();
  } catch (const InputError& e) {
    std::vector<std::string> lines;
    for (const auto& d : e.diagnostics())
      lines.push_back(d.to_string());
    return lines;
  }
  ADD_FAILURE() << "expected an InputError";
  return {};
}

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a shell command line and captures both output streams through temporary files.
inline CliResult run_command(const std::string& command_line) {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path();
  const auto stem = "pco_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  const auto out_path = dir / (stem + ".out");
  const auto err_path = dir / (stem + ".err");
  const std::string command = command_line + " >" + out_path.string() + " 2>" + err_path.string();
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  const auto slurp = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return result;
}

// Runs the pco executable with `args` (already shell-quoted where needed).
inline CliResult run_cli(const std::string& args) {
  return run_command(std::string(PCO_CLI_PATH) + " " + args);
}

}  // namespace pco::test

// Integration tests on the real files skip, visibly, when the files are absent: the message
// names the path looked for. Tests in a fixture use pco::test::RealDataTest (real_data.hpp).
#define PCO_REQUIRE_SHARED_DATA()                                                               \
  do {                                                                                          \
    if (!::pco::test::shared_data_present()) {                                                  \
      GTEST_SKIP() << "skipped: shared data absent (" << ::pco::test::shared_data_dir() << ")"; \
    }                                                                                           \
  } while (false)

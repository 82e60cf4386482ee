#pragma once

// `pco serve` started as a child process on a port the system chooses (--port 0), the port
// read from the first line the server prints. A port computed from the process id could fall
// among the ephemeral ports that the tests' own client connections hold (or leave in
// TIME_WAIT), and the server then rightly refused to start: CI failed that way.
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace pco::test {

// A running server; one still running when this goes (a failed assertion) is killed.
struct ServeChild {
  pid_t pid = -1;
  int port = -1;           // -1: the server did not say where it listens
  std::string first_line;  // what it printed first, for the failure message
  int output = -1;         // the read end of its standard output, kept open until it stops

  ServeChild() = default;
  ServeChild(ServeChild&& other) noexcept
      : pid(std::exchange(other.pid, -1)),
        port(other.port),
        first_line(std::move(other.first_line)),
        output(std::exchange(other.output, -1)) {}
  ServeChild& operator=(ServeChild&&) = delete;
  ~ServeChild() {
    if (pid > 0 && ::waitpid(pid, nullptr, WNOHANG) == 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
    if (output >= 0) ::close(output);
  }

  // SIGINT, then the exit code (128 + signal if it was killed); -1 if it was not started.
  int stop() {
    if (pid <= 0) return -1;
    ::kill(pid, SIGINT);
    int status = 0;
    ::waitpid(std::exchange(pid, -1), &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
};

// Runs `pco serve ARGS... --port 0` (or with the port ARGS give) and waits up to
// `timeout` for the line "pco dashboard for … at http://host:PORT/ …".
inline ServeChild start_serve(const std::vector<std::string>& args,
                              std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  int out[2];
  ServeChild child;
  if (::pipe(out) != 0) return child;
  child.pid = ::fork();
  if (child.pid == 0) {
    std::vector<std::string> copy = {PCO_CLI_PATH, "serve"};
    copy.insert(copy.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : copy)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    std::freopen("/dev/null", "w", stderr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string line;
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{out[0], POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[256];
    const auto n = ::read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;  // the server exited before it said anything
    line.append(buffer, static_cast<std::size_t>(n));
  }
  // The rest of its output is not read (the pipe's buffer holds far more than it prints) but
  // the pipe stays open, so that a later line cannot kill the server with SIGPIPE.
  child.output = out[0];
  child.first_line = line.substr(0, line.find('\n'));
  std::smatch m;
  if (std::regex_search(child.first_line, m, std::regex(R"(:(\d+)/ )")))
    child.port = std::stoi(m[1].str());
  return child;
}

}  // namespace pco::test

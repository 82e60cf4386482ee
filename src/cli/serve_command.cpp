#include <pthread.h>
#include <signal.h>

#include <iostream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "serve/api.hpp"
#include "serve/http_server.hpp"

namespace pco::cli {

namespace {

struct ServeOptions {
  std::string store;
  HttpServerOptions http;
};

void serve(const ServeOptions& o) {
  DashboardApi api(o.store);
  // SIGINT and SIGTERM are blocked before the server's threads start (they inherit the mask)
  // and waited for here, so stopping needs no signal handler and no global state.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  HttpServer server(
      o.http, [&api](const std::string& method, const std::string& path, const std::string& query) {
        return api.handle_request(method, path, query);
      });
  const bool ipv6 = o.http.host.find(':') != std::string::npos;
  std::cout << fmt::format("pco dashboard for {} at http://{}{}{}:{}/ (Ctrl-C stops it)\n", o.store,
                           ipv6 ? "[" : "", o.http.host, ipv6 ? "]" : "", server.port())
            << std::flush;
  int received = 0;
  sigwait(&stop_signals, &received);
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", kServeDescription);
  cmd->add_option("store", options->store, "The results store (results.db)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--host", options->http.host, "Address to listen on (loopback by default)")
      ->capture_default_str();
  cmd->add_option("--port", options->http.port,
                  "Port to listen on; 0 lets the system choose a free one, named in the first "
                  "line printed")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--max-connections", options->http.max_connections,
                  "Open connections served at once; beyond them a request gets 503")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--idle-timeout", options->http.idle_timeout_seconds,
                  "Seconds a connection may stay silent before it is closed")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  cmd->callback([options, &exit_code] { exit_code = run_guarded([&] { serve(*options); }); });
}

}  // namespace pco::cli

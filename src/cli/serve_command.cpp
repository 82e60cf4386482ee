#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <csignal>
#include <iostream>

#include <fmt/format.h>
#include <httplib.h>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "serve/api.hpp"

namespace pco::cli {

namespace {

struct ServeOptions {
  std::string store;
  std::string host = "127.0.0.1";
  int port = 8080;
};

constexpr std::size_t kWorkers = 256;

httplib::Server* running_server = nullptr;

void stop_on_signal(int) {
  if (running_server != nullptr) running_server->stop();
}

void serve(const ServeOptions& o) {
  DashboardApi api(o.store);
  httplib::Server server;
  // Requests are small GETs; anything large is refused before it is read.
  server.set_payload_max_length(64 * 1024);
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  // Each keep-alive connection holds a worker while it is open, so the pool is sized for a
  // few hundred concurrent clients; responses go out at once rather than waiting on Nagle.
  server.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  server.set_keep_alive_max_count(1000000);
  server.set_keep_alive_timeout(5);
  // The packaged cpp-httplib listens with a backlog of 5, which drops the connections of a
  // burst of clients; the listening socket is remembered here and its backlog raised below.
  // Accepted sockets inherit TCP_NODELAY from it.
  static socket_t listening = INVALID_SOCKET;
  server.set_socket_options([](socket_t sock) {
    httplib::default_socket_options(sock);
    int yes = 1;
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
    listening = sock;
  });
  const auto handle = [&api](const httplib::Request& req, httplib::Response& res) {
    const auto q = req.target.find('?');
    const auto query = q == std::string::npos ? std::string() : req.target.substr(q + 1);
    const auto response = api.handle_request(req.method, req.path, query);
    res.status = response.status;
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-store");
    res.set_content(response.body, response.content_type);
  };
  // Every method reaches the API, which answers 405 to anything but GET and HEAD.
  server.Get(".*", handle);
  server.Post(".*", handle);
  server.Put(".*", handle);
  server.Delete(".*", handle);
  server.Patch(".*", handle);
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      res.set_content(fmt::format("{{\"error\":\"HTTP {}\"}}", res.status), "application/json");
    }
  });
  if (!server.bind_to_port(o.host, o.port)) {
    throw IoError(
        fmt::format("cannot listen on {}:{} (in use, or not an address here)", o.host, o.port));
  }
  if (listening != INVALID_SOCKET) ::listen(listening, SOMAXCONN);
  running_server = &server;
  std::signal(SIGINT, stop_on_signal);
  std::signal(SIGTERM, stop_on_signal);
  std::cout << fmt::format("pco dashboard for {} at http://{}:{}/ (Ctrl-C stops it)\n", o.store,
                           o.host, o.port)
            << std::flush;
  server.listen_after_bind();
  running_server = nullptr;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand(
      "serve",
      "A local web dashboard over a results store, with a read-only JSON API (docs/api.md). It "
      "never writes to the store.");
  cmd->add_option("store", options->store, "The results store (results.db)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--host", options->host, "Address to listen on (loopback by default)")
      ->capture_default_str();
  cmd->add_option("--port", options->port, "Port to listen on")
      ->capture_default_str()
      ->check(CLI::Range(1, 65535));
  cmd->callback([options, &exit_code] { exit_code = run_guarded([&] { serve(*options); }); });
}

}  // namespace pco::cli

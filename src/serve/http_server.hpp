#pragma once
// The HTTP layer of `pco serve`: libmicrohttpd, event-driven, so an idle or slow connection
// holds a file descriptor and a few kilobytes, never a worker thread (cpp-httplib 0.11, used
// before, gave each connection a thread until it closed, so a few hundred idle connections
// blocked everyone). Limits, all stated in docs/reliability.md:
//   - the port is bound exclusively (no SO_REUSEPORT): a second server on it fails at once;
//   - beyond `max_connections` open connections a request gets 503 and its connection closes;
//   - a connection with no traffic for `idle_timeout_seconds` is closed (keep-alive or not);
//   - a request's headers may use `max_header_bytes`; a body over `max_body_bytes` gets 413
//     before it is read, and any body is never waited for (the API is read-only).
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "serve/api.hpp"

struct MHD_Daemon;

namespace pco {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  unsigned max_connections = 1000;
  unsigned idle_timeout_seconds = 10;
  unsigned threads = 4;  // event loops, each serving many connections
  std::size_t max_header_bytes = 32 * 1024;
  std::size_t max_body_bytes = 64 * 1024;
};

// method, path, raw query string (without '?') -> response.
using HttpHandler =
    std::function<ApiResponse(const std::string&, const std::string&, const std::string&)>;

class HttpServer {
 public:
  // Binds and starts serving on background threads. Throws IoError naming the address when
  // the port is in use (by anything, another pco serve included) or the host is not an
  // address of this machine.
  HttpServer(const HttpServerOptions& options, HttpHandler handler);
  ~HttpServer();  // stops serving and closes every connection
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return port_; }
  unsigned open_connections() const;

  struct State;  // shared with libmicrohttpd's callbacks

 private:
  std::unique_ptr<State> state_;
  MHD_Daemon* daemon_ = nullptr;
  int listen_fd_ = -1;
  int port_ = 0;
};

}  // namespace pco

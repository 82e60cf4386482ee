#include "serve/http_server.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <microhttpd.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace pco {

struct HttpServer::State {
  HttpHandler handler;
  HttpServerOptions options;
  std::atomic<unsigned> connections{0};
};

namespace {

// Marks the first call of the access handler for a request (libmicrohttpd calls it again for
// each piece of the body and once at its end); only its address is used.
const char kRequestSeen = 0;

enum MHD_Result queue(MHD_Connection* connection, const ApiResponse& r, bool close) {
  auto* response = MHD_create_response_from_buffer(r.body.size(), const_cast<char*>(r.body.data()),
                                                   MHD_RESPMEM_MUST_COPY);
  if (response == nullptr) return MHD_NO;
  MHD_add_response_header(response, "Content-Type", r.content_type.c_str());
  MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(response, "Cache-Control", "no-store");
  if (close) MHD_add_response_header(response, "Connection", "close");
  if (r.status == 503) MHD_add_response_header(response, "Retry-After", "1");
  const auto result = MHD_queue_response(connection, static_cast<unsigned>(r.status), response);
  MHD_destroy_response(response);
  return result;
}

ApiResponse error(int status, const std::string& message) {
  return {status, "application/json", nlohmann::json{{"error", message}}.dump()};
}

// The raw query string, rebuilt from the arguments libmicrohttpd split (left undecoded by the
// unescape callback below), so the API parses and validates it itself.
enum MHD_Result append_argument(void* cls, enum MHD_ValueKind, const char* key, const char* value) {
  auto& query = *static_cast<std::string*>(cls);
  if (!query.empty()) query += '&';
  query += key;
  if (value != nullptr) {
    query += '=';
    query += value;
  }
  return MHD_YES;
}

size_t keep_escaped(void*, MHD_Connection*, char* text) {
  return std::strlen(text);
}

enum MHD_Result on_request(void* cls, MHD_Connection* connection, const char* url,
                           const char* method, const char*, const char*, size_t* upload_size,
                           void** request_context) {
  auto& state = *static_cast<HttpServer::State*>(cls);
  if (*request_context != nullptr) {
    // A body is arriving after the answer was queued: drop it unread.
    *upload_size = 0;
    return MHD_YES;
  }
  *request_context = const_cast<char*>(&kRequestSeen);
  // Every request is answered on this first call, before any body is read, so a POST without
  // a body gets its 405 at once rather than after a read timeout.
  if (state.connections.load() > state.options.max_connections) {
    return queue(connection,
                 error(503, "the server has too many open connections; try again shortly"), true);
  }
  if (const char* length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
                                                       MHD_HTTP_HEADER_CONTENT_LENGTH)) {
    char* end = nullptr;
    errno = 0;
    const auto bytes = std::strtoull(length, &end, 10);
    if (errno != 0 || end == length || bytes > state.options.max_body_bytes) {
      return queue(connection, error(413, "request body too large"), true);
    }
  }
  std::string query;
  MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, append_argument, &query);
  ApiResponse response;
  try {
    response = state.handler(method, url, query);
  } catch (const std::exception& e) {
    response = error(500, fmt::format("internal error: {}", e.what()));
  }
  const bool has_body =
      *upload_size > 0 ||
      MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH) ||
      MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
  return queue(connection, response, has_body);
}

void on_connection(void* cls, MHD_Connection*, void**, enum MHD_ConnectionNotificationCode code) {
  auto& state = *static_cast<HttpServer::State*>(cls);
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    ++state.connections;
  } else {
    --state.connections;
  }
}

// The listening socket, made here so that its errors can be named: SO_REUSEADDR (a restarted
// server may bind while old connections linger in TIME_WAIT) but never SO_REUSEPORT, with
// which a second server would share the port and split requests between two stores.
int listen_socket(const std::string& host, int port, int& bound_port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const auto service = std::to_string(port);
  if (const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    throw IoError(fmt::format("cannot listen on {}:{}: {}", host, port, ::gai_strerror(rc)));
  }
  int fd = -1;
  int last_error = 0;
  for (auto* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      last_error = errno;
      continue;
    }
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    // Accepted sockets inherit TCP_NODELAY: answers go out at once, not after a delayed ACK.
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
      last_error = errno;
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) {
    if (last_error == EADDRINUSE) {
      throw IoError(fmt::format(
          "cannot listen on {}:{}: the port is already in use (another pco serve, or another "
          "program); stop it or choose another --port",
          host, port));
    }
    throw IoError(fmt::format("cannot listen on {}:{}: {}", host, port, std::strerror(last_error)));
  }
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  bound_port = address.ss_family == AF_INET6
                   ? ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port)
                   : ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
  return fd;
}

}  // namespace

HttpServer::HttpServer(const HttpServerOptions& options, HttpHandler handler)
    : state_(std::make_unique<State>()) {
  state_->handler = std::move(handler);
  state_->options = options;
  listen_fd_ = listen_socket(options.host, options.port, port_);
  // A few more connections than the limit are accepted so that those beyond it get a 503
  // rather than a reset; libmicrohttpd refuses any beyond that.
  const unsigned hard_limit = options.max_connections + 64;
  daemon_ = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO, 0,
                             nullptr, nullptr, &on_request, state_.get(), MHD_OPTION_LISTEN_SOCKET,
                             static_cast<MHD_socket>(listen_fd_), MHD_OPTION_THREAD_POOL_SIZE,
                             options.threads, MHD_OPTION_CONNECTION_LIMIT, hard_limit,
                             MHD_OPTION_CONNECTION_TIMEOUT, options.idle_timeout_seconds,
                             MHD_OPTION_CONNECTION_MEMORY_LIMIT, options.max_header_bytes,
                             MHD_OPTION_NOTIFY_CONNECTION, &on_connection, state_.get(),
                             MHD_OPTION_UNESCAPE_CALLBACK, &keep_escaped, nullptr, MHD_OPTION_END);
  if (daemon_ == nullptr) {
    ::close(listen_fd_);
    throw IoError(fmt::format("cannot start the HTTP server on {}:{}", options.host, port_));
  }
}

HttpServer::~HttpServer() {
  MHD_stop_daemon(daemon_);  // closes the listening socket it was given, and every connection
}

unsigned HttpServer::open_connections() const {
  return state_->connections.load();
}

}  // namespace pco

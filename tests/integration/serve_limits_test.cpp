// Issue 18, items 1, 6 and 14: `pco serve` as a process against hostile clients. One server per
// port; idle and slow connections do not block anyone; beyond the connection limit a request
// gets 503; a silent connection is closed; a POST without a body is answered at once.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>

#include "serve_child.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

using Clock = std::chrono::steady_clock;

// A raw TCP connection to 127.0.0.1:port; -1 on failure.
int connect_raw(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

std::string read_some(int fd) {
  char buffer[4096];
  const auto n = ::recv(fd, buffer, sizeof buffer, 0);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

class ServeLimits : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / ("pco_limits_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "s.toml") << "schema_version = 1\n[synthetic]\npractices = 30\n";
    ASSERT_EQ(test::run_cli("run --quiet --scenario " + (dir_ / "s.toml").string() + " --out " +
                            (dir_ / "out").string())
                  .exit_code,
              0);
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }
  // Starts a server on a port the system chooses (or on ARGS' --port) and waits until it
  // answers; the returned reference stays valid for the test.
  test::ServeChild& start(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {(dir_ / "out" / "results.db").string(), "--port", "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    started_.push_back(test::start_serve(args));
    auto& child = started_.back();
    if (child.port < 0) {
      ADD_FAILURE() << "server did not say where it listens: '" << child.first_line << "'";
      return child;
    }
    httplib::Client client("127.0.0.1", child.port);
    client.set_connection_timeout(1, 0);
    for (int i = 0; i < 200; ++i) {
      if (auto r = client.Get("/api/runs"); r && r->status == 200) return child;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ADD_FAILURE() << "server on port " << child.port << " did not answer";
    return child;
  }

  static std::filesystem::path dir_;
  std::deque<test::ServeChild> started_;  // any still running at the end are killed
};
std::filesystem::path ServeLimits::dir_;

// Item 1: with SO_REUSEPORT both servers started and split the requests between them.
TEST_F(ServeLimits, ASecondServerOnABoundPortExitsWithAClearMessage) {
  auto& first = start();
  const int p = first.port;
  const auto second =
      test::run_command("timeout 10 " + std::string(PCO_CLI_PATH) + " serve " +
                        (dir_ / "out" / "results.db").string() + " --port " + std::to_string(p));
  EXPECT_EQ(second.exit_code, 3) << second.err;
  EXPECT_NE(second.err.find("already in use"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find(std::to_string(p)), std::string::npos) << second.err;
  EXPECT_EQ(first.stop(), 0);
}

// Item 6: 300 connections that send nothing and 50 that send half a request line kept every
// worker busy, so the dashboard stopped answering.
TEST_F(ServeLimits, IdleAndSlowConnectionsDoNotBlockOthers) {
  auto& server = start();
  const int p = server.port;
  std::vector<int> idle;
  for (int i = 0; i < 350; ++i) {
    const int fd = connect_raw(p);
    ASSERT_GE(fd, 0);
    if (i >= 300) ::send(fd, "GET /api/ru", 11, MSG_NOSIGNAL);
    idle.push_back(fd);
  }
  httplib::Client client("127.0.0.1", p);
  client.set_read_timeout(2, 0);
  const auto started = Clock::now();
  for (int i = 0; i < 20; ++i) {
    const auto r = client.Get("/api/runs/1");
    ASSERT_TRUE(r) << "no answer with 350 idle connections open";
    EXPECT_EQ(r->status, 200);
  }
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(10));
  for (const int fd : idle)
    ::close(fd);
  EXPECT_EQ(server.stop(), 0);
}

// Beyond --max-connections a request gets 503 and its connection is closed; once connections
// go, requests are served again.
TEST_F(ServeLimits, BeyondTheConnectionLimitRequestsGet503) {
  auto& server = start({"--max-connections", "8"});
  const int p = server.port;
  std::vector<int> idle;
  for (int i = 0; i < 12; ++i)
    idle.push_back(connect_raw(p));
  // The server counts a connection once its event loop has accepted it: ask until it has.
  const auto status_within = [p](int wanted) {
    std::pair<int, std::string> seen{-1, ""};  // status, Retry-After
    for (int i = 0; i < 100 && seen.first != wanted; ++i) {
      httplib::Client client("127.0.0.1", p);
      if (const auto r = client.Get("/api/runs"))
        seen = {r->status, r->get_header_value("Retry-After")};
      if (seen.first != wanted) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return seen;
  };
  const auto refused = status_within(503);
  EXPECT_EQ(refused.first, 503);
  EXPECT_EQ(refused.second, "1");
  for (const int fd : idle)
    ::close(fd);
  EXPECT_EQ(status_within(200).first, 200);
  EXPECT_EQ(server.stop(), 0);
}

// A connection that stays silent is closed after --idle-timeout seconds.
TEST_F(ServeLimits, ASilentConnectionIsClosed) {
  auto& server = start({"--idle-timeout", "1"});
  const int p = server.port;
  const int fd = connect_raw(p);
  ASSERT_GE(fd, 0);
  const auto started = Clock::now();
  char byte = 0;
  const auto n = ::recv(fd, &byte, 1, 0);  // blocks until the server closes (or 10 s)
  EXPECT_EQ(n, 0) << "the connection was not closed by the server";
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
  ::close(fd);
  EXPECT_EQ(server.stop(), 0);
}

// Item 14: a POST with no body (no Content-Length) waited for the read timeout (5 s) before
// its answer; the API is read-only, so the answer comes before any body is read.
TEST_F(ServeLimits, APostWithoutABodyIsAnsweredAtOnce) {
  auto& server = start();
  const int p = server.port;
  for (const std::string request :
       {"POST /api/runs HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n",
        "DELETE /api/runs/1 HTTP/1.1\r\nHost: x\r\n\r\n"}) {
    const int fd = connect_raw(p);
    ASSERT_GE(fd, 0);
    const auto started = Clock::now();
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    const auto answer = read_some(fd);
    EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(2500)) << request;  // was 5 s
    EXPECT_NE(answer.find(" 405 "), std::string::npos) << request << answer;
    ::close(fd);
  }
  EXPECT_EQ(server.stop(), 0);
}

}  // namespace
}  // namespace pco

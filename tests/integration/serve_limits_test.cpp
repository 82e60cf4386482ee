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
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>

#include "test_support.hpp"

namespace pco {
namespace {

using Clock = std::chrono::steady_clock;

pid_t spawn_serve(const std::vector<std::string>& args) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<std::string> copy = {PCO_CLI_PATH, "serve"};
    copy.insert(copy.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : copy)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

int stop(pid_t pid) {
  if (::kill(pid, SIGINT) != 0) return -1;
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

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
  // A server left running by a failed assertion is stopped here.
  void TearDown() override {
    for (const pid_t pid : started_) {
      if (::waitpid(pid, nullptr, WNOHANG) == 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
      }
    }
  }

  // Starts a server on a port of its own and waits until it answers.
  pid_t start(int port, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {(dir_ / "out" / "results.db").string(), "--port",
                                     std::to_string(port)};
    args.insert(args.end(), extra.begin(), extra.end());
    const pid_t pid = spawn_serve(args);
    started_.push_back(pid);
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(1, 0);
    for (int i = 0; i < 200; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
      if (auto r = client.Get("/api/runs"); r && r->status == 200) return pid;
    }
    ADD_FAILURE() << "server on port " << port << " did not start";
    return pid;
  }
  static int port(int offset) { return 30000 + static_cast<int>(::getpid() % 5000) * 5 + offset; }

  static std::filesystem::path dir_;
  std::vector<pid_t> started_;
};
std::filesystem::path ServeLimits::dir_;

// Item 1: with SO_REUSEPORT both servers started and split the requests between them.
TEST_F(ServeLimits, ASecondServerOnABoundPortExitsWithAClearMessage) {
  const int p = port(0);
  const pid_t first = start(p);
  const auto second =
      test::run_command("timeout 10 " + std::string(PCO_CLI_PATH) + " serve " +
                        (dir_ / "out" / "results.db").string() + " --port " + std::to_string(p));
  EXPECT_EQ(second.exit_code, 3) << second.err;
  EXPECT_NE(second.err.find("already in use"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find(std::to_string(p)), std::string::npos) << second.err;
  EXPECT_EQ(stop(first), 0);
}

// Item 6: 300 connections that send nothing and 50 that send half a request line kept every
// worker busy, so the dashboard stopped answering.
TEST_F(ServeLimits, IdleAndSlowConnectionsDoNotBlockOthers) {
  const int p = port(1);
  const pid_t server = start(p);
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
  EXPECT_EQ(stop(server), 0);
}

// Beyond --max-connections a request gets 503 and its connection is closed; once connections
// go, requests are served again.
TEST_F(ServeLimits, BeyondTheConnectionLimitRequestsGet503) {
  const int p = port(2);
  const pid_t server = start(p, {"--max-connections", "8"});
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
  EXPECT_EQ(stop(server), 0);
}

// A connection that stays silent is closed after --idle-timeout seconds.
TEST_F(ServeLimits, ASilentConnectionIsClosed) {
  const int p = port(3);
  const pid_t server = start(p, {"--idle-timeout", "1"});
  const int fd = connect_raw(p);
  ASSERT_GE(fd, 0);
  const auto started = Clock::now();
  char byte = 0;
  const auto n = ::recv(fd, &byte, 1, 0);  // blocks until the server closes (or 10 s)
  EXPECT_EQ(n, 0) << "the connection was not closed by the server";
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
  ::close(fd);
  EXPECT_EQ(stop(server), 0);
}

// Item 14: a POST with no body (no Content-Length) waited for the read timeout (5 s) before
// its answer; the API is read-only, so the answer comes before any body is read.
TEST_F(ServeLimits, APostWithoutABodyIsAnsweredAtOnce) {
  const int p = port(4);
  const pid_t server = start(p);
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
  EXPECT_EQ(stop(server), 0);
}

}  // namespace
}  // namespace pco

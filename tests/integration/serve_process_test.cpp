// `pco serve` and `pco run` as processes: HTTP status codes from the real server, and runs
// killed part-way leaving the store consistent.
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "serve_child.hpp"
#include "store/results_store.hpp"
#include "store/stored_run.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

// Starts `pco ARGS...` as a child process with its output sent to /dev/null.
pid_t spawn_pco(const std::vector<std::string>& args) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv;
    static std::string program = PCO_CLI_PATH;
    argv.push_back(program.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::filesystem::path fresh_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / (name + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(ServeProcess, AnswersOverHttpAndRefusesBadRequests) {
  const auto dir = fresh_dir("pco_serve_");
  ASSERT_EQ(test::run_cli("demo --quiet --out " + dir.string()).exit_code, 0);
  auto server = test::start_serve({(dir / "results.db").string(), "--port", "0"});
  ASSERT_GT(server.port, 0) << "server did not say where it listens: '" << server.first_line << "'";
  httplib::Client client("127.0.0.1", server.port);
  client.set_connection_timeout(1, 0);
  bool up = false;
  for (int i = 0; i < 100 && !up; ++i) {
    up = static_cast<bool>(client.Get("/api/runs"));
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(up) << "server on port " << server.port << " did not answer";
  const auto runs = client.Get("/api/runs");
  EXPECT_EQ(runs->status, 200);
  EXPECT_EQ(nlohmann::json::parse(runs->body)["runs"].size(), 1u);
  EXPECT_EQ(client.Get("/api/runs/1/organisations?level=region")->status, 200);
  EXPECT_EQ(client.Get("/api/runs/7")->status, 404);
  EXPECT_EQ(client.Post("/api/runs", "x", "text/plain")->status, 405);
  const auto big = client.Post("/api/runs", std::string(200 * 1024, 'x'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_EQ(client.Get("/")->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(server.stop(), 0);
  std::filesystem::remove_all(dir);
}

// Kills `pco run` at several moments with SIGINT and SIGKILL: every time the store must pass
// SQLite's integrity check when opened read-only, show readers only finished runs, and keep
// the first run intact. (scripts/kill_test.sh checks the output files too, 50 times.)
TEST(RunInterruption, KillingARunLeavesTheStoreConsistent) {
  const auto dir = fresh_dir("pco_kill_");
  std::ofstream(dir / "big.toml") << "schema_version = 1\nname = \"big\"\n[synthetic]\nseed = "
                                     "3\npractices = 20000\n";
  ASSERT_EQ(test::run_cli("demo --quiet --out " + (dir / "out").string()).exit_code, 0);
  std::int64_t first_run_practices = 0;
  {
    SqliteDb db(dir / "out" / "results.db");
    first_run_practices = static_cast<std::int64_t>(read_run(db, 1).practices.size());
  }
  int killed_mid_run = 0;
  for (const int delay_ms : {30, 150, 300, 500, 700, 900}) {
    for (const int sig : {SIGINT, SIGKILL}) {
      const pid_t run = spawn_pco({"run", "--scenario", (dir / "big.toml").string(), "--out",
                                   (dir / "out").string(), "--quiet"});
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      ::kill(run, sig);
      const int code = wait_exit(run);
      if (code != 0) ++killed_mid_run;
      // Read-only, as pco serve opens it: in WAL mode nothing needs recovering first.
      SqliteDb db(dir / "out" / "results.db", SqliteDb::Mode::read_only);
      auto check = db.prepare("PRAGMA integrity_check");
      check.bind({});
      ASSERT_TRUE(check.step());
      EXPECT_EQ(check.column_text(0), "ok");
      // A run killed before it was finished may be in the store, but no reader sees it.
      for (const auto& stored : list_runs(db))
        EXPECT_FALSE(stored.finished_at.empty()) << stored.run_id;
      EXPECT_EQ(static_cast<std::int64_t>(read_run(db, 1).practices.size()), first_run_practices);
    }
  }
  // Most kills land while the run is working; a machine fast enough to finish first would make
  // this test vacuous, so it says so.
  EXPECT_GE(killed_mid_run, 4) << "runs finished before they could be interrupted";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pco

// Issue 18, items 2 and 3: a run's outputs are all or nothing. The store is in WAL mode, so a
// writer killed mid-transaction leaves nothing a read-only reader must roll back; the report
// and tables are published at once, and a run is visible only once its files are in place.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "run/output_dir.hpp"
#include "run/run_job.hpp"
#include "scenario_file/scenario_file.hpp"
#include "serve/api.hpp"
#include "store/results_store.hpp"
#include "store/stored_run.hpp"

namespace pco {
namespace {

class CrashSafety : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("pco_crash_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static Scenario scenario(int practices) {
    return parse_scenario(fmt::format("schema_version = 1\nname = \"p{}\"\nseed = 5\n"
                                      "[synthetic]\nseed = 2\npractices = {}\n",
                                      practices, practices),
                          "small.toml", ".");
  }
  std::filesystem::path out() const { return dir_ / "out"; }
  std::vector<std::int64_t> visible_runs() {
    SqliteDb db(out() / "results.db", SqliteDb::Mode::read_only);
    std::vector<std::int64_t> ids;
    for (const auto& r : list_runs(db))
      ids.push_back(r.run_id);
    return ids;
  }

  std::filesystem::path dir_;
  const ProgressFn quiet_ = [](int, int, std::string_view) {};
};

// Item 2: a writer killed inside its transaction. With a rollback journal the journal was
// "hot" and a read-only reader (pco serve) could not open the store; in WAL mode the killed
// transaction is simply not there.
TEST_F(CrashSafety, AWriterKilledMidTransactionLeavesAStoreReadersCanOpen) {
  const auto s = scenario(40);
  write_run(s, compute_run(s, quiet_), out(), "t0", quiet_);
  const pid_t child = ::fork();
  if (child == 0) {
    ResultsStore store(out() / "results.db");
    store.begin_run({"v", "killed", "text", "0", 1, "organisation", "t1", "", ""});
    for (int i = 0; i < 2000; ++i) {
      store.db().exec(
          fmt::format("INSERT INTO levels (run_id, level_index, name) VALUES ({}, {}, 'x')", 2, i));
    }
    ::kill(::getpid(), SIGKILL);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_FALSE(std::filesystem::exists(out() / "results.db-journal"));
  // The dashboard opens the store read-only and sees the one finished run.
  DashboardApi api(out() / "results.db");
  const auto runs = api.handle_request("GET", "/api/runs", "");
  EXPECT_EQ(runs.status, 200) << runs.body;
  EXPECT_EQ(visible_runs(), std::vector<std::int64_t>{1});
  SqliteDb db(out() / "results.db", SqliteDb::Mode::read_only);
  auto check = db.prepare("PRAGMA integrity_check");
  check.bind({});
  ASSERT_TRUE(check.step());
  EXPECT_EQ(check.column_text(0), "ok");
}

// Item 3: a failure after the store commit (here: while writing the report) leaves neither a
// visible run without its files nor a mix of old and new files; the next run cleans up.
TEST_F(CrashSafety, AFailedReportWriteLeavesThePreviousRunInPlace) {
  const auto small = scenario(40);
  write_run(small, compute_run(small, quiet_), out(), "t0", quiet_);
  const auto before_report = read_text_file(out() / "report.html");
  const auto before_practices = read_text_file(out() / "practices.csv");

  const auto large = scenario(50);
  const ProgressFn fail_at_report = [](int stage, int stages, std::string_view) {
    if (stage == stages) throw IoError("disk full (simulated)");
  };
  EXPECT_THROW(write_run(large, compute_run(large, quiet_), out(), "t1", fail_at_report), IoError);
  EXPECT_EQ(visible_runs(), std::vector<std::int64_t>{1});
  EXPECT_EQ(read_text_file(out() / "report.html"), before_report);
  EXPECT_EQ(read_text_file(out() / "practices.csv"), before_practices);

  // The next run discards the abandoned one and publishes its own files.
  const auto next = write_run(large, compute_run(large, quiet_), out(), "t2", quiet_);
  EXPECT_EQ(visible_runs(), (std::vector<std::int64_t>{1, next.run_id}));
  SqliteDb db(out() / "results.db", SqliteDb::Mode::read_only);
  auto unfinished = db.prepare("SELECT COUNT(*) FROM runs WHERE finished_at IS NULL");
  unfinished.bind({});
  ASSERT_TRUE(unfinished.step());
  EXPECT_EQ(unfinished.column_int(0), 0);
  EXPECT_NE(read_text_file(out() / "practices.csv"), before_practices);
  EXPECT_NE(read_text_file(out() / "report.html").find("p50"), std::string::npos);
}

// A writer killed after publishing its files but before marking its run finished: the files
// are complete, so the next writer marks that run finished rather than losing it.
TEST_F(CrashSafety, APublishedRunIsFinishedByTheNextWriter) {
  const auto s = scenario(40);
  write_run(s, compute_run(s, quiet_), out(), "t0", quiet_);
  std::int64_t orphan = 0;
  {
    OutputDirectory dir(out());
    ResultsStore store(out() / "results.db");
    orphan = store.begin_run({"v", "orphan", "text", "0", 1, "organisation", "t1", "", ""});
    store.commit_unfinished();
    dir.publish(orphan, {{"report.html", "orphan report"}});
  }
  EXPECT_EQ(visible_runs(), std::vector<std::int64_t>{1});
  EXPECT_EQ(read_text_file(out() / "report.html"), "orphan report");
  const auto next = write_run(s, compute_run(s, quiet_), out(), "t2", quiet_);
  EXPECT_EQ(visible_runs(), (std::vector<std::int64_t>{1, orphan, next.run_id}));
}

TEST_F(CrashSafety, PublishingSwitchesEveryFileAtOnceAndKeepsOnlyTheCurrentRun) {
  OutputDirectory dir(out());
  dir.publish(1, {{"a.csv", "a1"}, {"b.csv", "b1"}});
  EXPECT_EQ(dir.published_run(), 1);
  dir.publish(2, {{"a.csv", "a2"}, {"b.csv", "b2"}});
  EXPECT_EQ(dir.published_run(), 2);
  EXPECT_EQ(read_text_file(out() / "a.csv"), "a2");
  EXPECT_EQ(read_text_file(out() / "b.csv"), "b2");
  // Every file is reached through the one `current` link.
  EXPECT_EQ(std::filesystem::read_symlink(out() / "a.csv"), ".pco/current/a.csv");
  dir.remove_stale();
  EXPECT_FALSE(std::filesystem::exists(out() / ".pco" / "run-000001"));
  EXPECT_TRUE(std::filesystem::exists(out() / ".pco" / "run-000002"));
}

// One writer per output directory: a second is refused at once, naming the directory.
TEST_F(CrashSafety, ASecondWriterIsRefused) {
  OutputDirectory first(out());
  try {
    OutputDirectory second(out());
    FAIL() << "a second writer was allowed";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("another pco process is writing"), std::string::npos);
  }
}

// Plain files written by an older pco are replaced by links on the first publish.
TEST_F(CrashSafety, PlainFilesOfAnOlderLayoutBecomeLinks) {
  std::filesystem::create_directories(out());
  std::ofstream(out() / "a.csv") << "old";
  OutputDirectory dir(out());
  dir.publish(1, {{"a.csv", "new"}});
  EXPECT_TRUE(std::filesystem::is_symlink(out() / "a.csv"));
  EXPECT_EQ(read_text_file(out() / "a.csv"), "new");
}

}  // namespace
}  // namespace pco

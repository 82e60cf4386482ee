// Issue 18: hostile or careless input never crashes, never wraps around and never half-writes;
// every problem is listed at once with exit 2 (bad input) or 3 (file error).
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace pco {
namespace {

std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("pco_robust_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::filesystem::path write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

const char* kSmall = "schema_version = 1\n[synthetic]\npractices = 40\n";

// Item 4: a count near 2^63 overflowed the practice's total into a negative population.
TEST(RobustInput, AHugeCountIsRefusedNotWrapped) {
  const auto dir = temp_dir("count");
  const auto csv = write(dir / "p.csv",
                         "practice,sex,age_band,count\nA1,M,0-4,9223372036854775807\nA1,F,0-4,5\n");
  const auto map = write(dir / "m.csv", "practice,organisation\nA1,X1\n");
  const auto r = test::run_cli("population --practices " + csv.string() + " --map " + map.string());
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("p.csv:2:4: count: got \"9223372036854775807\""), std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find("-9,223"), std::string::npos) << r.out;
  std::filesystem::remove_all(dir);
}

// Item 5: every numeric flag refuses NaN, infinities and out-of-range integers with exit 2.
TEST(RobustInput, NumericFlagsRefuseNanInfinityAndOverflow) {
  const auto dir = temp_dir("flags");
  const auto s = write(dir / "s.toml", kSmall).string();
  const std::vector<std::string> commands = {
      "risk --scenario " + s + " --margin nan",
      "risk --scenario " + s + " --margin inf",
      "risk --scenario " + s + " --margin -nan",
      "simulate --scenario " + s + " --shock-cv nan",
      "simulate --scenario " + s + " --shock-cv NaN --replications 10",
      "simulate --scenario " + s + " --seed -1 --replications 10",
      "simulate --scenario " + s + " --seed 99999999999999999999 --replications 10",
      "compound --frequency poisson:1 --severity exponential:1 --step nan --max 10",
      "compound --frequency poisson:1 --severity exponential:1 --step 0.1 --max inf",
      "compound --frequency poisson:1 --severity exponential:1 --step 0.1 --max 10 --budget nan",
      "compound --frequency poisson:1 --severity exponential:1 --step 0.1 --max 10 --p0 nan",
      "design --scenario " + s + " --min-pop nan --max-pop 10 --out " + (dir / "d.csv").string(),
      "design --scenario " + s + " --min-pop 1 --max-pop 1e999 --out " + (dir / "d.csv").string(),
      "design --scenario " + s + " --min-pop 1 --max-pop 10 --sweeps nan --out " +
          (dir / "d.csv").string(),
  };
  for (const auto& c : commands) {
    const auto r = test::run_cli(c);
    EXPECT_EQ(r.exit_code, 2) << c << "\n" << r.err;
    EXPECT_TRUE(r.err.find("finite") != std::string::npos ||
                r.err.find("out of range") != std::string::npos ||
                r.err.find("negative") != std::string::npos ||
                r.err.find("not in range") != std::string::npos)
        << c << "\n"
        << r.err;
  }
  std::filesystem::remove_all(dir);
}

// Item 5, scenario side: TOML allows nan and inf; no scenario value may be either.
TEST(RobustInput, ScenarioNumbersMustBeFinite) {
  const auto dir = temp_dir("toml");
  const auto s = write(dir / "s.toml", std::string(kSmall) +
                                           "[risk]\nmargin = nan\n"
                                           "[simulation]\nshock_cv = inf\nbudget_growth = -inf\n");
  const auto r = test::run_cli("risk --scenario " + s.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("3 problems"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("risk.margin: got \"nan\", expected a finite number"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("simulation.shock_cv: got \"inf\", expected a finite number"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("simulation.budget_growth"), std::string::npos) << r.err;
  std::filesystem::remove_all(dir);
}

// Item 9: an --out that cannot be created is a file error naming the path, not an internal one.
TEST(RobustInput, AnOutDirectoryThatCannotBeCreatedIsAFileError) {
  const auto dir = temp_dir("out");
  const auto s = write(dir / "s.toml", kSmall);
  const auto blocker = write(dir / "a-file", "not a directory\n");
  const auto r =
      test::run_cli("run --quiet --scenario " + s.string() + " --out " + (blocker / "x").string());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find((blocker / "x").string()), std::string::npos) << r.err;
  std::filesystem::remove_all(dir);
}

// Item 10: a number of replications whose samples cannot fit in memory is refused up front,
// stating the memory needed and available, instead of ending in std::bad_alloc.
TEST(RobustInput, HugeReplicationsStateTheMemoryNeeded) {
  const auto dir = temp_dir("reps");
  const auto s = write(dir / "s.toml", kSmall);
  const auto r = test::run_cli("simulate --scenario " + s.string() +
                               " --replications 100000000 --years 100 --hold-all");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("GiB of memory"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("is available; use at most"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("bad_alloc"), std::string::npos) << r.err;
  std::filesystem::remove_all(dir);
}

// Item 12: every problem of [simulation] (types, unknown keys and ranges) is listed at once.
TEST(RobustInput, SimulationProblemsAreListedAtOnce) {
  const auto dir = temp_dir("sim");
  const auto s = write(dir / "s.toml", std::string(kSmall) +
                                           "[simulation]\nreplications = 0\nyears = 0\n"
                                           "shock_cv = \"high\"\nbogus = 1\n");
  for (const std::string& command :
       std::vector<std::string>{"simulate", "run --quiet --out " + (dir / "o").string()}) {
    const auto r = test::run_cli(command + " --scenario " + s.string());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("4 problems"), std::string::npos) << command << "\n" << r.err;
    for (const auto* key :
         {"simulation.replications", "simulation.years", "simulation.shock_cv", "simulation.bogus"})
      EXPECT_NE(r.err.find(key), std::string::npos) << key << "\n" << r.err;
  }
  std::filesystem::remove_all(dir);
}

// Item 13: a scenario whose service lines `pco risk` rejects is rejected by `pco allocate` the
// same way: the service lines are checked once, when the economy is loaded.
TEST(RobustInput, AllocateRejectsWhatRiskRejects) {
  const auto dir = temp_dir("services");
  const auto s = write(dir / "s.toml",
                       std::string(kSmall) +
                           "[[service]]\nname = \"a\"\nlevel = \"nowhere\"\nrate_per_head = 1\n"
                           "cost = \"exponential:1\"\n"
                           "[[service]]\nname = \"b\"\nrate_per_head = 1\nphi = -1\n"
                           "cost = \"exponential:1\"\n");
  const auto risk = test::run_cli("risk --scenario " + s.string());
  const auto allocate = test::run_cli("allocate --scenario " + s.string());
  EXPECT_EQ(risk.exit_code, 2) << risk.err;
  EXPECT_EQ(allocate.exit_code, 2) << allocate.out;
  EXPECT_EQ(allocate.err, risk.err);
  std::filesystem::remove_all(dir);
}

// CLI11 stops at the first bad flag; every bad flag of one command line is listed at once,
// with the arguments no option took, each once, exit 2.
TEST(RobustInput, EveryBadFlagOfACommandLineIsListedAtOnce) {
  const auto r = test::run_cli("risk --margin abc --threads 0 --format xml stray");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  for (const char* expected :
       {"--margin: Value abc not in range", "--threads: Value 0 not in range",
        "--format: xml not in {table,csv,json}", "The following arguments were not expected: stray",
        "Run with --help for more information."})
    EXPECT_NE(r.err.find(expected), std::string::npos) << expected << "\n" << r.err;
  EXPECT_EQ(r.err.find("--margin"), r.err.rfind("--margin")) << "listed twice:\n" << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace
}  // namespace pco

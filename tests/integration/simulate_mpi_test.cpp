// `mpirun -np K pco simulate …` splits the holders across processes; its output must be the
// same bytes as the threaded run in one process, for K = 1, 2 and 4.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "parallel/process_group.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

TEST(SimulateMpi, OneTwoAndFourProcessesGiveTheThreadedRunsBytes) {
  if (!built_with_mpi()) GTEST_SKIP() << "skipped: pco was built without Open MPI";
  if (std::system("command -v mpirun >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "skipped: mpirun is not on PATH";
  const auto file = std::filesystem::temp_directory_path() /
                    ("pco_simulate_mpi_" + std::to_string(::getpid()) + ".toml");
  std::ofstream(file) << "schema_version = 1\n[synthetic]\npractices = 40\n"
                         "[simulation]\nreplications = 301\nyears = 3\nseed = 5\n"
                         "shock_cv = 0.02\nregional_shock_cv = 0.01\nregion_level = \"region\"\n"
                         "overspend_repay_cap = 0.01\nunderspend_keep_cap = 0.01\n";
  const std::string args = "simulate --scenario " + file.string() + " --format csv";
  const auto threaded = test::run_cli(args + " --threads 2");
  ASSERT_EQ(threaded.exit_code, 0) << threaded.err;
  ASSERT_FALSE(threaded.out.empty());
  for (int k : {1, 2, 4}) {
    // Open MPI refuses to run as root without these; its own allocations look like leaks to
    // LeakSanitizer in the sanitizer build.
    const std::string launcher =
        "env ASAN_OPTIONS=detect_leaks=0 OMPI_ALLOW_RUN_AS_ROOT=1 "
        "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 mpirun --oversubscribe -np " +
        std::to_string(k) + " ";
    const auto r = test::run_command(launcher + PCO_CLI_PATH + " " + args + " --threads 1");
    ASSERT_EQ(r.exit_code, 0) << k << " processes: " << r.err;
    EXPECT_EQ(r.out, threaded.out) << k << " processes";
  }
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace pco

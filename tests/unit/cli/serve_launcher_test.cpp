// `pco serve` is served by the pco-serve program beside pco (src/cli/serve_launcher.cpp): the
// arguments reach it unparsed (its own help, its own errors and exit codes), and `pco --help`
// lists the command with pco-serve's description.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace pco {
namespace {

TEST(ServeLauncher, ArgumentsAndHelpReachPcoServe) {
  const auto help = test::run_cli("serve --help");
  ASSERT_EQ(help.exit_code, 0) << help.err;
  EXPECT_NE(help.out.find("--port"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("Usage: pco serve"), std::string::npos) << help.out;
  // A missing store is pco-serve's bad input (CLI11's ExistingFile check): exit 2, named.
  const auto missing = test::run_cli("serve /nonexistent/results.db --port 1");
  EXPECT_EQ(missing.exit_code, 2) << missing.err;
  EXPECT_NE(missing.err.find("/nonexistent/results.db"), std::string::npos) << missing.err;
}

TEST(ServeLauncher, ListedDescriptionIsPcoServesOwn) {
  const auto listing = test::run_cli("--help");
  const auto own = test::run_cli("serve --help");
  ASSERT_EQ(listing.exit_code, 0);
  ASSERT_EQ(own.exit_code, 0);
  const std::string description = own.out.substr(0, own.out.find('\n'));
  ASSERT_FALSE(description.empty());
  EXPECT_NE(listing.out.find(description), std::string::npos)
      << "pco --help lists serve with another description than pco serve --help:\n"
      << description;
}

}  // namespace
}  // namespace pco

#pragma once
// The one fixture of the tests on the real NHS files (../shared/data, or $PCO_SHARED_DATA): a
// test skips, with a message naming the data directory it looked for, only when the data is
// absent (a fresh clone, CI without the files); where the data is present every check runs and
// a missing or changed file fails. Never a silent pass.

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace pco::test {

// `Base` is the fixture the test needs besides the data (e.g. ScratchDirTest):
// RealDataFixture<ScratchDirTest>.
template <class Base = ::testing::Test>
class RealDataFixture : public Base {
 protected:
  void SetUp() override {
    Base::SetUp();
    if (!shared_data_present())
      GTEST_SKIP() << "skipped: shared data absent (" << shared_data_dir() << ")";
  }

  // A file of the shared data by its path below the data directory, e.g.
  // "population/gp-reg-pat-prac-all_2021-01.csv".
  static std::filesystem::path data(const std::string& relative) { return shared_data(relative); }
};

using RealDataTest = RealDataFixture<>;

}  // namespace pco::test

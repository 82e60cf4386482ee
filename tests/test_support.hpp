#pragma once

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace pco::test {

// The shared real NHS data: $PCO_SHARED_DATA, else ../shared/data beside the checkout.
inline std::filesystem::path shared_data_dir() {
  if (const char* env = std::getenv("PCO_SHARED_DATA")) return env;
  return PCO_DEFAULT_SHARED_DATA_DIR;
}

inline bool shared_data_present() {
  return std::filesystem::exists(shared_data_dir() / "README.md");
}

inline std::filesystem::path test_data(const std::string& name) {
  return std::filesystem::path(PCO_TEST_DATA_DIR) / name;
}

// Runs `work`, which must throw InputError, and returns the message lines it carried.
inline std::vector<std::string> input_error_lines(const std::function<void()>& work) {
  try {
    work();
  } catch (const InputError& e) {
    std::vector<std::string> lines;
    for (const auto& d : e.diagnostics()) lines.push_back(d.to_string());
    return lines;
  }
  ADD_FAILURE() << "expected an InputError";
  return {};
}

}  // namespace pco::test

// Integration tests on the real files skip, visibly, when the files are absent.
#define PCO_REQUIRE_SHARED_DATA()                                                    \
  do {                                                                               \
    if (!::pco::test::shared_data_present()) {                                      \
      GTEST_SKIP() << "skipped: shared data absent (" << ::pco::test::shared_data_dir() \
                   << ")";                                                           \
    }                                                                                \
  } while (false)

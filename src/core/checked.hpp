#pragma once
// Sums of counts that refuse to wrap: a 64-bit overflow would turn a population negative
// without a word, so it is an input error naming what was being added up.

#include <cstdint>
#include <string_view>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

inline std::int64_t checked_add(std::int64_t a, std::int64_t b, std::string_view what) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) {
    throw UsageError(fmt::format("{} overflows 64 bits ({} + {}); the input's counts are too large",
                                 what, a, b));
  }
  return sum;
}

}  // namespace pco

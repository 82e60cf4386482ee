#pragma once
// Shared body of the reader fuzz targets: any byte sequence must either parse or raise one of
// pco's typed errors. Anything else (a crash, a sanitizer report, another exception) is a bug.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "core/text.hpp"

namespace pco::fuzz {

template <typename Parse>
int run(const std::uint8_t* data, std::size_t size, Parse&& parse) {
  const std::string text =
      decode_to_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  try {
    parse(text);
  } catch (const pco::InputError& e) {
    // Every reported problem must render without fault.
    for (const auto& d : e.diagnostics())
      (void)d.to_string();
  } catch (const pco::UsageError&) {
  }
  return 0;
}

}  // namespace pco::fuzz

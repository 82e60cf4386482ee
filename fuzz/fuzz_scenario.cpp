#include "fuzz_support.hpp"
#include "scenario/scenario.hpp"
#include "scenario_file/scenario_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return pco::fuzz::run(
      data, size, [](const std::string& text) { pco::parse_scenario(text, "fuzz.toml", "."); });
}

#include "fuzz_support.hpp"
#include "readers/trusts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return pco::fuzz::run(data, size, [](const std::string& text) {
    pco::parse_etr(pco::TextFile{"fuzz.csv", text});
  });
}

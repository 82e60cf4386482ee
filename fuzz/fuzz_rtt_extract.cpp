#include "fuzz_support.hpp"
#include "readers/rtt_extract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return pco::fuzz::run(data, size, [](const std::string& text) {
    pco::parse_rtt_extract(pco::TextFile{"fuzz.csv", text});
  });
}

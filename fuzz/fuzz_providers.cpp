#include "commissioning/provider_sources.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return pco::fuzz::run(data, size, [](const std::string& text) {
    pco::parse_providers_csv(pco::TextFile{"fuzz.csv", text}, nullptr);
  });
}

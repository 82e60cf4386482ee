// Both location layouts: postcode-district centroids and exact practice,lat,lon files.
#include "fuzz_support.hpp"
#include "readers/locations.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pco::fuzz::run(data, size, [](const std::string& text) {
    pco::parse_postcode_districts(pco::TextFile{"fuzz.csv", text});
  });
  return pco::fuzz::run(data, size, [](const std::string& text) {
    pco::parse_practice_locations(pco::TextFile{"fuzz.csv", text});
  });
}

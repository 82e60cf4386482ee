// Practice maps (2020 and ICB-era layouts) and membership files, then the configuration built
// from them against a small population, so tree building is fuzzed too.
#include "fuzz_support.hpp"
#include "model/configuration.hpp"
#include "readers/mapping_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return pco::fuzz::run(data, size, [](const std::string& text) {
    const auto mapping = pco::read_mapping(pco::TextFile{"fuzz.csv", text});
    pco::Population population;
    for (const auto& row : mapping.rows) {
      pco::Practice p;
      p.code = row.practice;
      p.counts[0] = 1;
      population.add(p);
    }
    pco::JoinReport report;
    pco::Configuration::build(population, mapping, report);
  });
}

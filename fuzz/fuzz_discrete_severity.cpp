#include "fuzz_support.hpp"
#include "risk/discrete_severity_file.hpp"
#include "risk/discretize.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return pco::fuzz::run(data, size, [](const std::string& text) {
    const auto severity = pco::parse_discrete_severity("fuzz.csv", text);
    // Whatever parses must discretise without fault.
    (void)pco::discretize(severity, 1.0, 64.0, pco::DiscretizeMethod::unbiased);
  });
}

#include "allocation/weights.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return pco::fuzz::run(data, size, [](const std::string& text) {
    pco::DiagnosticList problems;
    pco::read_weight_file(pco::TextFile{"fuzz.csv", text}, problems);
    problems.throw_if_any();
  });
}

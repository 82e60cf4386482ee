// Population files: the layout is detected from the header, so one target reaches the NHS,
// list-size and plain readers.
#include "fuzz_support.hpp"
#include "readers/population_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return pco::fuzz::run(data, size, [](const std::string& text) {
    pco::read_population({pco::TextFile{"fuzz.csv", text}});
  });
}

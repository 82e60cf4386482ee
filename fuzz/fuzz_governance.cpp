// Board members (checked against both rule sets), the typology and autonomy files, and
// indicator definitions: the governance CSV readers.
#include "fuzz_support.hpp"
#include "governance/board_reader.hpp"
#include "governance/governance_inputs.hpp"
#include "governance/indicators.hpp"
#include "governance/typology.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pco::fuzz::run(data, size, [](const std::string& text) {
    for (const auto& board : pco::parse_board_members(text, "fuzz.csv")) {
      pco::check_board(board, pco::rule_set("pcg1999"));
      pco::check_board(board, pco::rule_set("icb2022"));
      pco::leadership_view(board);
    }
  });
  pco::fuzz::run(data, size, [](const std::string& text) {
    const auto records = pco::parse_typology(text, "fuzz.csv");
    pco::typology_table(records, "");
  });
  pco::fuzz::run(data, size,
                 [](const std::string& text) { pco::parse_autonomy(text, "fuzz.csv"); });
  return pco::fuzz::run(data, size, [](const std::string& text) {
    const auto defs = pco::parse_indicator_definitions(text, "fuzz.csv");
    pco::parse_indicator_values(text, "fuzz.csv", defs);
  });
}

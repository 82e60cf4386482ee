#pragma once
// Shared plumbing for the governance readers: a CSV file read whole with its header, and the
// yes/no and list values their columns carry.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.hpp"
#include "core/error.hpp"

namespace pco {

struct CsvDocument {
  std::string file;
  std::size_t header_line = 0;
  CsvHeader header;
  std::vector<CsvRecord> records;
};

// Parses `text` (named `file` in messages). An empty file is reported as one problem naming the
// expected header. Structural CSV problems are added to `problems`.
CsvDocument parse_csv_document(std::string_view text, const std::string& file,
                               std::string_view expected_header, DiagnosticList& problems);

// yes/no, y/n, true/false, 1/0 (any case); nullopt otherwise.
std::optional<bool> parse_yes_no(std::string_view text);

// "a; b;c" -> {"a", "b", "c"}; empty items are dropped.
std::vector<std::string> split_list(std::string_view text, char separator = ';');

// Lower case with spaces, hyphens and slashes turned into underscores, so "Co-operative",
// "co operative" and "co_operative" compare equal.
std::string normalise_code(std::string_view text);

}  // namespace pco

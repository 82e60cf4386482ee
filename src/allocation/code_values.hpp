#pragma once
// Reading the small `code,value` files of the allocation inputs (need indices, market forces
// factors, baseline allocations): every bad, duplicate or unknown row is reported.

#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "readers/population_file.hpp"

namespace pco {

// Calls `read(row, column)` for the value (returns an optional; nullopt after recording a
// problem) and `apply(code, value, row, code_column)` for each good row. Returns false when
// the header is unusable (already reported).
template <typename Read, typename Apply>
bool read_code_values(const TextFile& file, std::initializer_list<std::string_view> value_names,
                      DiagnosticList& problems, Read read, Apply apply) {
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  const std::string value_display(*value_names.begin());
  if (!parser.next(record)) {
    problems.add({file.name, 0, 0, "", "", fmt::format("a header code,{}", value_display)});
    return false;
  }
  const CsvHeader header(record);
  const auto cols =
      require_columns(header,
                      {{"code", {"code", "practice", "practice_code", "org", "organisation"}},
                       {value_display, std::vector<std::string_view>(value_names)}},
                      file.name, record.line, problems);
  if (!cols[0] || !cols[1]) return false;
  std::unordered_map<std::string, std::size_t> seen;
  while (parser.next(record)) {
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    const auto code = row.required_text(*cols[0], "a code");
    const auto value = read(row, *cols[1]);
    if (!code || !value) continue;
    const auto [it, fresh] = seen.emplace(*code, record.line);
    if (!fresh) {
      row.problem(*cols[0], fmt::format("each code once (first at line {})", it->second));
      continue;
    }
    apply(*code, *value, row, *cols[0]);
  }
  return true;
}

}  // namespace pco

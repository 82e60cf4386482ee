#include "model/dated_mapping.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/extract_date.hpp"

namespace pco {

namespace {

std::pair<std::string, std::size_t> split_source(const std::string& source) {
  const auto colon = source.rfind(':');
  if (colon == std::string::npos) return {source, 0};
  try {
    return {source.substr(0, colon), std::stoul(source.substr(colon + 1))};
  } catch (const std::exception&) {
    return {source, 0};
  }
}

}  // namespace

std::string parse_iso_date(std::string_view text, std::string_view what) {
  const auto date = parse_extract_date(text);
  if (!date)
    throw UsageError(fmt::format("{}: got \"{}\", expected a date such as 2026-04-01", what, text));
  return *date;
}

MappingTable mapping_as_of(const MappingTable& table, std::string_view date) {
  MappingTable out;
  out.levels = table.levels;
  out.source_file = table.source_file;
  if (!table.dated) {
    out.rows = table.rows;
    return out;
  }
  // Overlapping periods of one practice: every pair reported.
  std::map<std::string, std::vector<const MappingRow*>> by_practice;
  for (const auto& row : table.rows)
    by_practice[row.practice].push_back(&row);
  DiagnosticList problems;
  for (auto& [practice, rows] : by_practice) {
    std::sort(rows.begin(), rows.end(), [](const MappingRow* a, const MappingRow* b) {
      return a->valid_from < b->valid_from;
    });
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const auto& prev = *rows[i - 1];
      const auto& next = *rows[i];
      if (prev.valid_to.empty() || prev.valid_to >= next.valid_from) {
        const auto [file, line] = split_source(next.source);
        problems.add(
            {file, line, 0, "valid_from", next.valid_from.empty() ? "(open)" : next.valid_from,
             fmt::format("a period after practice {}'s row at {} (valid {} to {})", practice,
                         prev.source, prev.valid_from.empty() ? "(open)" : prev.valid_from,
                         prev.valid_to.empty() ? "(open)" : prev.valid_to)});
      }
    }
  }
  problems.throw_if_any();
  for (const auto& row : table.rows) {
    const bool in_force = date.empty() ? row.valid_to.empty()
                                       : (row.valid_from.empty() || row.valid_from <= date) &&
                                             (row.valid_to.empty() || date <= row.valid_to);
    if (in_force) out.rows.push_back(row);
  }
  return out;
}

}  // namespace pco

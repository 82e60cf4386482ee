#include "governance/csv_input.hpp"

#include <cctype>

namespace pco {

CsvDocument parse_csv_document(std::string_view text, const std::string& file,
                               std::string_view expected_header, DiagnosticList& problems) {
  CsvDocument doc;
  doc.file = file;
  CsvParser parser(text, file, problems);
  CsvRecord record;
  if (!parser.next(record)) {
    problems.add({file, 0, 0, "", "", "a header line: " + std::string(expected_header)});
    return doc;
  }
  doc.header_line = record.line;
  doc.header = CsvHeader(record);
  while (parser.next(record))
    doc.records.push_back(record);
  return doc;
}

std::optional<bool> parse_yes_no(std::string_view text) {
  const auto t = normalise_code(trim(text));
  if (t == "yes" || t == "y" || t == "true" || t == "1") return true;
  if (t == "no" || t == "n" || t == "false" || t == "0") return false;
  return std::nullopt;
}

std::vector<std::string> split_list(std::string_view text, char separator) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find(separator, start), text.size());
    const auto item = trim(text.substr(start, end - start));
    if (!item.empty()) items.emplace_back(item);
    start = end + 1;
  }
  return items;
}

std::string normalise_code(std::string_view text) {
  std::string out;
  for (const char c : trim(text)) {
    if (c == ' ' || c == '-' || c == '/') {
      if (!out.empty() && out.back() != '_') out += '_';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

}  // namespace pco

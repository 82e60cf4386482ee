#pragma once
// Plain tables rendered for a terminal (aligned columns) or as CSV for spreadsheets.

#include <string>
#include <vector>

namespace pco {

struct TextTable {
  std::vector<std::string> headers;
  std::vector<bool> right_align;  // per column; numbers are right-aligned
  std::vector<std::vector<std::string>> rows;

  void add_row(std::vector<std::string> row) { rows.push_back(std::move(row)); }
  std::string render_text() const;
  std::string render_csv() const;
};

// Quotes a CSV field when it contains a comma, quote or line break.
std::string csv_field(const std::string& text);
// 1234567 -> "1,234,567".
std::string with_thousands(long long value);

}  // namespace pco

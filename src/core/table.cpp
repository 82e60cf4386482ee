#include "core/table.hpp"

#include <algorithm>

namespace pco {

namespace {

// Display width of UTF-8 text: count code points, not bytes.
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

}  // namespace

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string with_thousands(long long value) {
  const bool negative = value < 0;
  auto digits = std::to_string(negative ? -value : value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string TextTable::render_text() const {
  std::vector<std::size_t> widths(headers.size(), 0);
  for (std::size_t c = 0; c < headers.size(); ++c)
    widths[c] = display_width(headers[c]);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  }
  std::string out;
  const auto emit = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < row.size() ? row[c] : "";
      const std::size_t pad = widths[c] - display_width(cell);
      const bool right = c < right_align.size() && right_align[c];
      if (c > 0) line += "  ";
      if (right) line += std::string(pad, ' ');
      line += cell;
      if (!right && c + 1 < widths.size()) line += std::string(pad, ' ');
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out += line + '\n';
  };
  emit(headers);
  std::vector<std::string> rule;
  for (const auto w : widths)
    rule.push_back(std::string(w, '-'));
  emit(rule);
  for (const auto& row : rows)
    emit(row);
  return out;
}

std::string TextTable::render_csv() const {
  std::string out;
  const auto emit = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += ',';
      out += csv_field(row[c]);
    }
    out += '\n';
  };
  emit(headers);
  for (const auto& row : rows)
    emit(row);
  return out;
}

}  // namespace pco

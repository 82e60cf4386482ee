#include "core/csv.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace pco {

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && is_space(text.back()))
    text.remove_suffix(1);
  return text;
}

std::string to_upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::optional<double> parse_double(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

CsvParser::CsvParser(std::string_view text, std::string file_name, DiagnosticList& diagnostics)
    : text_(text), file_name_(std::move(file_name)), diagnostics_(&diagnostics) {}

bool CsvParser::next(CsvRecord& record) {
  const std::size_t n = text_.size();
  // Skip blank lines between records.
  while (pos_ < n && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }
  if (pos_ >= n) return false;

  record.line = line_;
  std::size_t used = 0;
  auto start_field = [&]() -> std::string& {
    if (used == record.fields.size()) record.fields.emplace_back();
    auto& f = record.fields[used++];
    f.clear();
    return f;
  };

  std::string* field = &start_field();
  bool reported_stray = false;
  while (pos_ < n) {
    const char c = text_[pos_];
    if (c == '"' && field->empty()) {
      const std::size_t quote_line = line_;
      const std::size_t quote_field = used;
      ++pos_;
      bool closed = false;
      while (pos_ < n) {
        const char q = text_[pos_];
        if (q == '"') {
          if (pos_ + 1 < n && text_[pos_ + 1] == '"') {
            *field += '"';
            pos_ += 2;
            continue;
          }
          ++pos_;
          closed = true;
          break;
        }
        if (q == '\n') ++line_;
        *field += q;
        ++pos_;
      }
      if (!closed) {
        diagnostics_->add({file_name_, quote_line, quote_field, "", field->substr(0, 20),
                           "a closing double quote before the end of the file"});
        break;
      }
      // After a closing quote only a delimiter or the end of the line may follow.
      if (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r' &&
          !reported_stray) {
        diagnostics_->add({file_name_, line_, used, "", std::string(1, text_[pos_]),
                           "a comma or end of line after a closing double quote"});
        reported_stray = true;
      }
      continue;
    }
    if (c == ',') {
      ++pos_;
      field = &start_field();
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++line_;
      break;
    }
    *field += c;
    ++pos_;
  }
  record.fields.resize(used);
  return true;
}

CsvHeader::CsvHeader(const CsvRecord& record) {
  for (const auto& f : record.fields) {
    names_.push_back(std::string(trim(f)));
    normalised_.push_back(to_upper(trim(f)));
  }
}

std::optional<std::size_t> CsvHeader::find(std::initializer_list<std::string_view> names) const {
  for (const auto name : names) {
    const auto wanted = to_upper(name);
    for (std::size_t i = 0; i < normalised_.size(); ++i) {
      if (normalised_[i] == wanted) return i;
    }
  }
  return std::nullopt;
}

std::string CsvHeader::joined() const {
  std::string out;
  for (const auto& n : names_) {
    if (!out.empty()) out += ',';
    out += n;
  }
  return out;
}

std::vector<std::optional<std::size_t>> require_columns(const CsvHeader& header,
                                                        const std::vector<RequiredColumn>& columns,
                                                        const std::string& file, std::size_t line,
                                                        DiagnosticList& diagnostics) {
  std::vector<std::optional<std::size_t>> found;
  std::size_t missing = 0;
  for (const auto& column : columns) {
    std::optional<std::size_t> index;
    for (const auto name : column.names) {
      if (!index) index = header.find({name});
    }
    missing += index ? 0 : 1;
    found.push_back(index);
  }
  if (missing == 0) return found;
  if (missing == columns.size() && columns.size() > 1) {
    std::string all;
    for (const auto& column : columns)
      all += (all.empty() ? "" : ", ") + column.display;
    diagnostics.add({file, line, 0, "header", header.joined(),
                     fmt::format("a header with the columns {}", all)});
    return found;
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (!found[i]) {
      diagnostics.add({file, line, 0, "header", header.joined(),
                       fmt::format("a column named {}", columns[i].display)});
    }
  }
  return found;
}

FieldReader::FieldReader(const std::string& file, const CsvRecord& record, const CsvHeader* header,
                         DiagnosticList& diagnostics)
    : file_(file), record_(record), header_(header), diagnostics_(diagnostics) {}

std::string FieldReader::field_name(std::size_t index) const {
  if (header_ != nullptr && index < header_->size()) return header_->name(index);
  return {};
}

bool FieldReader::expect_field_count(std::size_t expected) {
  if (record_.fields.size() == expected) return true;
  std::string joined;
  for (const auto& f : record_.fields) {
    if (!joined.empty()) joined += ',';
    joined += f;
  }
  diagnostics_.add(
      {file_, record_.line, 0, "", std::move(joined),
       fmt::format("{} comma-separated fields, found {}", expected, record_.fields.size())});
  return false;
}

std::string_view FieldReader::text(std::size_t index) const {
  return index < record_.fields.size() ? std::string_view(record_.fields[index])
                                       : std::string_view();
}

void FieldReader::problem(std::size_t index, std::string_view expected) {
  problem_with_value(index, std::string(text(index)), expected);
}

void FieldReader::problem_with_value(std::size_t index, std::string value,
                                     std::string_view expected) {
  diagnostics_.add(
      {file_, record_.line, index + 1, field_name(index), std::move(value), std::string(expected)});
}

std::optional<std::string> FieldReader::required_text(std::size_t index,
                                                      std::string_view expected) {
  const auto t = trim(text(index));
  if (t.empty()) {
    problem(index, expected);
    return std::nullopt;
  }
  return std::string(t);
}

std::optional<std::int64_t> FieldReader::count(std::size_t index) {
  const auto field = trim(text(index));
  const auto value = parse_int(field);
  if (value && *value >= 0 && *value <= kMaxCount) return value;
  // Digits that do not fit, or a number above any population, are named as too large.
  const bool digits = !field.empty() && field.find_first_not_of("+0123456789") == std::string::npos;
  const bool too_large = value ? *value > kMaxCount : digits;
  problem(index, too_large ? fmt::format("a whole number of 0 or more, at most {} (a count of "
                                         "people)",
                                         kMaxCount)
                           : std::string("a whole number of 0 or more"));
  return std::nullopt;
}

std::optional<std::int64_t> FieldReader::pence(std::size_t index) {
  const auto value = parse_int(trim(text(index)));
  if (value && *value >= 0 && *value <= kMaxPence) return value;
  problem(index, fmt::format("a whole number of pence, 0 to {}", kMaxPence));
  return std::nullopt;
}

std::optional<double> FieldReader::number(std::size_t index, std::string_view expected) {
  const auto value = parse_double(text(index));
  if (!value) {
    problem(index, expected);
    return std::nullopt;
  }
  return value;
}

std::optional<double> FieldReader::number_in(std::size_t index, double lo, double hi) {
  const auto value = parse_double(text(index));
  if (!value || *value < lo || *value > hi) {
    problem(index, fmt::format("a number from {} to {}", lo, hi));
    return std::nullopt;
  }
  return value;
}

}  // namespace pco

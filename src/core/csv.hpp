#pragma once
// RFC 4180 CSV records with the line each starts on, so every problem can be pinned to a
// place in the file. Quoted fields may contain commas, quotes ("") and line breaks.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace pco {

struct CsvRecord {
  std::size_t line = 0;  // 1-based line on which the record starts
  std::vector<std::string> fields;
};

class CsvParser {
 public:
  // `text` must outlive the parser. Structural problems (an unterminated quote, text after a
  // closing quote) are added to `diagnostics` and parsing continues where it sensibly can.
  CsvParser(std::string_view text, std::string file_name, DiagnosticList& diagnostics);

  // Reads the next non-blank record into `record`, reusing its storage. False at the end.
  bool next(CsvRecord& record);

  const std::string& file_name() const { return file_name_; }

 private:
  std::string_view text_;
  std::string file_name_;
  DiagnosticList* diagnostics_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

// Finds columns by heading, ignoring case and surrounding spaces.
class CsvHeader {
 public:
  CsvHeader() = default;
  explicit CsvHeader(const CsvRecord& record);

  // Index of the first heading among `names`, or nullopt.
  std::optional<std::size_t> find(std::initializer_list<std::string_view> names) const;
  std::size_t size() const { return names_.size(); }
  const std::string& name(std::size_t index) const { return names_.at(index); }
  std::string joined() const;

 private:
  std::vector<std::string> names_;
  std::vector<std::string> normalised_;
};

struct RequiredColumn {
  std::string display;                  // as shown in messages, e.g. "CODE (or ORG_CODE)"
  std::vector<std::string_view> names;  // accepted headings
};

// Finds each required column. Reports each missing one; when none is found at all (a file of
// another kind, or not CSV), reports one problem listing the whole expected header instead.
// Returns one index per column; nullopt where missing.
std::vector<std::optional<std::size_t>> require_columns(const CsvHeader& header,
                                                        const std::vector<RequiredColumn>& columns,
                                                        const std::string& file, std::size_t line,
                                                        DiagnosticList& diagnostics);

// Checks the fields of one record and records every problem against its file, line and
// column. Each getter returns nullopt (and records a diagnostic) when the field is bad.
class FieldReader {
 public:
  FieldReader(const std::string& file, const CsvRecord& record, const CsvHeader* header,
              DiagnosticList& diagnostics);

  // Records a problem unless the record has exactly `expected` fields.
  bool expect_field_count(std::size_t expected);
  bool has(std::size_t index) const { return index < record_.fields.size(); }

  std::string_view text(std::size_t index) const;
  // Non-empty text with surrounding spaces removed.
  std::optional<std::string> required_text(std::size_t index, std::string_view expected);
  // A whole number from 0 to kMaxCount (a count of patients).
  std::optional<std::int64_t> count(std::size_t index);
  // A whole number of pence from 0 to kMaxPence (an allocation: billions of pounds).
  std::optional<std::int64_t> pence(std::size_t index);
  std::optional<double> number(std::size_t index, std::string_view expected);
  std::optional<double> number_in(std::size_t index, double lo, double hi);

  // Records a problem with the field at `index`.
  void problem(std::size_t index, std::string_view expected);
  void problem_with_value(std::size_t index, std::string value, std::string_view expected);

  std::size_t line() const { return record_.line; }

 private:
  std::string field_name(std::size_t index) const;

  const std::string& file_;
  const CsvRecord& record_;
  const CsvHeader* header_;
  DiagnosticList& diagnostics_;
};

std::string_view trim(std::string_view text);
std::string to_upper(std::string_view text);
std::optional<std::int64_t> parse_int(std::string_view text);

// The largest count of people one field may hold: far above any population (England has
// about 6.3e7 registered patients) yet small enough that sums over every cell of millions of
// practices cannot overflow 64 bits (those sums are checked all the same).
inline constexpr std::int64_t kMaxCount = 1'000'000'000;

// The largest sum of money one field may hold, in pence: £10 trillion, a hundred times NHS
// England's budget, yet small enough that sums over thousands of organisations cannot overflow.
inline constexpr std::int64_t kMaxPence = 1'000'000'000'000'000;
std::optional<double> parse_double(std::string_view text);

}  // namespace pco

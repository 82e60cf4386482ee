#pragma once
// Typed errors of the pco library. Nothing in the library exits the process: the edges (CLI,
// server) turn these into exit codes and HTTP statuses.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace pco {

// One problem found in an input, with enough context for a user to fix it without guessing.
struct Diagnostic {
  std::string file;
  std::size_t line = 0;    // 1-based; 0 when the problem is not tied to a line
  std::size_t column = 0;  // 1-based field number (CSV) or character column (TOML); 0 if none
  std::string field;       // column heading or key name, when known
  std::string value;       // the offending text, as found
  std::string expected;    // what would have been accepted

  // "file:line:column: FIELD: got "VALUE", expected EXPECTED"
  std::string to_string() const;
};

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The user asked for something that cannot be done (bad flag value, inconsistent options).
class UsageError : public Error {
 public:
  using Error::Error;
};

// A file could not be opened, read or written.
class IoError : public Error {
 public:
  using Error::Error;
};

// One or more problems in input data. All problems of a file are reported together.
class InputError : public Error {
 public:
  InputError(std::vector<Diagnostic> diagnostics, std::size_t total_count);
  explicit InputError(Diagnostic diagnostic);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // Number of problems found, which can exceed diagnostics().size() when the list was capped.
  std::size_t total_count() const { return total_count_; }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::size_t total_count_;
};

// Collects the problems of one input so that they can all be reported at once. The list is
// capped so that a binary file does not produce millions of lines, but the count is kept.
class DiagnosticList {
 public:
  static constexpr std::size_t kMaxKept = 100;

  void add(Diagnostic diagnostic);
  void append(const DiagnosticList& other);
  bool empty() const { return total_count_ == 0; }
  std::size_t size() const { return total_count_; }
  const std::vector<Diagnostic>& items() const { return items_; }
  // Orders the kept problems by file position (problems without a line go last).
  void sort_by_position();
  // Throws InputError when any problem was recorded.
  void throw_if_any() const;

 private:
  std::vector<Diagnostic> items_;
  std::size_t total_count_ = 0;
};

// Escapes bytes that would garble a terminal and shortens long values, for use in messages.
std::string printable(std::string_view text, std::size_t max_length = 60);

}  // namespace pco

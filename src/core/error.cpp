#include "core/error.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace pco {

std::string printable(std::string_view text, std::size_t max_length) {
  std::string out;
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (shown >= max_length) {
      out += "...";
      break;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
    ++shown;
  }
  return out;
}

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (line > 0) {
    out += fmt::format(":{}", line);
    if (column > 0) out += fmt::format(":{}", column);
  }
  out += ": ";
  if (!field.empty()) out += field + ": ";
  out += fmt::format("got \"{}\", expected {}", printable(value, 80), expected);
  return out;
}

namespace {
std::string summarise(const std::vector<Diagnostic>& diagnostics, std::size_t total_count) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.to_string();
  }
  if (total_count > diagnostics.size()) {
    out += fmt::format("\n... and {} more problems", total_count - diagnostics.size());
  }
  return out;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics, std::size_t total_count)
    : Error(summarise(diagnostics, total_count)),
      diagnostics_(std::move(diagnostics)),
      total_count_(total_count) {}

InputError::InputError(Diagnostic diagnostic)
    : InputError(std::vector<Diagnostic>{std::move(diagnostic)}, 1) {}

void DiagnosticList::add(Diagnostic diagnostic) {
  ++total_count_;
  if (items_.size() < kMaxKept) items_.push_back(std::move(diagnostic));
}

void DiagnosticList::append(const DiagnosticList& other) {
  for (const auto& d : other.items_)
    add(d);
  total_count_ += other.total_count_ - other.items_.size();
}

void DiagnosticList::sort_by_position() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const auto key = [](const Diagnostic& d) {
      return std::make_pair(d.line == 0 ? SIZE_MAX : d.line, d.column);
    };
    return key(a) < key(b);
  });
}

void DiagnosticList::throw_if_any() const {
  if (!empty()) throw InputError(items_, total_count_);
}

}  // namespace pco

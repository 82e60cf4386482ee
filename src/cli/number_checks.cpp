#include "cli/number_checks.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include <fmt/format.h>

namespace pco::cli {

namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// CLI11 names a type by the first word of its type name ("FLOAT:FLOAT in [0 - 2]" once a
// Range is added).
std::string base_type(const std::string& type_name) {
  return type_name.substr(0, type_name.find_first_of(": "));
}

}  // namespace

std::optional<std::string> numeric_text_problem(const std::string& type_name,
                                                const std::string& text) {
  const auto type = base_type(type_name);
  const auto value = trimmed(text);
  if (type == "FLOAT") {
    errno = 0;
    char* end = nullptr;
    const double x = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size()) return std::nullopt;  // CLI11 says
    if (std::isnan(x)) return fmt::format("{} is not a number; expected a finite number", text);
    if (std::isinf(x) || errno == ERANGE) {
      if (std::isinf(x) || std::fabs(x) > 1) {
        return fmt::format("{} is infinite or too large; expected a finite number", text);
      }
    }
    return std::nullopt;
  }
  if (type == "INT" || type == "UINT") {
    const bool is_unsigned = type == "UINT";
    std::string_view digits = value;
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    if (is_unsigned && !digits.empty() && digits.front() == '-') {
      return fmt::format("{} is negative; expected a whole number >= 0", text);
    }
    const auto* last = digits.data() + digits.size();
    std::errc ec{};
    if (is_unsigned) {
      std::uint64_t v = 0;
      ec = std::from_chars(digits.data(), last, v).ec;
    } else {
      std::int64_t v = 0;
      ec = std::from_chars(digits.data(), last, v).ec;
    }
    if (ec == std::errc::result_out_of_range) {
      return fmt::format("{} is out of range; expected a whole number from {} to {}", text,
                         is_unsigned ? "0" : std::to_string(INT64_MIN),
                         is_unsigned ? std::to_string(UINT64_MAX) : std::to_string(INT64_MAX));
    }
    return std::nullopt;  // anything else malformed is CLI11's to report
  }
  return std::nullopt;
}

void require_finite_numbers(CLI::App& app) {
  for (auto* option : app.get_options()) {
    const auto type = base_type(option->get_type_name());
    if (type != "FLOAT" && type != "INT" && type != "UINT") continue;
    // An empty description keeps the help text (and docs/cli.md) unchanged.
    option->check(CLI::Validator(
        [type](std::string& text) { return numeric_text_problem(type, text).value_or(""); }, "",
        "finite"));
  }
  for (auto* sub : app.get_subcommands([](CLI::App*) { return true; }))
    require_finite_numbers(*sub);
}

}  // namespace pco::cli

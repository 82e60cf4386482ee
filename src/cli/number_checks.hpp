#pragma once
// Every numeric option of every command refuses NaN, infinities and values outside its type's
// range (exit 2), whatever range check the option itself adds. CLI11 parses "nan" and "inf" as
// doubles and a Range check passes NaN (every comparison with it is false), and it wraps
// "-1" or 2^64 into an unsigned option, so the check is made on the text, before conversion.

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace pco::cli {

// The problem with `text` as a number of CLI11 type `type_name` ("FLOAT", "INT", "UINT"), or
// nullopt when it is a finite number within range (or the type is not numeric).
std::optional<std::string> numeric_text_problem(const std::string& type_name,
                                                const std::string& text);

// Adds the check to every numeric option of `app` and of all its subcommands. Call once, after
// every command is registered.
void require_finite_numbers(CLI::App& app);

}  // namespace pco::cli

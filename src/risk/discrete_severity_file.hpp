#pragma once
// Discrete severities read from CSV: one row per cost with its probability, e.g. tariff prices
// and the share of spells paid at each.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

#include "risk/severity.hpp"

namespace pco {

// Header `value,probability` (also accepted: cost, amount or price; prob or p). Every problem
// in the file (bad numbers, negative values, probabilities outside [0, 1] or not summing to 1
// within 1e-9) is reported at once as an InputError naming file, line and column.
Severity parse_discrete_severity(const std::string& file_name, const std::string& text);
Severity read_discrete_severity(const std::filesystem::path& path);

// The last step of every discrete-severity reader: when the rows were clean, adds the
// whole-file problems (no `rows_wanted` row; weights not summing to 1 within 1e-9, reported
// against `weight_column`), then throws everything found or builds the severity.
struct DiscreteSeverityRows {
  std::vector<double> values;
  std::vector<double> probabilities;
  double total_weight = 0;
};
Severity finish_discrete_severity(DiagnosticList& diagnostics, const std::string& file_name,
                                  DiscreteSeverityRows rows, std::string_view rows_wanted,
                                  std::string_view weight_column, std::string_view weights_plural);

}  // namespace pco

#pragma once
// Discrete severities read from CSV: one row per cost with its probability, e.g. tariff prices
// and the share of spells paid at each.

#include <filesystem>
#include <string>

#include "risk/severity.hpp"

namespace pco {

// Header `value,probability` (also accepted: cost, amount or price; prob or p). Every problem
// in the file (bad numbers, negative values, probabilities outside [0, 1] or not summing to 1
// within 1e-9) is reported at once as an InputError naming file, line and column.
Severity parse_discrete_severity(const std::string& file_name, const std::string& text);
Severity read_discrete_severity(const std::filesystem::path& path);

}  // namespace pco

#include "risk/discrete_severity_file.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace pco {

Severity parse_discrete_severity(const std::string& file_name, const std::string& text) {
  DiagnosticList diagnostics;
  CsvParser parser(text, file_name, diagnostics);
  CsvRecord record;
  if (!parser.next(record)) {
    diagnostics.add(Diagnostic{file_name, 0, 0, "", "", "a header line value,probability"});
    diagnostics.throw_if_any();
  }
  const CsvHeader header(record);
  const auto columns =
      require_columns(header,
                      {{"value (or cost, amount, price)", {"value", "cost", "amount", "price"}},
                       {"probability (or prob, p)", {"probability", "prob", "p"}}},
                      file_name, record.line, diagnostics);
  if (!columns[0] || !columns[1]) {
    diagnostics.throw_if_any();
  }
  std::vector<double> values;
  std::vector<double> probabilities;
  double total = 0;
  while (parser.next(record)) {
    FieldReader reader(file_name, record, &header, diagnostics);
    if (!reader.expect_field_count(header.size())) continue;
    const auto value = reader.number(*columns[0], "a cost of 0 or more");
    const bool value_ok = value.has_value() && *value >= 0;
    if (value.has_value() && !value_ok) reader.problem(*columns[0], "a cost of 0 or more");
    const auto probability = reader.number_in(*columns[1], 0.0, 1.0);
    if (value_ok && probability) {
      values.push_back(*value);
      probabilities.push_back(*probability);
      total += *probability;
    }
  }
  return finish_discrete_severity(diagnostics, file_name,
                                  {std::move(values), std::move(probabilities), total},
                                  "value,probability", "probability", "probabilities");
}

Severity finish_discrete_severity(DiagnosticList& diagnostics, const std::string& file_name,
                                  DiscreteSeverityRows rows, std::string_view rows_wanted,
                                  std::string_view weight_column, std::string_view weights_plural) {
  if (diagnostics.empty()) {
    if (rows.values.empty()) {
      diagnostics.add(
          Diagnostic{file_name, 0, 0, "", "", fmt::format("at least one {} row", rows_wanted)});
    } else if (std::fabs(rows.total_weight - 1.0) > 1e-9) {
      diagnostics.add(Diagnostic{file_name, 0, 0, std::string(weight_column),
                                 fmt::format("sum {:.12g}", rows.total_weight),
                                 fmt::format("{} summing to 1 (within 1e-9)", weights_plural)});
    }
  }
  diagnostics.sort_by_position();
  diagnostics.throw_if_any();
  return Severity::discrete(std::move(rows.values), std::move(rows.probabilities));
}

Severity read_discrete_severity(const std::filesystem::path& path) {
  return parse_discrete_severity(path.string(), read_text_file(path));
}

}  // namespace pco

#include "risk/discrete_severity_file.hpp"

#include <cmath>
#include <limits>

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
    const auto value = reader.number_in(*columns[0], 0.0, std::numeric_limits<double>::max());
    const auto probability = reader.number_in(*columns[1], 0.0, 1.0);
    if (value && probability) {
      values.push_back(*value);
      probabilities.push_back(*probability);
      total += *probability;
    }
  }
  if (diagnostics.empty()) {
    if (values.empty()) {
      diagnostics.add(Diagnostic{file_name, 0, 0, "", "", "at least one value,probability row"});
    } else if (std::fabs(total - 1.0) > 1e-9) {
      diagnostics.add(Diagnostic{file_name, 0, 0, "probability", fmt::format("sum {:.12g}", total),
                                 "probabilities summing to 1 (within 1e-9)"});
    }
  }
  diagnostics.sort_by_position();
  diagnostics.throw_if_any();
  return Severity::discrete(std::move(values), std::move(probabilities));
}

Severity read_discrete_severity(const std::filesystem::path& path) {
  return parse_discrete_severity(path.string(), read_text_file(path));
}

}  // namespace pco

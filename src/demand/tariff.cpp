#include "demand/tariff.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "risk/discrete_severity_file.hpp"

namespace pco {

Severity parse_tariff(const std::string& file_name, const std::string& text) {
  DiagnosticList diagnostics;
  CsvParser parser(text, file_name, diagnostics);
  CsvRecord record;
  if (!parser.next(record)) {
    diagnostics.add(Diagnostic{file_name, 0, 0, "", "", "a header line category,price,share"});
    diagnostics.throw_if_any();
  }
  const CsvHeader header(record);
  const auto columns = require_columns(header,
                                       {{"category", {"category", "hrg", "code"}},
                                        {"price", {"price", "tariff"}},
                                        {"share", {"share", "proportion"}}},
                                       file_name, record.line, diagnostics);
  if (!columns[0] || !columns[1] || !columns[2]) diagnostics.throw_if_any();
  const auto excess_share = header.find({"excess_share"});
  const auto excess_days = header.find({"excess_days"});
  const auto excess_price = header.find({"excess_day_price"});
  if (excess_share && (!excess_days || !excess_price)) {
    diagnostics.add(Diagnostic{file_name, record.line, *excess_share + 1, "excess_share", "",
                               "excess_days and excess_day_price columns with excess_share"});
  }
  constexpr double kMax = std::numeric_limits<double>::max();
  std::vector<double> values;
  std::vector<double> probabilities;
  double total = 0;
  while (parser.next(record)) {
    FieldReader reader(file_name, record, &header, diagnostics);
    if (!reader.expect_field_count(header.size())) continue;
    reader.required_text(*columns[0], "a category name");
    const auto price = reader.number_in(*columns[1], 0.0, kMax);
    const auto share = reader.number_in(*columns[2], 0.0, 1.0);
    double long_share = 0;
    double add_on = 0;
    if (excess_share && excess_days && excess_price) {
      const auto s = reader.number_in(*excess_share, 0.0, 1.0);
      const auto d = reader.number_in(*excess_days, 0.0, kMax);
      const auto p = reader.number_in(*excess_price, 0.0, kMax);
      if (s && d && p) {
        long_share = *s;
        add_on = *d * *p;
      }
    }
    if (!price || !share) continue;
    total += *share;
    values.push_back(*price);
    probabilities.push_back(*share * (1 - long_share));
    if (long_share > 0) {
      values.push_back(*price + add_on);
      probabilities.push_back(*share * long_share);
    }
  }
  return finish_discrete_severity(diagnostics, file_name,
                                  {std::move(values), std::move(probabilities), total}, "category",
                                  "share", "shares");
}

Severity read_tariff(const std::filesystem::path& path) {
  return parse_tariff(path.string(), read_text_file(path));
}

}  // namespace pco

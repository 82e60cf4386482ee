#include "readers/ods_trusts.hpp"

#include <unordered_map>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "readers/ods_practices.hpp"

namespace pco {

namespace {

constexpr std::size_t kColumns = kOdsColumns;
// 0-based positions of the columns kept (the ODS specification numbers them from 1).
constexpr std::size_t kCode = 0, kName = 1, kRegion = 2, kIcb = 3, kPostcode = 9, kOpen = 10,
                      kClose = 11;

}  // namespace

std::vector<OdsTrust> parse_ods_trusts(const TextFile& file) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  std::vector<OdsTrust> out;
  std::unordered_map<std::string, std::size_t> first_line;
  static const CsvHeader kNames = ods_column_names({{kCode, "code"},
                                                    {kName, "name"},
                                                    {kRegion, "region"},
                                                    {kIcb, "ICB"},
                                                    {kPostcode, "postcode"},
                                                    {kOpen, "open date"},
                                                    {kClose, "close date"}});
  while (parser.next(record)) {
    FieldReader row(file.name, record, &kNames, problems);
    if (!row.expect_field_count(kColumns)) continue;
    const auto code = row.required_text(kCode, "an organisation code");
    const auto open = parse_ods_date(row.text(kOpen));
    if (!open) row.problem(kOpen, "a date as CCYYMMDD or nothing");
    const auto close = parse_ods_date(row.text(kClose));
    if (!close) row.problem(kClose, "a date as CCYYMMDD or nothing");
    if (!code || !open || !close) continue;
    const auto [it, fresh] = first_line.emplace(*code, record.line);
    if (!fresh) {
      row.problem(kCode, fmt::format("each organisation once (first at line {})", it->second));
      continue;
    }
    OdsTrust t;
    t.code = *code;
    t.name = std::string(trim(row.text(kName)));
    t.region = std::string(trim(row.text(kRegion)));
    t.icb = std::string(trim(row.text(kIcb)));
    t.postcode = std::string(trim(row.text(kPostcode)));
    t.open_date = *open;
    t.close_date = *close;
    t.source = fmt::format("{}:{}", file.name, record.line);
    out.push_back(std::move(t));
  }
  if (out.empty() && problems.empty())
    problems.add({file.name, 0, 0, "", "", "at least one trust row (ODS etr layout)"});
  problems.throw_if_any();
  return out;
}

}  // namespace pco

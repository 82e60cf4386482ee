#include "readers/ods_practices.hpp"

#include <unordered_map>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"

namespace pco {

namespace {

constexpr std::size_t kColumns = kOdsColumns;
// 0-based positions of the columns kept (the ODS specification numbers them from 1).
constexpr std::size_t kCode = 0, kName = 1, kPostcode = 9, kOpen = 10, kClose = 11, kStatus = 12,
                      kCommissioner = 14, kSetting = 25;

}  // namespace

// ODS dates are CCYYMMDD or empty.
std::optional<std::string> parse_ods_date(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::string();
  if (text.size() != 8) return std::nullopt;
  const auto value = parse_int(text);
  if (!value) return std::nullopt;
  const auto year = *value / 10000, month = *value / 100 % 100, day = *value % 100;
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

CsvHeader ods_column_names(std::initializer_list<std::pair<std::size_t, const char*>> names) {
  CsvRecord r;
  r.fields.assign(kOdsColumns, "");
  for (const auto& [index, name] : names)
    r.fields[index] = name;
  return CsvHeader(r);
}

std::vector<OdsPractice> parse_epraccur(const TextFile& file) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  std::vector<OdsPractice> out;
  std::unordered_map<std::string, std::size_t> first_line;
  static const CsvHeader kNames = ods_column_names({{kCode, "code"},
                                                    {kName, "name"},
                                                    {kPostcode, "postcode"},
                                                    {kOpen, "open date"},
                                                    {kClose, "close date"},
                                                    {kStatus, "status"},
                                                    {kCommissioner, "commissioner"},
                                                    {kSetting, "prescribing setting"}});
  while (parser.next(record)) {
    FieldReader row(file.name, record, &kNames, problems);
    if (!row.expect_field_count(kColumns)) continue;
    OdsPractice p;
    const auto code = row.required_text(kCode, "an organisation code");
    const auto status = to_upper(trim(row.text(kStatus)));
    if (status == "A")
      p.status = PracticeStatus::active;
    else if (status == "C")
      p.status = PracticeStatus::closed;
    else if (status == "D")
      p.status = PracticeStatus::dormant;
    else if (status == "P")
      p.status = PracticeStatus::proposed;
    else
      row.problem(kStatus, "A, C, D or P");
    const auto open = parse_ods_date(row.text(kOpen));
    if (!open) row.problem(kOpen, "a date as CCYYMMDD or nothing");
    const auto close = parse_ods_date(row.text(kClose));
    if (!close) row.problem(kClose, "a date as CCYYMMDD or nothing");
    const auto setting_text = trim(row.text(kSetting));
    const auto setting =
        setting_text.empty() ? std::optional<std::int64_t>(0) : parse_int(setting_text);
    if (!setting || *setting < 0 || *setting > 99) {
      row.problem(kSetting, "a prescribing setting code 0-99 or nothing");
    }
    if (!code || p.status == PracticeStatus::unknown || !open || !close || !setting ||
        *setting < 0 || *setting > 99) {
      continue;
    }
    const auto [it, fresh] = first_line.emplace(*code, record.line);
    if (!fresh) {
      row.problem(kCode, fmt::format("each organisation once (first at line {})", it->second));
      continue;
    }
    p.code = *code;
    p.name = std::string(trim(row.text(kName)));
    p.postcode = std::string(trim(row.text(kPostcode)));
    p.open_date = *open;
    p.close_date = *close;
    p.commissioner = std::string(trim(row.text(kCommissioner)));
    p.prescribing_setting = static_cast<int>(*setting);
    p.source = fmt::format("{}:{}", file.name, record.line);
    out.push_back(std::move(p));
  }
  if (out.empty() && problems.empty()) {
    problems.add({file.name, 0, 0, "", "", "at least one practice row"});
  }
  problems.throw_if_any();
  return out;
}

std::size_t apply_ods(Population& population, const std::vector<OdsPractice>& records) {
  std::size_t found = 0;
  for (const auto& r : records) {
    auto* p = population.find(r.code);
    if (p == nullptr) continue;
    ++found;
    if (p->name.empty()) p->name = r.name;
    if (p->postcode.empty()) p->postcode = r.postcode;
    p->status = r.status;
  }
  return found;
}

MappingTable ods_commissioner_mapping(const std::vector<OdsPractice>& records,
                                      const std::string& source_file) {
  MappingTable table;
  table.levels = {"commissioner"};
  table.source_file = source_file;
  for (const auto& r : records) {
    if (r.prescribing_setting != kOdsGpPracticeSetting || r.commissioner.empty()) continue;
    table.rows.push_back({r.code, {OrgRef{r.commissioner, ""}}, r.source, {}, {}});
  }
  return table;
}

}  // namespace pco

#include "readers/trusts.hpp"

#include <array>
#include <unordered_map>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "readers/ods_practices.hpp"

namespace pco {

namespace {

constexpr std::size_t kColumns = kOdsColumns;
// 0-based positions (the ODS specification numbers columns from 1).
constexpr std::size_t kCode = 0, kName = 1, kRegion = 2, kIcb = 3, kPostcode = 9, kOpen = 10,
                      kClose = 11;

constexpr std::array<std::string_view, 6> kKindLabels = {"acute",     "specialist", "mental_health",
                                                         "community", "ambulance",  "other"};

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
  for (const auto w : words)
    if (text.find(w) != std::string_view::npos) return true;
  return false;
}

}  // namespace

std::string_view trust_kind_label(TrustKind kind) {
  return kKindLabels[static_cast<std::size_t>(kind)];
}

std::optional<TrustKind> parse_trust_kind(std::string_view text) {
  auto t = std::string(trim(text));
  for (auto& c : t)
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a')
                               : (c == ' ' || c == '-' ? '_' : c);
  for (std::size_t i = 0; i < kKindLabels.size(); ++i)
    if (t == kKindLabels[i]) return static_cast<TrustKind>(i);
  return std::nullopt;
}

bool Trust::open_on(std::string_view date) const {
  if (!open_date.empty() && open_date > date) return false;
  return close_date.empty() || close_date >= date;
}

std::vector<Trust> parse_etr(const TextFile& file) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  static const CsvHeader kNames = ods_column_names({{kCode, "code"},
                                                    {kName, "name"},
                                                    {kRegion, "national grouping"},
                                                    {kIcb, "high level health geography"},
                                                    {kPostcode, "postcode"},
                                                    {kOpen, "open date"},
                                                    {kClose, "close date"}});
  std::vector<Trust> out;
  std::unordered_map<std::string, std::size_t> first_line;
  while (parser.next(record)) {
    FieldReader row(file.name, record, &kNames, problems);
    if (!row.expect_field_count(kColumns)) continue;
    const auto code = row.required_text(kCode, "a trust code");
    const auto open = parse_ods_date(row.text(kOpen));
    if (!open) row.problem(kOpen, "a date as CCYYMMDD or nothing");
    const auto close = parse_ods_date(row.text(kClose));
    if (!close) row.problem(kClose, "a date as CCYYMMDD or nothing");
    if (!code || !open || !close) continue;
    const auto [it, fresh] = first_line.emplace(*code, record.line);
    if (!fresh) {
      row.problem(kCode, fmt::format("each trust once (first at line {})", it->second));
      continue;
    }
    Trust t;
    t.code = *code;
    t.name = std::string(trim(row.text(kName)));
    t.region = std::string(trim(row.text(kRegion)));
    t.icb = std::string(trim(row.text(kIcb)));
    t.postcode = std::string(trim(row.text(kPostcode)));
    t.open_date = *open;
    t.close_date = *close;
    t.kind = classify_trust(t.name);
    t.source = fmt::format("{}:{}", file.name, record.line);
    out.push_back(std::move(t));
  }
  if (out.empty() && problems.empty())
    problems.add({file.name, 0, 0, "", "", "at least one trust row (ODS etr layout)"});
  problems.throw_if_any();
  return out;
}

std::vector<Trust> read_etr_file(const std::filesystem::path& path) {
  return parse_etr({path.string(), read_text_file(path)});
}

TrustKind classify_trust(std::string_view raw_name) {
  const auto name = to_upper(raw_name);
  if (contains_any(name, {"AMBULANCE"})) return TrustKind::ambulance;
  if (contains_any(name, {"MENTAL HEALTH", "PARTNERSHIP", "MERSEY CARE", "PENNINE CARE",
                          "COMBINED HEALTHCARE", "MAUDSLEY", "OXLEAS", "TAVISTOCK"}))
    return TrustKind::mental_health;
  if (contains_any(name, {"COMMUNITY"})) return TrustKind::community;
  if (contains_any(name, {"CHILDREN", "ORTHOPAEDIC", "EYE HOSPITAL", "CANCER", "CHRISTIE",
                          "MARSDEN", "HEART AND CHEST", "PAPWORTH", "WALTON CENTRE", "WOMEN'S",
                          "QUEEN VICTORIA HOSPITAL"}))
    return TrustKind::specialist;
  return TrustKind::acute;
}

void apply_trust_kinds(std::vector<Trust>& trusts, const TextFile& file) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  if (!parser.next(record)) throw InputError({file.name, 0, 0, "", "", "a header code,kind"});
  const CsvHeader header(record);
  const auto cols =
      require_columns(header, {{"code", {"code", "trust", "provider"}}, {"kind", {"kind"}}},
                      file.name, record.line, problems);
  problems.throw_if_any();
  std::unordered_map<std::string, Trust*> by_code;
  for (auto& t : trusts)
    by_code.emplace(t.code, &t);
  std::unordered_map<std::string, std::size_t> seen;
  while (parser.next(record)) {
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    const auto code = row.required_text(*cols[0], "a trust code");
    const auto kind = parse_trust_kind(row.text(*cols[1]));
    if (!kind)
      row.problem(*cols[1], "acute, specialist, mental_health, community, ambulance or other");
    if (!code || !kind) continue;
    if (!seen.emplace(*code, record.line).second) {
      row.problem(*cols[0], "each trust once");
      continue;
    }
    const auto it = by_code.find(*code);
    if (it == by_code.end()) {
      row.problem(*cols[0], "a trust of the trust list");
      continue;
    }
    it->second->kind = *kind;
    it->second->kind_from_file = true;
  }
  problems.throw_if_any();
}

std::vector<std::string> locate_trusts(std::vector<Trust>& trusts,
                                       const PostcodeDistricts& districts) {
  std::vector<std::string> unplaced;
  for (auto& t : trusts) {
    const auto it = districts.find(outward_code(t.postcode));
    if (it == districts.end()) {
      unplaced.push_back(t.code);
      continue;
    }
    t.location = it->second;
  }
  return unplaced;
}

std::vector<Trust> open_trusts(const std::vector<Trust>& trusts, std::string_view date) {
  std::vector<Trust> out;
  for (const auto& t : trusts)
    if (date.empty() ? t.close_date.empty() : t.open_on(date)) out.push_back(t);
  return out;
}

}  // namespace pco

#include "readers/rtt_activity.hpp"

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/zip_text.hpp"

namespace pco {

RttActivity parse_rtt_activity(const TextFile& file) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  if (!parser.next(record))
    throw InputError({file.name, 0, 0, "", "", "a header line and at least one row"});
  const CsvHeader header(record);
  const auto cols = require_columns(header,
                                    {{"Period", {"Period"}},
                                     {"Provider Org Code", {"Provider Org Code"}},
                                     {"Provider Org Name", {"Provider Org Name"}},
                                     {"RTT Part Type", {"RTT Part Type"}},
                                     {"Treatment Function Code", {"Treatment Function Code"}},
                                     {"Total All", {"Total All"}}},
                                    file.name, record.line, problems);
  problems.throw_if_any();
  const auto period = *cols[0], code = *cols[1], name = *cols[2], part = *cols[3],
             function = *cols[4], total = *cols[5];
  RttActivity out;
  out.source_file = file.name;
  std::size_t rows = 0;
  while (parser.next(record)) {
    ++rows;
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    if (out.period.empty()) out.period = std::string(trim(row.text(period)));
    if (trim(row.text(part)) != "Part_2") continue;
    const auto tf = std::string(trim(row.text(function)));
    if (tf == "C_999") continue;
    const auto provider = row.required_text(code, "a provider code");
    const auto pathways = row.count(total);
    if (!provider || !pathways) continue;
    auto& p = out.providers[*provider];
    if (p.code.empty()) {
      p.code = *provider;
      p.name = std::string(trim(row.text(name)));
    }
    p.incomplete += *pathways;
    p.by_function[tf] += *pathways;
  }
  if (rows == 0) problems.add({file.name, 0, 0, "", "", "at least one row after the header"});
  problems.throw_if_any();
  return out;
}

RttActivity read_rtt_activity_file(const std::filesystem::path& path) {
  return parse_rtt_activity({path.string(), read_text_or_zipped_csv(path)});
}

std::vector<std::string> classify_trusts_by_activity(std::vector<Trust>& trusts,
                                                     const RttActivity& activity,
                                                     const ActivityRule& rule) {
  std::vector<std::string> without;
  for (auto& t : trusts) {
    if (t.kind_from_file) continue;
    const auto named = classify_trust(t.name);
    const auto it = activity.providers.find(t.code);
    int functions = 0;
    if (it != activity.providers.end()) {
      for (const auto& [tf, n] : it->second.by_function)
        if (n >= rule.min_pathways) ++functions;
    } else {
      without.push_back(t.code);
    }
    if (functions >= rule.acute_functions) {
      t.kind = TrustKind::acute;
    } else if (named != TrustKind::acute) {
      t.kind = named;
    } else if (functions > 0) {
      t.kind = TrustKind::specialist;
    } else if (it == activity.providers.end() &&
               to_upper(t.name).find("HOSPITAL") != std::string::npos) {
      t.kind = TrustKind::acute;  // a hospital trust that reported no waiting list this month
    } else {
      t.kind = TrustKind::other;
    }
  }
  return without;
}

}  // namespace pco

#include "geo/succession.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace pco {

CodeLookup read_code_lookup(const TextFile& file) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  if (!parser.next(record))
    throw InputError({file.name, 0, 0, "", "", "a header such as CCG20CD,CCG20CDH,CCG20NM"});
  const CsvHeader header(record);
  std::optional<std::size_t> ons, ods, name;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const auto h = to_upper(header.name(c));
    if (h.ends_with("CDH"))
      ods = c;
    else if (h.ends_with("CD"))
      ons = c;
    else if (h.ends_with("NM"))
      name = c;
  }
  if (!ons || !ods) {
    throw InputError({file.name, record.line, 0, "header", header.joined(),
                      "a column ending in CD (ONS code) and one ending in CDH (ODS code)"});
  }
  CodeLookup out;
  while (parser.next(record)) {
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    const auto a = row.required_text(*ons, "an ONS code");
    const auto b = row.required_text(*ods, "an ODS code");
    if (!a || !b) continue;
    out.by_ons[*a] = {*b, name ? std::string(trim(row.text(*name))) : std::string()};
  }
  problems.throw_if_any();
  return out;
}

SuccessionPlan plan_successions(const AreaIndex& before, const AreaIndex& after,
                                const CodeLookup* before_codes, const CodeLookup* after_codes,
                                double split_share, int samples) {
  const auto code_of = [](const CodeLookup* lookup, const std::string& ons) {
    if (lookup == nullptr) return ons;
    const auto it = lookup->by_ons.find(ons);
    return it == lookup->by_ons.end() ? ons : it->second.first;
  };
  SuccessionPlan plan;
  plan.before_count = before.areas().size();
  plan.after_count = after.areas().size();
  std::map<std::string, Successor> by_new;
  for (const auto& b : after.areas())
    by_new[b.code] = {code_of(after_codes, b.code), b.name, {}};
  for (const auto& s : area_successions(before, after, samples)) {
    if (s.after.empty() || s.after.front().first.empty()) {
      plan.split.push_back(s);  // outside every new area
      continue;
    }
    const auto& [main, share] = s.after.front();
    by_new[main].predecessors.emplace_back(code_of(before_codes, s.before_code), share);
    if (share < 1.0 - split_share) plan.split.push_back(s);
  }
  for (auto& [code, successor] : by_new) {
    std::sort(successor.predecessors.begin(), successor.predecessors.end());
    if (successor.predecessors.size() >= 2)
      plan.merged.push_back(successor);
    else if (successor.predecessors.size() == 1)
      plan.unchanged.push_back(successor);
  }
  const auto by_code = [](const Successor& a, const Successor& b) { return a.code < b.code; };
  std::sort(plan.merged.begin(), plan.merged.end(), by_code);
  std::sort(plan.unchanged.begin(), plan.unchanged.end(), by_code);
  return plan;
}

std::string succession_toml(const SuccessionPlan& plan, const std::string& alternative_name,
                            const std::string& level) {
  std::string out = fmt::format(
      "# {} areas became {}: {} mergers of {} areas (derived from the boundaries by pco "
      "succession)\n[[appraisal.alternative]]\nname = \"{}\"\nlevel = \"{}\"\n",
      plan.before_count, plan.after_count, plan.merged.size(),
      [&] {
        std::size_t n = 0;
        for (const auto& m : plan.merged)
          n += m.predecessors.size();
        return n;
      }(),
      alternative_name, level);
  for (const auto& m : plan.merged) {
    std::vector<std::string> codes;
    for (const auto& [code, share] : m.predecessors)
      codes.push_back(fmt::format("\"{}\"", code));
    out += fmt::format(
        "\n[[appraisal.alternative.merge]]\ncodes = [{}]\ncode = \"{}\"\nname = \"{}\"\n",
        fmt::join(codes, ", "), m.code, m.name);
  }
  return out;
}

}  // namespace pco

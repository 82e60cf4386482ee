#include "readers/rtt_extract.hpp"

#include <array>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "readers/zip_archive.hpp"

namespace pco {

namespace {

struct PartName {
  RttPart part;
  std::string_view label;  // pco's name
  std::string_view code;   // the extract's `RTT Part Type`
};
constexpr std::array<PartName, kRttParts> kParts = {{
    {RttPart::incomplete, "incomplete", "Part_2"},
    {RttPart::incomplete_with_dta, "incomplete_with_dta", "Part_2A"},
    {RttPart::admitted, "admitted", "Part_1A"},
    {RttPart::non_admitted, "non_admitted", "Part_1B"},
    {RttPart::new_periods, "new_periods", "Part_3"},
}};

std::optional<RttPart> part_from_code(std::string_view code) {
  for (const auto& p : kParts)
    if (p.code == code) return p.part;
  return std::nullopt;
}

// Adds an organisation on first sight; later rows must name it the same way.
std::uint32_t intern(std::vector<RttOrganisation>& list,
                     std::unordered_map<std::string, std::uint32_t>& lookup, RttOrganisation org) {
  const auto [it, fresh] = lookup.emplace(org.code, static_cast<std::uint32_t>(list.size()));
  if (fresh) list.push_back(std::move(org));
  return it->second;
}

}  // namespace

std::string_view rtt_part_label(RttPart part) {
  return kParts[static_cast<std::size_t>(part)].label;
}

std::optional<RttPart> rtt_part_from_label(std::string_view label) {
  for (const auto& p : kParts)
    if (p.label == label) return p.part;
  return std::nullopt;
}

std::optional<std::uint32_t> RttExtract::provider_index(std::string_view code) const {
  const auto it = provider_lookup.find(std::string(code));
  return it == provider_lookup.end() ? std::nullopt : std::optional(it->second);
}
std::optional<std::uint32_t> RttExtract::commissioner_index(std::string_view code) const {
  const auto it = commissioner_lookup.find(std::string(code));
  return it == commissioner_lookup.end() ? std::nullopt : std::optional(it->second);
}
std::optional<std::uint32_t> RttExtract::function_index(std::string_view code) const {
  const auto it = function_lookup.find(std::string(code));
  return it == function_lookup.end() ? std::nullopt : std::optional(it->second);
}

double RttExtract::total(RttPart part, std::string_view function) const {
  const auto f = function_index(function);
  double sum = 0;
  if (!f) return sum;
  for (const auto& c : counts)
    if (c.part == part && c.function == *f) sum += c.pathways;
  return sum;
}

std::vector<double> RttExtract::provider_totals(RttPart part, std::string_view function) const {
  std::vector<double> out(providers.size(), 0.0);
  const auto f = function_index(function);
  if (!f) return out;
  for (const auto& c : counts)
    if (c.part == part && c.function == *f) out[c.provider] += c.pathways;
  return out;
}

RttExtract parse_rtt_extract(const TextFile& file) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  RttExtract out;
  out.source = file.name;
  if (!parser.next(record))
    throw InputError({file.name, 0, 0, "", "", "an RTT full extract with a header line"});
  const CsvHeader header(record);
  const auto found =
      require_columns(header,
                      {{"Period", {"Period"}},
                       {"Provider Parent Org Code", {"Provider Parent Org Code"}},
                       {"Provider Parent Name", {"Provider Parent Name"}},
                       {"Provider Org Code", {"Provider Org Code"}},
                       {"Provider Org Name", {"Provider Org Name"}},
                       {"Commissioner Parent Org Code", {"Commissioner Parent Org Code"}},
                       {"Commissioner Parent Name", {"Commissioner Parent Name"}},
                       {"Commissioner Org Code", {"Commissioner Org Code"}},
                       {"Commissioner Org Name", {"Commissioner Org Name"}},
                       {"RTT Part Type", {"RTT Part Type"}},
                       {"Treatment Function Code", {"Treatment Function Code"}},
                       {"Treatment Function Name", {"Treatment Function Name"}},
                       {"Total All", {"Total All"}}},
                      file.name, record.line, problems);
  problems.throw_if_any();
  enum {
    kPeriod,
    kPParent,
    kPParentName,
    kProvider,
    kProviderName,
    kCParent,
    kCParentName,
    kCommissioner,
    kCommissionerName,
    kPart,
    kFunction,
    kFunctionName,
    kTotal
  };
  const auto col = [&](int i) { return *found[static_cast<std::size_t>(i)]; };
  std::string part_codes;
  for (const auto& p : kParts)
    part_codes += (part_codes.empty() ? "" : ", ") + std::string(p.code);
  while (parser.next(record)) {
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    ++out.rows;
    const auto period = row.required_text(col(kPeriod), "a period such as RTT-April-2026");
    const auto provider = row.required_text(col(kProvider), "a provider organisation code");
    const auto commissioner =
        row.required_text(col(kCommissioner), "a commissioner organisation code");
    const auto function = row.required_text(col(kFunction), "a treatment function code");
    const auto part = part_from_code(trim(row.text(col(kPart))));
    if (!part) row.problem(col(kPart), part_codes);
    const auto pathways = row.count(col(kTotal));
    bool same_period = true;
    if (period && out.period.empty()) {
      out.period = *period;
    } else if (period && *period != out.period) {
      row.problem(col(kPeriod), fmt::format("one period throughout ({})", out.period));
      same_period = false;
    }
    if (!period || !same_period || !provider || !commissioner || !function || !part || !pathways)
      continue;
    RttCount c;
    c.part = *part;
    c.pathways = static_cast<double>(*pathways);
    c.provider = intern(out.providers, out.provider_lookup,
                        {*provider, std::string(trim(row.text(col(kProviderName)))),
                         std::string(trim(row.text(col(kPParent)))),
                         std::string(trim(row.text(col(kPParentName))))});
    c.commissioner = intern(out.commissioners, out.commissioner_lookup,
                            {*commissioner, std::string(trim(row.text(col(kCommissionerName)))),
                             std::string(trim(row.text(col(kCParent)))),
                             std::string(trim(row.text(col(kCParentName))))});
    const auto [it, fresh] =
        out.function_lookup.emplace(*function, static_cast<std::uint32_t>(out.functions.size()));
    if (fresh)
      out.functions.emplace_back(*function, std::string(trim(row.text(col(kFunctionName)))));
    c.function = it->second;
    out.counts.push_back(c);
  }
  if (out.rows == 0 && problems.empty())
    problems.add({file.name, 0, 0, "", "", "at least one RTT row after the header"});
  problems.throw_if_any();
  return out;
}

RttExtract read_rtt_extract(const std::filesystem::path& path) {
  return parse_rtt_extract(
      TextFile{path.string(), decode_to_utf8(read_maybe_zipped(path, ".csv"))});
}

}  // namespace pco

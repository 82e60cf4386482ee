#include "commissioning/provider_sources.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"

namespace pco {

namespace {

bool has(std::string_view name, std::string_view word) {
  return name.find(word) != std::string_view::npos;
}

double median(std::vector<double> values) {
  if (values.empty()) return 1;
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

std::optional<GeoPoint> district_of(const PostcodeDistricts* districts, std::string_view postcode) {
  if (districts == nullptr || trim(postcode).empty()) return std::nullopt;
  const auto it = districts->find(outward_code(postcode));
  return it == districts->end() ? std::nullopt : std::optional(it->second);
}

}  // namespace

ProviderKind classify_trust(std::string_view raw_name, std::string_view icb,
                            std::optional<double> rtt_pathways) {
  const std::string name = to_upper(raw_name);
  if (trim(icb).empty()) return ProviderKind::other;
  if (has(name, "AMBULANCE")) return ProviderKind::ambulance;
  if (has(name, "MENTAL HEALTH")) return ProviderKind::mental_health;
  if (has(name, "COMMUNITY")) return ProviderKind::community;
  for (const auto* word : {"HOSPITAL", "CANCER", "CHILDREN", "CHRISTIE", "MARSDEN"})
    if (has(name, word)) return ProviderKind::acute;
  if (rtt_pathways)
    return *rtt_pathways >= kAcuteRttPathways ? ProviderKind::acute : ProviderKind::mental_health;
  return ProviderKind::acute;
}

void add_trusts(ProviderSet& providers, const std::vector<Trust>& trusts,
                const PostcodeDistricts* districts, const RttExtract* rtt,
                ProviderLoadNotes& notes) {
  std::vector<double> waiting;
  if (rtt != nullptr) waiting = rtt->provider_totals(RttPart::incomplete);
  const auto waiting_of = [&](const std::string& code) -> std::optional<double> {
    if (rtt == nullptr) return std::nullopt;
    const auto i = rtt->provider_index(code);
    return i ? waiting[*i] : 0.0;
  };
  std::vector<Provider> added;
  std::size_t closed_kept = 0;
  std::vector<std::string> unlocated;
  for (const auto& t : trusts) {
    const auto w = waiting_of(t.code);
    if (!t.is_open() && !(w && *w > 0)) continue;
    if (!t.is_open()) ++closed_kept;
    Provider p;
    p.code = t.code;
    p.name = t.name;
    p.kind = classify_trust(t.name, t.icb, w);
    p.nhs = true;
    p.location = district_of(districts, t.postcode);
    p.location_is_approximate = p.location.has_value();
    if (!p.location && districts != nullptr) unlocated.push_back(t.code);
    p.attraction = w.value_or(1);
    p.source = t.source;
    added.push_back(std::move(p));
  }
  if (rtt != nullptr) {
    // A trust the extract shows with no waiting list (not reporting that month) is as
    // attractive as the median trust of its kind, not unattractive.
    std::map<ProviderKind, std::vector<double>> by_kind;
    for (const auto& p : added)
      if (p.attraction > 0) by_kind[p.kind].push_back(p.attraction);
    std::size_t filled = 0;
    for (auto& p : added)
      if (!(p.attraction > 0)) {
        p.attraction = median(by_kind[p.kind]);
        ++filled;
      }
    if (filled > 0)
      notes.notes.push_back(fmt::format(
          "{} trusts have no RTT waiting list in {}; their attraction is the median of their "
          "kind's",
          filled, rtt->period));
  }
  for (auto& p : added)
    providers.add_or_replace(std::move(p));
  notes.notes.push_back(fmt::format("{} NHS trusts from the ODS trust list{}", added.size(),
                                    closed_kept > 0 ? fmt::format(" ({} closed since the RTT "
                                                                  "extract, kept for its flows)",
                                                                  closed_kept)
                                                    : std::string()));
  if (!unlocated.empty()) {
    std::string list;
    for (std::size_t i = 0; i < unlocated.size() && i < 10; ++i)
      list += (i ? ", " : "") + unlocated[i];
    notes.notes.push_back(
        fmt::format("{} trusts have no known postcode district and no location: "
                    "{}{}",
                    unlocated.size(), list, unlocated.size() > 10 ? ", …" : ""));
  }
}

void add_rtt_providers(ProviderSet& providers, const RttExtract& rtt, ProviderLoadNotes& notes) {
  const auto waiting = rtt.provider_totals(RttPart::incomplete);
  std::size_t added = 0;
  for (std::size_t i = 0; i < rtt.providers.size(); ++i) {
    const auto& o = rtt.providers[i];
    if (providers.find(o.code) != nullptr) continue;
    Provider p;
    p.code = o.code;
    p.name = o.name;
    p.kind = ProviderKind::independent;
    p.nhs = false;
    p.attraction = waiting[i];
    p.source = rtt.source;
    providers.add_or_replace(std::move(p));
    ++added;
  }
  notes.notes.push_back(fmt::format(
      "{} providers of the RTT extract are not NHS trusts of the ODS list: taken as independent "
      "providers, without a location",
      added));
}

std::vector<Provider> parse_providers_csv(const TextFile& file,
                                          const PostcodeDistricts* districts) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  if (!parser.next(record))
    throw InputError({file.name, 0, 0, "", "", "a header line code,name,kind[,lat,lon]…"});
  const CsvHeader header(record);
  const auto found = require_columns(header,
                                     {{"code", {"code", "provider"}},
                                      {"name", {"name", "provider_name"}},
                                      {"kind", {"kind", "type"}}},
                                     file.name, record.line, problems);
  problems.throw_if_any();
  const auto lat = header.find({"lat", "latitude"});
  const auto lon = header.find({"lon", "long", "longitude"});
  const auto postcode = header.find({"postcode"});
  const auto cost_ratio = header.find({"cost_ratio"});
  const auto attraction = header.find({"attraction"});
  const auto nhs = header.find({"nhs"});
  std::vector<Provider> out;
  std::unordered_map<std::string, std::size_t> first_line;
  while (parser.next(record)) {
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    Provider p;
    const auto code = row.required_text(*found[0], "a provider code");
    p.name = std::string(trim(row.text(*found[1])));
    const auto kind = provider_kind_from_label(trim(row.text(*found[2])));
    if (!kind) row.problem(*found[2], "one of " + provider_kind_choices());
    bool ok = code && kind;
    if (kind) p.nhs = *kind != ProviderKind::independent;
    if (lat && lon && !(trim(row.text(*lat)).empty() && trim(row.text(*lon)).empty())) {
      const auto la = row.number_in(*lat, -90, 90);
      const auto lo = row.number_in(*lon, -180, 180);
      if (la && lo)
        p.location = GeoPoint{*la, *lo};
      else
        ok = false;
    } else if (postcode && !trim(row.text(*postcode)).empty() && districts != nullptr) {
      p.location = district_of(districts, row.text(*postcode));
      p.location_is_approximate = true;
      if (!p.location) {
        row.problem(*postcode, "a postcode in a known postcode district");
        ok = false;
      }
    }
    if (cost_ratio && !trim(row.text(*cost_ratio)).empty()) {
      const auto r = row.number(*cost_ratio, "a unit cost / tariff ratio > 0");
      if (r && *r > 0 && *r < 100)
        p.cost_ratio = *r;
      else {
        if (r) row.problem(*cost_ratio, "a unit cost / tariff ratio > 0 and < 100");
        ok = false;
      }
    }
    if (attraction && !trim(row.text(*attraction)).empty()) {
      const auto a = row.number(*attraction, "an attraction weight >= 0");
      if (a && *a >= 0)
        p.attraction = *a;
      else {
        if (a) row.problem(*attraction, "an attraction weight >= 0");
        ok = false;
      }
    }
    if (nhs && !trim(row.text(*nhs)).empty()) {
      const auto v = to_upper(trim(row.text(*nhs)));
      if (v == "YES" || v == "TRUE" || v == "1")
        p.nhs = true;
      else if (v == "NO" || v == "FALSE" || v == "0")
        p.nhs = false;
      else {
        row.problem(*nhs, "yes or no");
        ok = false;
      }
    }
    if (!ok) continue;
    const auto [it, fresh] = first_line.emplace(*code, record.line);
    if (!fresh) {
      row.problem(*found[0], fmt::format("each provider once (first at line {})", it->second));
      continue;
    }
    p.code = *code;
    p.kind = *kind;
    if (p.name.empty()) p.name = p.code;
    p.source = fmt::format("{}:{}", file.name, record.line);
    out.push_back(std::move(p));
  }
  if (out.empty() && problems.empty())
    problems.add({file.name, 0, 0, "", "", "at least one provider row"});
  problems.throw_if_any();
  return out;
}

}  // namespace pco

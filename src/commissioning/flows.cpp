#include "commissioning/flows.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"

namespace pco {

namespace {

// Shares of one commissioner's RTT pathways over the providers in the set.
using CommissionerShares = std::unordered_map<std::uint32_t, PracticeFlows>;

CommissionerShares rtt_shares(const RttExtract& rtt, RttPart part, std::uint32_t function,
                              const ProviderSet& providers) {
  std::vector<std::uint32_t> provider_of(rtt.providers.size());
  std::vector<bool> known(rtt.providers.size(), false);
  for (std::size_t i = 0; i < rtt.providers.size(); ++i)
    if (const auto j = providers.index_of(rtt.providers[i].code)) {
      provider_of[i] = static_cast<std::uint32_t>(*j);
      known[i] = true;
    }
  std::unordered_map<std::uint32_t, std::map<std::uint32_t, double>> counts;
  for (const auto& c : rtt.counts)
    if (c.part == part && c.function == function && c.pathways > 0 && known[c.provider])
      counts[c.commissioner][provider_of[c.provider]] += c.pathways;
  CommissionerShares out;
  for (const auto& [commissioner, by_provider] : counts) {
    double total = 0;
    for (const auto& [p, n] : by_provider)
      total += n;
    auto& flows = out[commissioner];
    for (const auto& [p, n] : by_provider)
      flows.push_back({p, n / total, 1});
  }
  return out;
}

void renormalise(PracticeFlows& flows) {
  double total = 0;
  for (const auto& f : flows)
    total += f.share;
  if (total > 0)
    for (auto& f : flows)
      f.share /= total;
}

}  // namespace

std::string_view flow_source_label(FlowSource source) {
  switch (source) {
    case FlowSource::file:
      return "flow file";
    case FlowSource::service:
      return "service provider shares";
    case FlowSource::rtt:
      return "RTT extract";
    case FlowSource::decay:
      return "distance decay";
    case FlowSource::none:
      break;
  }
  return "no modelled provider";
}

FlowSettings default_flow_settings() {
  FlowSettings s;
  for (const auto* name : {"elective", "non_elective", "outpatient", "ae", "rare_costly"})
    s.service_kind[name] = ProviderKind::acute;
  s.service_kind["community"] = ProviderKind::community;
  s.service_kind["mental_health"] = ProviderKind::mental_health;
  s.service_kind["primary_medical"] = ProviderKind::primary_care;
  s.service_kind["prescribing"] = std::nullopt;
  s.rtt_function["elective"] = std::string(kRttAllFunctions);
  s.rtt_function["outpatient"] = std::string(kRttAllFunctions);
  return s;
}

FlowFile parse_flow_file(const TextFile& file, const Population& population,
                         const ServiceModel& model, const ProviderSet& providers) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  if (!parser.next(record))
    throw InputError({file.name, 0, 0, "", "", "a header line practice,service,provider,share"});
  const CsvHeader header(record);
  const auto found = require_columns(header,
                                     {{"practice", {"practice", "practice_code"}},
                                      {"service", {"service"}},
                                      {"provider", {"provider", "provider_code"}},
                                      {"share", {"share"}}},
                                     file.name, record.line, problems);
  problems.throw_if_any();
  std::unordered_map<std::string, std::size_t> service_index;
  std::string service_names;
  for (std::size_t s = 0; s < model.services.size(); ++s) {
    service_index[model.services[s].name] = s;
    service_names += (s ? ", " : "") + model.services[s].name;
  }
  FlowFile out;
  out.source = file.name;
  struct Key {
    std::size_t line;
    std::size_t column;
    std::string practice;
    std::string service;
  };
  std::map<std::pair<std::size_t, std::size_t>, Key> first_row;
  std::map<std::tuple<std::size_t, std::size_t, std::uint32_t>, std::size_t> seen;
  std::size_t unknown_rows = 0;
  std::vector<std::string> unknown_practices;
  while (parser.next(record)) {
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    const auto practice = row.required_text(*found[0], "a practice code");
    const auto service = row.required_text(*found[1], "a service of the model");
    const auto provider = row.required_text(*found[2], "a provider code");
    const auto share = row.number_in(*found[3], 0, 1);
    std::optional<std::size_t> s;
    if (service) {
      const auto it = service_index.find(*service);
      if (it == service_index.end())
        row.problem(*found[1], "one of the services: " + service_names);
      else
        s = it->second;
    }
    std::optional<std::size_t> j;
    if (provider) {
      j = providers.index_of(*provider);
      if (!j)
        row.problem(*found[2],
                    "a provider defined by the scenario (trusts, providers file "
                    "or [[provider]])");
    }
    if (!practice || !s || !j || !share) continue;
    const auto p = population.index_of(*practice);
    if (!p) {
      ++unknown_rows;
      if (std::find(unknown_practices.begin(), unknown_practices.end(), *practice) ==
          unknown_practices.end())
        unknown_practices.push_back(*practice);
      continue;
    }
    const auto [it, fresh] =
        seen.emplace(std::make_tuple(*p, *s, static_cast<std::uint32_t>(*j)), record.line);
    if (!fresh) {
      row.problem(*found[2], fmt::format("each practice, service and provider once (first at "
                                         "line {})",
                                         it->second));
      continue;
    }
    first_row.try_emplace({*p, *s}, Key{record.line, *found[3] + 1, *practice, *service});
    out.flows[{*p, *s}].push_back({static_cast<std::uint32_t>(*j), *share, 1});
  }
  for (auto& [key, flows] : out.flows) {
    double total = 0;
    for (const auto& f : flows)
      total += f.share;
    if (std::fabs(total - 1) > 1e-6) {
      const auto& k = first_row.at(key);
      problems.add({file.name, k.line, k.column, "share",
                    fmt::format("shares of practice {} for {} summing to {:.6g}", k.practice,
                                k.service, total),
                    "the shares of each practice's activity of a service summing to 1"});
    }
    std::sort(flows.begin(), flows.end(),
              [](const FlowEntry& a, const FlowEntry& b) { return a.provider < b.provider; });
  }
  problems.sort_by_position();
  problems.throw_if_any();
  if (unknown_rows > 0) {
    std::string list;
    for (std::size_t i = 0; i < unknown_practices.size() && i < 5; ++i)
      list += (i ? ", " : "") + unknown_practices[i];
    out.notes.push_back(fmt::format(
        "{}: {} rows name {} practices not in the population and are left out: {}{}", file.name,
        unknown_rows, unknown_practices.size(), list, unknown_practices.size() > 5 ? ", …" : ""));
  }
  return out;
}

std::optional<std::string> detect_rtt_level(const Economy& economy, const RttExtract& rtt) {
  std::optional<std::string> best;
  std::size_t best_matched = 0;
  for (const auto& level : economy.configuration.levels()) {
    std::size_t matched = 0;
    for (const auto& org : level.organisations)
      if (rtt.commissioner_index(org.code)) matched += org.members.size();
    if (matched > best_matched) {
      best_matched = matched;
      best = level.name;
    }
  }
  return best;
}

PracticeFlows decay_flows(const GeoPoint& at, const ProviderSet& providers,
                          const std::vector<std::uint32_t>& candidates, double decay_km,
                          double max_km, double min_share) {
  PracticeFlows flows;
  if (candidates.empty()) return flows;
  // Weights relative to the nearest provider's, so that distant practices do not underflow.
  std::vector<double> distance(candidates.size());
  double nearest = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    distance[i] = distance_km(at, *providers[candidates[i]].location);
    nearest = std::min(nearest, distance[i]);
  }
  double total = 0;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (distance[i] > max_km) continue;
    const double w =
        providers[candidates[i]].attraction * std::exp(-(distance[i] - nearest) / decay_km);
    if (w > 0) {
      flows.push_back({candidates[i], w, 1});
      total += w;
    }
  }
  if (!(total > 0)) return {};
  for (auto& f : flows)
    f.share /= total;
  // Keep the largest share even if it is below min_share (a practice far from all providers).
  const auto largest =
      std::max_element(flows.begin(), flows.end(),
                       [](const FlowEntry& a, const FlowEntry& b) { return a.share < b.share; });
  const auto keep = largest->provider;
  std::erase_if(flows,
                [&](const FlowEntry& f) { return f.share < min_share && f.provider != keep; });
  renormalise(flows);
  return flows;
}

FlowTable build_flows(const Economy& economy, const ServiceModel& model,
                      const ProviderSet& providers, const FlowSettings& settings,
                      const RttExtract* rtt, const FlowFile* file) {
  FlowTable table;
  const auto& practices = economy.population.practices();
  const std::size_t n = practices.size();
  // The RTT commissioner of every practice.
  std::vector<std::optional<std::uint32_t>> rtt_commissioner(n);
  if (rtt != nullptr) {
    std::optional<std::string> level =
        settings.rtt_level.empty() ? detect_rtt_level(economy, *rtt) : settings.rtt_level;
    if (level) {
      const auto li = economy.configuration.level_index(*level);
      if (!li) economy.configuration.level(*level);  // throws UsageError listing the levels
      const auto& orgs = economy.configuration.levels()[*li].organisations;
      std::size_t matched = 0, mapped = 0;
      for (std::size_t p = 0; p < n; ++p) {
        const int o = economy.configuration.member_of(*li, p);
        if (o < 0) continue;
        ++mapped;
        rtt_commissioner[p] = rtt->commissioner_index(orgs[static_cast<std::size_t>(o)].code);
        if (rtt_commissioner[p]) ++matched;
      }
      table.notes.push_back(fmt::format(
          "RTT flows ({}, {} pathways): {} of {} practices matched through their {} code",
          rtt->period, rtt_part_label(settings.rtt_part), matched, mapped, *level));
    } else {
      table.notes.push_back(fmt::format(
          "no level of the configuration has the RTT extract's commissioner codes; its flows "
          "are not used"));
    }
  }
  // Located providers of each kind, for distance decay.
  std::map<ProviderKind, std::vector<std::uint32_t>> located;
  for (std::size_t j = 0; j < providers.size(); ++j)
    if (providers[j].location && providers[j].attraction > 0)
      located[providers[j].kind].push_back(static_cast<std::uint32_t>(j));
  DiagnosticList problems;
  for (std::size_t s = 0; s < model.services.size(); ++s) {
    const auto& service = model.services[s];
    ServiceFlows flows;
    flows.service = service.name;
    if (const auto it = settings.service_kind.find(service.name); it != settings.service_kind.end())
      flows.kind = it->second;
    flows.practices.assign(n, {});
    flows.sources.assign(n, FlowSource::none);
    // The service's own provider shares, when they name providers of the set.
    PracticeFlows service_wide;
    if (!service.providers.empty() && !providers.empty()) {
      for (const auto& share : service.providers) {
        const auto j = providers.index_of(share.name);
        if (!j) {
          problems.add({service.line > 0 ? "scenario" : "default model", service.line,
                        service.column, "service " + service.name + " provider", share.name,
                        "a provider defined by the scenario (trusts, providers file or "
                        "[[provider]])"});
          continue;
        }
        if (share.share > 0)
          service_wide.push_back({static_cast<std::uint32_t>(*j), share.share, 1});
      }
      renormalise(service_wide);
    }
    CommissionerShares from_rtt;
    if (rtt != nullptr)
      if (const auto it = settings.rtt_function.find(service.name);
          it != settings.rtt_function.end()) {
        const auto f = rtt->function_index(it->second);
        if (!f)
          throw UsageError(
              fmt::format("[commissioning] rtt_function: treatment function \"{}\" "
                          "of service {} is not in the RTT extract",
                          it->second, service.name));
        from_rtt = rtt_shares(*rtt, settings.rtt_part, *f, providers);
      }
    // Elective services (those measured by RTT) are also delivered by independent providers.
    std::vector<std::uint32_t> candidates;
    if (flows.kind) {
      candidates = located[*flows.kind];
      if (settings.rtt_function.count(service.name) && *flows.kind != ProviderKind::independent)
        for (const auto j : located[ProviderKind::independent])
          candidates.push_back(j);
      std::sort(candidates.begin(), candidates.end());
    }
    std::array<std::size_t, 5> by_source{};
    for (std::size_t p = 0; p < n; ++p) {
      if (!economy.configuration.is_mapped(p)) continue;
      auto& out = flows.practices[p];
      auto& source = flows.sources[p];
      if (file != nullptr)
        if (const auto it = file->flows.find({p, s}); it != file->flows.end()) {
          out = it->second;
          source = FlowSource::file;
        }
      if (source == FlowSource::none && !service_wide.empty()) {
        out = service_wide;
        source = FlowSource::service;
      }
      if (source == FlowSource::none && rtt_commissioner[p])
        if (const auto it = from_rtt.find(*rtt_commissioner[p]); it != from_rtt.end()) {
          out = it->second;
          source = FlowSource::rtt;
        }
      if (source == FlowSource::none && !candidates.empty() && practices[p].location) {
        out = decay_flows(*practices[p].location, providers, candidates, settings.decay_km,
                          settings.max_km, settings.min_share);
        if (!out.empty()) source = FlowSource::decay;
      }
      ++by_source[static_cast<std::size_t>(source)];
    }
    std::string summary;
    for (std::size_t k = 0; k < by_source.size(); ++k)
      if (by_source[k] > 0)
        summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", by_source[k],
                               flow_source_label(static_cast<FlowSource>(k)));
    table.notes.push_back(
        fmt::format("flows of {} ({}): {}", service.name,
                    flows.kind ? provider_kind_label(*flows.kind) : "no provider kind",
                    summary.empty() ? "no practices" : summary));
    table.services.push_back(std::move(flows));
  }
  problems.throw_if_any();
  if (file != nullptr)
    for (const auto& note : file->notes)
      table.notes.push_back(note);
  return table;
}

}  // namespace pco

#include "readers/rtt_activity.hpp"

#include "core/csv.hpp"

namespace pco {

RttActivity rtt_activity(const RttExtract& extract) {
  RttActivity out;
  out.period = extract.period;
  out.source_file = extract.source;
  const auto all = extract.function_index(kRttAllFunctions);
  for (const auto& c : extract.counts) {
    if (c.part != RttPart::incomplete || (all && c.function == *all)) continue;
    const auto& provider = extract.providers[c.provider];
    auto& p = out.providers[provider.code];
    if (p.code.empty()) {
      p.code = provider.code;
      p.name = provider.name;
    }
    // Counts are whole numbers read as such (RttExtract keeps them as doubles, exact to 2^53).
    const auto pathways = static_cast<std::int64_t>(c.pathways);
    p.incomplete += pathways;
    p.by_function[extract.functions[c.function].first] += pathways;
  }
  return out;
}

RttActivity parse_rtt_activity(const TextFile& file) {
  return rtt_activity(parse_rtt_extract(file));
}

RttActivity read_rtt_activity_file(const std::filesystem::path& path) {
  return rtt_activity(read_rtt_extract(path));
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

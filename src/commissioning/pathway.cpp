#include "commissioning/pathway.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

namespace {

// Adds `share` of activity at `provider` and `scale`, merging with an entry already there.
void add_flow(PracticeFlows& flows, std::uint32_t provider, double share, double scale) {
  for (auto& f : flows)
    if (f.provider == provider && f.price_scale == scale) {
      f.share += share;
      return;
    }
  flows.push_back({provider, share, scale});
}

}  // namespace

std::vector<ShiftMovement> apply_pathway_shifts(
    FlowTable& flows, const std::vector<PathwayShiftSpec>& shifts,
    const std::vector<std::vector<ShiftTarget>>& targets, const Economy& economy,
    const ServiceModel& model, const ProviderSet& providers, const FlowSettings& settings,
    const std::string& file) {
  std::vector<ShiftMovement> out;
  DiagnosticList problems;
  const auto& practices = economy.population.practices();
  // Located providers of each kind, for receiving activity by distance decay.
  std::map<ProviderKind, std::vector<std::uint32_t>> located;
  for (std::size_t j = 0; j < providers.size(); ++j)
    if (providers[j].location && providers[j].attraction > 0)
      located[providers[j].kind].push_back(static_cast<std::uint32_t>(j));
  for (std::size_t k = 0; k < shifts.size(); ++k) {
    const auto& shift = shifts[k];
    std::size_t s = 0;
    while (s < model.services.size() && model.services[s].name != shift.service)
      ++s;
    if (s == model.services.size()) continue;  // reported when the scenario was read
    const double mean = model.services[s].severity.mean();
    std::optional<std::uint32_t> fixed_to;
    if (!shift.to_provider.empty()) {
      const auto j = providers.index_of(shift.to_provider);
      if (!j) {
        problems.add({file, shift.line, shift.column, "pathway_shift.to_provider",
                      shift.to_provider, "a provider defined by the scenario"});
        continue;
      }
      if (providers[*j].kind != shift.to) {
        problems.add(
            {file, shift.line, shift.column, "pathway_shift.to_provider",
             fmt::format("{} ({})", shift.to_provider, provider_kind_label(providers[*j].kind)),
             fmt::format("a provider of the kind the activity moves to ({})",
                         provider_kind_label(shift.to))});
        continue;
      }
      fixed_to = static_cast<std::uint32_t>(*j);
    }
    std::size_t without_receiver = 0;
    std::string example;
    for (const auto& target : targets[k]) {
      ShiftMovement m;
      m.shift = k;
      m.commissioner = target.commissioner;
      m.practices = target.practices;
      for (const auto p : target.practices) {
        auto& f = flows.services[s].practices[p];
        const auto leaving = [&](const FlowEntry& e) {
          return providers[e.provider].kind == shift.from && e.price_scale == 1;
        };
        double moved = 0;
        for (const auto& e : f)
          if (leaving(e)) moved += e.share * shift.share;
        if (!(moved > 0)) continue;
        // Receivers: the named provider, else the practice's own providers of the new kind for
        // this service, else the nearest by distance decay.
        PracticeFlows receivers;
        if (fixed_to) {
          receivers.push_back({*fixed_to, 1, 1});
        } else {
          for (const auto& e : f)
            if (providers[e.provider].kind == shift.to && e.price_scale == 1)
              receivers.push_back(e);
          if (receivers.empty() && practices[p].location)
            // The receiving provider sets up the new service near the practice, so its distance
            // limits nothing: every `to` provider is a candidate, weighted by distance decay.
            receivers =
                decay_flows(*practices[p].location, providers, located[shift.to], settings.decay_km,
                            std::numeric_limits<double>::infinity(), settings.min_share);
        }
        double total = 0;
        for (const auto& r : receivers)
          total += r.share;
        if (!(total > 0)) {
          ++without_receiver;
          if (example.empty()) example = practices[p].code;
          continue;
        }
        for (auto& e : f)
          if (leaving(e)) e.share *= 1 - shift.share;
        for (const auto& r : receivers)
          add_flow(f, r.provider, moved * r.share / total, shift.unit_cost_ratio);
        std::erase_if(f, [](const FlowEntry& e) { return !(e.share > 0); });
        const double events = moved * expected_events(model.services[s], practices[p].counts);
        m.events += events;
        m.money += events * mean;
      }
      m.new_cost = m.money * shift.unit_cost_ratio;
      out.push_back(std::move(m));
    }
    if (without_receiver > 0)
      problems.add(
          {file, shift.line, shift.column, "pathway_shift.to",
           fmt::format("{} practices (e.g. {}) with no {} provider to receive their {}",
                       without_receiver, example, provider_kind_label(shift.to), shift.service),
           "a provider of the receiving kind for every practice: give to_provider, "
           "[[provider]]s of that kind with a location, or flows"});
  }
  problems.throw_if_any();
  return out;
}

}  // namespace pco

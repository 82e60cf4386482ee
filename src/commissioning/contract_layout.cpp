#include "commissioning/contract_layout.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "demand/service_scenario.hpp"
#include "holders/holder_risk.hpp"

namespace pco {

namespace {

// The organisations a contract names: one by code (at `level`, or at the first level that has
// the code), or every organisation at `level`.
struct Commissioners {
  std::string level;
  std::vector<HolderGroup> groups;
};

std::optional<Commissioners> find_commissioners(const Economy& economy, const std::string& code,
                                                const std::string& level,
                                                const std::string& commissioning_level) {
  const auto at = [&](const std::string& l) -> std::optional<Commissioners> {
    auto groups = holder_groups(economy, l);
    if (code.empty()) return Commissioners{l, std::move(groups)};
    for (auto& g : groups)
      if (g.code == code) return Commissioners{l, {std::move(g)}};
    return std::nullopt;
  };
  if (!level.empty()) return at(level);
  if (code.empty()) return at(commissioning_level);
  if (auto found = at(commissioning_level)) return found;
  for (const auto& l : economy.configuration.levels())
    if (auto found = at(l.name)) return found;
  if (economy.population.index_of(code)) return at(kPracticeLevel);
  return std::nullopt;
}

std::string known_levels(const Economy& economy) {
  std::string out = "practice, national";
  for (const auto& l : economy.configuration.levels())
    out += ", " + l.name;
  return out;
}

class Coverage {
 public:
  Coverage(std::size_t services, std::size_t providers, std::size_t practices)
      : services_(services),
        providers_(providers),
        prime_(services * practices, kNone),
        any_(services * practices, 0) {}
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  std::size_t contract(std::size_t p, std::size_t s, std::uint32_t j) const {
    const auto it = by_cell_.find(key(p, s, j));
    return it == by_cell_.end() ? kNone : it->second;
  }
  std::size_t prime(std::size_t p, std::size_t s) const { return prime_[p * services_ + s]; }
  bool any(std::size_t p, std::size_t s) const { return any_[p * services_ + s] > 0; }
  // Returns the contract already there, or kNone after recording `c`.
  std::size_t claim(std::size_t p, std::size_t s, std::uint32_t j, std::size_t c) {
    if (const auto pr = prime(p, s); pr != kNone) return pr;
    const auto [it, fresh] = by_cell_.emplace(key(p, s, j), c);
    if (!fresh) return it->second;
    ++any_[p * services_ + s];
    return kNone;
  }
  std::size_t claim_prime(std::size_t p, std::size_t s, std::size_t c) {
    auto& slot = prime_[p * services_ + s];
    if (slot != kNone) return slot;
    if (any(p, s)) return owners[p * services_ + s];
    slot = c;
    return kNone;
  }
  // A non-prime contract of each (p, s), for messages.
  std::vector<std::size_t> owners;

 private:
  std::uint64_t key(std::size_t p, std::size_t s, std::uint32_t j) const {
    return (static_cast<std::uint64_t>(p) * services_ + s) * providers_ + j;
  }
  std::size_t services_;
  std::size_t providers_;
  std::unordered_map<std::uint64_t, std::size_t> by_cell_;
  std::vector<std::size_t> prime_;
  std::vector<std::uint32_t> any_;
};

}  // namespace

void ActivityGroup::add(std::size_t service, double price_scale, double events) {
  if (!(events > 0)) return;
  for (auto& part : parts)
    if (part.service == service && part.price_scale == price_scale) {
      part.events += events;
      return;
    }
  parts.push_back({service, price_scale, events});
}

double ActivityGroup::expected(const ServiceModel& model) const {
  double sum = 0;
  for (const auto& part : parts)
    sum += part.events * model.services[part.service].severity.mean() * part.price_scale;
  return sum;
}

ContractSet expand_contracts(const Economy& economy, const ServiceModel& model,
                             const CommissioningModel& commissioning,
                             const CommissioningInputs& inputs,
                             const std::vector<const FlowTable*>& states) {
  ContractSet set;
  set.level = commissioning.level;
  const auto& practices = economy.population.practices();
  const std::size_t n = practices.size();
  const std::size_t services = model.services.size();
  const auto& providers = commissioning.providers;
  const std::string held = resolve_level(set.level, economy.default_level);
  for (std::size_t s = 0; s < services; ++s)
    if (resolve_level(model.services[s].level, economy.default_level) == held)
      set.held_services.push_back(s);
  std::vector<bool> is_held(services, false);
  for (const auto s : set.held_services)
    is_held[s] = true;
  for (auto& g : holder_groups(economy, set.level)) {
    BudgetHolder h{g.code, g.name, std::move(g.practices), 0};
    for (const auto p : h.practices)
      h.population += practices[p].list_size();
    set.holders.push_back(std::move(h));
  }
  std::vector<std::size_t> holder_of(n, Coverage::kNone);
  for (std::size_t h = 0; h < set.holders.size(); ++h)
    for (const auto p : set.holders[h].practices)
      holder_of[p] = h;
  // Expected events of every practice and held service.
  std::vector<double> events(n * services, 0.0);
  for (std::size_t p = 0; p < n; ++p)
    if (holder_of[p] != Coverage::kNone)
      for (const auto s : set.held_services)
        events[p * services + s] = expected_events(model.services[s], practices[p].counts);
  const FlowTable& baseline = *states.front();
  // Expected activity at tariff from practices to a provider for services, in the baseline.
  const auto value_to = [&](const std::vector<std::size_t>& ps, const std::vector<std::size_t>& ss,
                            std::uint32_t j) {
    double v = 0;
    for (const auto s : ss) {
      const double mean = model.services[s].severity.mean();
      for (const auto p : ps)
        for (const auto& f : baseline.services[s].practices[p])
          if (f.provider == j) v += f.share * events[p * services + s] * mean * f.price_scale;
    }
    return v;
  };
  const auto flows_to = [&](const std::vector<std::size_t>& ps, std::size_t s, std::uint32_t j) {
    for (const auto* state : states)
      for (const auto p : ps)
        for (const auto& f : state->services[s].practices[p])
          if (f.provider == j && f.share > 0) return true;
    return false;
  };
  DiagnosticList problems;
  Coverage coverage(services, providers.size(), n);
  coverage.owners.assign(n * services, Coverage::kNone);
  std::set<std::pair<std::size_t, std::size_t>> conflicts_reported;
  const auto conflict = [&](const Contract& c, std::size_t other, std::size_t p, std::size_t s) {
    const auto& o = set.contracts[other];
    const std::size_t a = c.spec.value_or(Coverage::kNone);
    const std::size_t b = o.spec.value_or(Coverage::kNone);
    if (!conflicts_reported.insert({std::min(a, b), std::max(a, b)}).second) return;
    const auto& spec = inputs.contracts[*c.spec];
    problems.add({inputs.file, spec.line, spec.column, "contract",
                  fmt::format("{} ({} with {}) and {}{} both pay for practice {}'s {}", c.name,
                              c.commissioner, providers[c.provider].code, o.name,
                              o.spec ? fmt::format(" (line {})", inputs.contracts[*o.spec].line)
                                     : std::string(),
                              practices[p].code, model.services[s].name),
                  "each commissioner's activity of a service at a provider under one contract "
                  "at most (a capitation or year-of-care contract covers all providers)"});
  };
  const auto register_contract = [&](Contract c) {
    const std::size_t index = set.contracts.size();
    bool clash = false;
    for (const auto p : c.practices)
      for (const auto s : c.services) {
        const auto other = is_prime(c.payment) ? coverage.claim_prime(p, s, index)
                                               : coverage.claim(p, s, c.provider, index);
        if (other != Coverage::kNone) {
          if (c.spec) conflict(c, other, p, s);
          clash = true;
        } else if (!is_prime(c.payment)) {
          coverage.owners[p * services + s] = index;
        }
      }
    if (!clash) set.contracts.push_back(std::move(c));
  };
  for (std::size_t k = 0; k < inputs.contracts.size(); ++k) {
    const auto& spec = inputs.contracts[k];
    const auto bad = [&](std::string field, std::string value, std::string expected) {
      problems.add({inputs.file, spec.line, spec.column, "contract." + field, std::move(value),
                    std::move(expected)});
    };
    std::optional<Commissioners> who;
    if (!spec.level.empty() && spec.level != kPracticeLevel && spec.level != kNationalLevel &&
        !economy.configuration.level_index(resolve_level(spec.level, economy.default_level))) {
      bad("level", spec.level, "a level: " + known_levels(economy));
      continue;
    }
    who = find_commissioners(
        economy, spec.commissioner,
        spec.level.empty() ? std::string() : resolve_level(spec.level, economy.default_level),
        held);
    if (!who) {
      bad("commissioner", spec.commissioner,
          spec.level.empty() ? "an organisation of the configuration"
                             : "an organisation at level " + spec.level);
      continue;
    }
    std::optional<std::uint32_t> provider;
    if (!spec.provider.empty()) {
      const auto j = providers.index_of(spec.provider);
      if (!j) {
        bad("provider", spec.provider,
            "a provider defined by the scenario (trusts, RTT extract, providers file, "
            "[[provider]] or the synthetic economy's)");
        continue;
      }
      provider = static_cast<std::uint32_t>(*j);
    }
    std::vector<std::size_t> named;
    bool services_ok = true;
    for (const auto& name : spec.services) {
      for (std::size_t s = 0; s < services; ++s)
        if (model.services[s].name == name) {
          if (!is_held[s]) {
            bad("services", name,
                fmt::format("a service held at the commissioning level {} (it is held at {})",
                            set.level, model.services[s].level));
            services_ok = false;
          }
          named.push_back(s);
        }
    }
    if (!services_ok) continue;
    std::sort(named.begin(), named.end());
    bool spans = false;
    for (const auto& g : who->groups) {
      if (g.practices.empty()) continue;
      const auto h = holder_of[g.practices.front()];
      const bool one =
          h != Coverage::kNone && std::all_of(g.practices.begin(), g.practices.end(),
                                              [&](std::size_t p) { return holder_of[p] == h; });
      if (!one) {
        if (!spans)
          bad("commissioner", g.code,
              fmt::format("an organisation within one budget holder at the commissioning level "
                          "{} (contracts are held at that level or below)",
                          set.level));
        spans = true;
        continue;
      }
      std::vector<std::uint32_t> candidates;
      if (provider)
        candidates.push_back(*provider);
      else
        for (std::size_t j = 0; j < providers.size(); ++j)
          if (providers[j].kind == *spec.provider_kind)
            candidates.push_back(static_cast<std::uint32_t>(j));
      for (const auto j : candidates) {
        Contract c;
        c.name = spec.name;
        c.spec = k;
        c.rule = "[[contract]] line " + std::to_string(spec.line);
        c.commissioner = g.code;
        c.commissioner_name = g.name;
        c.commissioner_level = who->level;
        c.holder = h;
        c.practices = g.practices;
        for (const auto p : c.practices)
          c.population += practices[p].list_size();
        c.provider = j;
        c.payment = spec.payment;
        if (!named.empty())
          c.services = named;
        else if (is_prime(spec.payment))
          c.services = set.held_services;
        else
          for (const auto s : set.held_services)
            if (flows_to(c.practices, s, j)) c.services.push_back(s);
        if (c.services.empty() || (!provider && value_to(c.practices, c.services, j) <= 0)) {
          if (provider)
            set.notes.push_back(fmt::format("{}: no activity of {} flows to {}; no contract",
                                            spec.name, g.code, providers[j].code));
          continue;
        }
        if (spec.provider_kind && value_to(c.practices, c.services, j) < spec.min_value) continue;
        c.variable_rate = spec.payment == PaymentForm::activity  ? 1.0
                          : spec.payment == PaymentForm::aligned ? spec.variable_rate
                                                                 : 0.0;
        for (const auto s : c.services)
          c.variable.push_back(
              spec.payment == PaymentForm::activity ||
              (spec.payment == PaymentForm::aligned &&
               (spec.variable_services.empty() ||
                std::find(spec.variable_services.begin(), spec.variable_services.end(),
                          model.services[s].name) != spec.variable_services.end())));
        register_contract(std::move(c));
      }
    }
  }
  problems.sort_by_position();
  problems.throw_if_any();
  if (inputs.default_payment == DefaultPayment::nhsps2025) {
    // Every commissioner–provider relationship no contract covers, by the 2025/26 NHS Payment
    // Scheme's rules.
    std::size_t counts[3] = {0, 0, 0};
    for (std::size_t h = 0; h < set.holders.size(); ++h) {
      const auto& holder = set.holders[h];
      std::map<std::uint32_t, std::set<std::size_t>> open;  // provider → services not covered
      std::map<std::uint32_t, double> value;
      for (const auto* state : states)
        for (const auto s : set.held_services)
          for (const auto p : holder.practices) {
            if (coverage.prime(p, s) != Coverage::kNone) continue;
            for (const auto& f : state->services[s].practices[p])
              if (f.share > 0 && coverage.contract(p, s, f.provider) == Coverage::kNone) {
                open[f.provider].insert(s);
                if (state == states.front())
                  value[f.provider] += f.share * events[p * services + s] *
                                       model.services[s].severity.mean() * f.price_scale;
              }
          }
      for (const auto& [j, ss] : open) {
        Contract c;
        c.commissioner = holder.code;
        c.commissioner_name = holder.name;
        c.commissioner_level = set.level;
        c.holder = h;
        c.practices = holder.practices;
        c.population = holder.population;
        c.provider = j;
        c.services.assign(ss.begin(), ss.end());
        const double v = value[j];
        if (!providers[j].nhs) {
          c.payment = PaymentForm::activity;
          c.variable_rate = 1;
          c.name = "activity (non-NHS provider)";
          ++counts[2];
        } else if (v > inputs.lva_threshold) {
          c.payment = PaymentForm::aligned;
          c.variable_rate = 1;
          c.name = "aligned payment and incentive";
          ++counts[0];
        } else {
          c.payment = PaymentForm::block;
          c.variable_rate = 0;
          c.name = "low volume activity block";
          ++counts[1];
        }
        c.rule = "nhsps2025";
        for (const auto s : c.services)
          c.variable.push_back(
              c.payment == PaymentForm::activity ||
              (c.payment == PaymentForm::aligned &&
               std::find(inputs.variable_services.begin(), inputs.variable_services.end(),
                         model.services[s].name) != inputs.variable_services.end()));
        register_contract(std::move(c));
      }
    }
    set.notes.push_back(fmt::format(
        "default payment nhsps2025: {} aligned payment and incentive contracts (variable element "
        "at 100% of tariff for {}), {} low volume blocks (expected value at most £{:.0f}), {} "
        "activity contracts with non-NHS providers",
        counts[0], fmt::join(inputs.variable_services, ", "), counts[1], inputs.lva_threshold,
        counts[2]));
  }
  return set;
}

ActivityLayout lay_out_activity(const Economy& economy, const ServiceModel& model,
                                const ContractSet& set, const FlowTable& flows,
                                std::size_t provider_count) {
  ActivityLayout out;
  const auto& practices = economy.population.practices();
  const std::size_t services = model.services.size();
  out.x1.resize(set.contracts.size());
  out.x2.resize(set.contracts.size());
  out.holder_tariff.resize(set.holders.size());
  out.holder_all.resize(set.holders.size());
  out.provider_tariff.resize(provider_count);
  // Who covers each cell: prime contracts by (practice, service), others by provider.
  std::unordered_map<std::uint64_t, std::size_t> covered;
  std::unordered_map<std::uint64_t, std::size_t> prime;
  const auto cell = [&](std::size_t p, std::size_t s) {
    return static_cast<std::uint64_t>(p) * services + s;
  };
  for (std::size_t k = 0; k < set.contracts.size(); ++k) {
    const auto& c = set.contracts[k];
    for (const auto p : c.practices)
      for (const auto s : c.services) {
        if (is_prime(c.payment))
          prime[cell(p, s)] = k;
        else
          covered[cell(p, s) * provider_count + c.provider] = k;
      }
  }
  for (std::size_t k = 0; k < set.contracts.size(); ++k) {
    const auto& c = set.contracts[k];
    for (std::size_t i = 0; i < c.services.size(); ++i) {
      const auto s = c.services[i];
      const auto& service = model.services[s];
      for (const auto p : c.practices) {
        const double m = expected_events(service, practices[p].counts);
        const auto& f = flows.services[s].practices[p];
        if (is_prime(c.payment)) {
          if (f.empty()) out.x2[k].add(s, 1, m);
          for (const auto& e : f)
            (e.provider == c.provider ? out.x1[k] : out.x2[k]).add(s, e.price_scale, e.share * m);
        } else {
          for (const auto& e : f)
            if (e.provider == c.provider)
              (c.variable[i] ? out.x1[k] : out.x2[k]).add(s, e.price_scale, e.share * m);
        }
      }
    }
  }
  for (std::size_t h = 0; h < set.holders.size(); ++h)
    for (const auto s : set.held_services) {
      const auto& service = model.services[s];
      for (const auto p : set.holders[h].practices) {
        const double m = expected_events(service, practices[p].counts);
        const auto& f = flows.services[s].practices[p];
        if (f.empty()) out.holder_all[h].add(s, 1, m);
        for (const auto& e : f)
          out.holder_all[h].add(s, e.price_scale, e.share * m);
        const auto pr = prime.find(cell(p, s));
        if (pr != prime.end()) {
          // The prime contractor pays the others at tariff.
          const auto j = set.contracts[pr->second].provider;
          for (const auto& e : f)
            if (e.provider != j) out.provider_tariff[e.provider].add(s, e.price_scale, e.share * m);
          continue;
        }
        if (f.empty()) out.holder_tariff[h].add(s, 1, m);
        for (const auto& e : f) {
          if (covered.count(cell(p, s) * provider_count + e.provider)) continue;
          out.holder_tariff[h].add(s, e.price_scale, e.share * m);
          out.provider_tariff[e.provider].add(s, e.price_scale, e.share * m);
        }
      }
    }
  return out;
}

}  // namespace pco

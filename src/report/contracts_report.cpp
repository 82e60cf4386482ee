#include "report/contracts_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/table.hpp"
#include "report/risk_report.hpp"

namespace pco {

namespace {

std::string money(double v, bool csv) {
  return csv ? fmt::format("{:.2f}", v) : with_thousands(std::llround(v));
}
// A column named *_pct holds percentages in both formats (the CSV wrote fractions under those
// names, which read as 100 times too small).
std::string percent(double p, bool csv) {
  return csv ? fmt::format("{:.6g}", 100 * p) : fmt::format("{:.2f}", 100 * p);
}
// A probability in a column whose name does not say its unit: a fraction in CSV (as pco risk
// writes its p_ columns) and a percentage with its sign in the table.
std::string probability(double p, bool csv) {
  return csv ? fmt::format("{:.6g}", p) : fmt::format("{:.2f}%", 100 * p);
}

std::string service_list(const Contract& c, const ServiceModel& model) {
  std::string out;
  for (std::size_t i = 0; i < c.services.size(); ++i) {
    out += (i ? "+" : "") + model.services[c.services[i]].name;
    if (c.payment == PaymentForm::aligned && !c.variable[i]) out += "(fixed)";
  }
  return out;
}

std::string payment_text(const Contract& c, const ContractTerms& t) {
  switch (c.payment) {
    case PaymentForm::aligned: {
      std::string s = fmt::format("aligned v={:g}", t.rate);
      if (t.cap < std::numeric_limits<double>::infinity())
        s += fmt::format(" cap {}", with_thousands(std::llround(t.cap)));
      if (t.floor > -std::numeric_limits<double>::infinity())
        s += fmt::format(" floor {}", with_thousands(std::llround(t.floor)));
      return s;
    }
    case PaymentForm::year_of_care:
      return fmt::format("year_of_care {:.0f} patients", t.patients);
    default:
      return std::string(payment_label(c.payment));
  }
}

nlohmann::json contract_json(const CommissioningRun& run, const ServiceModel& model, std::size_t k,
                             const ContractResult& r) {
  const auto& c = run.set.contracts[k];
  const auto& p = run.model.providers[c.provider];
  nlohmann::json services = nlohmann::json::array();
  nlohmann::json variable = nlohmann::json::array();
  for (std::size_t i = 0; i < c.services.size(); ++i) {
    services.push_back(model.services[c.services[i]].name);
    if (c.variable[i]) variable.push_back(model.services[c.services[i]].name);
  }
  const auto bound = [](double v) -> nlohmann::json {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
  };
  const auto& t = r.terms;
  return {{"name", c.name},
          {"rule", c.rule},
          {"commissioner", c.commissioner},
          {"commissioner_name", c.commissioner_name},
          {"commissioner_level", c.commissioner_level},
          {"budget_holder", run.set.holders[c.holder].code},
          {"population", c.population},
          {"provider", p.code},
          {"provider_name", p.name},
          {"provider_kind", provider_kind_label(p.kind)},
          {"provider_cost_ratio", p.cost_ratio},
          {"services", services},
          {"variable_services", variable},
          {"payment", payment_label(c.payment)},
          {"variable_rate", t.rate},
          {"fixed", t.fixed},
          {"plan", t.plan},
          {"cap", bound(t.cap)},
          {"floor", bound(t.floor)},
          {"patients", t.patients},
          {"expected_activity", r.expected_activity},
          {"sd_activity", r.sd_activity},
          {"expected_own_activity", r.expected_own_activity},
          {"expected_variable_activity", r.expected_x1},
          {"sd_variable_activity", r.sd_x1},
          {"expected_other_activity", r.expected_x2},
          {"sd_other_activity", r.sd_x2},
          {"expected_payment", r.expected_payment},
          {"sd_payment", r.sd_payment},
          {"expected_provider_income", r.expected_payment},
          {"expected_provider_cost", r.expected_cost},
          {"sd_provider_cost", r.sd_cost},
          {"expected_provider_margin", r.expected_margin},
          {"sd_provider_margin", r.sd_margin},
          {"provider_margin_q05", r.margin_q05},
          {"provider_margin_q95", r.margin_q95},
          {"p_provider_loss", r.p_loss},
          {"commissioner_variance_share", r.commissioner_share},
          {"provider_variance_share", r.sd_cost > 0 ? 1 - r.commissioner_share : 0.0},
          {"method", r.closed_form ? "closed form" : "grid (cap or floor)"},
          {"variance_error_bound", r.variance_error_bound}};
}

nlohmann::json provider_json(const CommissioningRun& run, const ProviderResult& r) {
  const auto& p = run.model.providers[r.provider];
  nlohmann::json j = {{"provider", p.code},
                      {"name", p.name},
                      {"kind", provider_kind_label(p.kind)},
                      {"nhs", p.nhs},
                      {"cost_ratio", p.cost_ratio},
                      {"contracts", r.contracts},
                      {"expected_income", r.expected_income},
                      {"sd_income", r.sd_income},
                      {"expected_contract_income", r.expected_contract_income},
                      {"expected_tariff_income", r.expected_tariff_income},
                      {"expected_cost", r.expected_cost},
                      {"expected_margin", r.expected_margin},
                      {"sd_margin", r.sd_margin},
                      {"margin_q05", r.margin_q05},
                      {"p_loss", r.p_loss}};
  if (p.location) {
    j["lat"] = p.location->lat;
    j["lon"] = p.location->lon;
  }
  return j;
}

nlohmann::json commissioner_json(const CommissioningRun& run, const CommissionerResult& r) {
  const auto& h = run.set.holders[r.holder];
  return {{"code", h.code},
          {"name", h.name},
          {"population", h.population},
          {"contracts", r.contracts},
          {"budget", r.budget},
          {"expected_at_tariff", r.expected_at_tariff},
          {"at_tariff", measures_json(r.at_tariff)},
          {"exact_sd_at_tariff", r.exact_sd_at_tariff},
          {"with_contracts", measures_json(r.with_contracts)},
          {"exact_sd_with_contracts", r.exact_sd_with_contracts},
          {"expected_contract_payment", r.expected_contract_payment},
          {"expected_tariff_payment", r.expected_tariff_payment}};
}

nlohmann::json state_json(const CommissioningRun& run, const ServiceModel& model,
                          const CommissioningState& state) {
  nlohmann::json contracts = nlohmann::json::array();
  for (std::size_t k = 0; k < state.contracts.size(); ++k)
    contracts.push_back(contract_json(run, model, k, state.contracts[k]));
  nlohmann::json providers = nlohmann::json::array();
  for (const auto& p : state.providers)
    providers.push_back(provider_json(run, p));
  nlohmann::json commissioners = nlohmann::json::array();
  for (const auto& c : state.commissioners)
    commissioners.push_back(commissioner_json(run, c));
  return {{"contracts", contracts}, {"providers", providers}, {"commissioners", commissioners}};
}

}  // namespace

TextTable contract_table(const CommissioningRun& run, const ServiceModel& model,
                         const CommissioningState& state, bool csv) {
  TextTable t;
  t.headers = {"commissioner",
               "provider",
               "kind",
               "services",
               "payment",
               "expected_payment",
               "sd_payment",
               "expected_provider_cost",
               "sd_provider_cost",
               "expected_margin",
               "sd_provider_margin",
               "p_provider_loss_pct",
               "commissioner_share_pct"};
  t.right_align = {false, false, false, false, false, true, true,
                   true,  true,  true,  true,  true,  true};
  for (std::size_t k = 0; k < state.contracts.size(); ++k) {
    const auto& c = run.set.contracts[k];
    const auto& r = state.contracts[k];
    const auto& p = run.model.providers[c.provider];
    t.add_row({c.commissioner, p.code, std::string(provider_kind_label(p.kind)),
               service_list(c, model), payment_text(c, r.terms), money(r.expected_payment, csv),
               money(r.sd_payment, csv), money(r.expected_cost, csv), money(r.sd_cost, csv),
               money(r.expected_margin, csv), money(r.sd_margin, csv), percent(r.p_loss, csv),
               percent(r.commissioner_share, csv)});
  }
  return t;
}

TextTable provider_table(const CommissioningRun& run, const CommissioningState& state, bool csv) {
  TextTable t;
  t.headers = {"provider",        "name",      "kind",          "contracts",
               "expected_income", "sd_income", "tariff_income", "expected_cost",
               "expected_margin", "sd_margin", "margin_q05",    "p_loss_pct"};
  t.right_align = {false, false, false, true, true, true, true, true, true, true, true, true};
  for (const auto& r : state.providers) {
    const auto& p = run.model.providers[r.provider];
    t.add_row({p.code, p.name, std::string(provider_kind_label(p.kind)),
               std::to_string(r.contracts), money(r.expected_income, csv), money(r.sd_income, csv),
               money(r.expected_tariff_income, csv), money(r.expected_cost, csv),
               money(r.expected_margin, csv), money(r.sd_margin, csv), money(r.margin_q05, csv),
               percent(r.p_loss, csv)});
  }
  return t;
}

TextTable commissioner_table(const CommissioningRun& run, const CommissioningState& state,
                             bool csv) {
  TextTable t;
  t.headers = {"commissioner",
               "population",
               "contracts",
               "budget",
               "mean_at_tariff",
               "sd_at_tariff",
               "p_over_5pct_at_tariff",
               "reserve99_at_tariff",
               "mean_with_contracts",
               "sd_with_contracts",
               "p_over_5pct_with",
               "reserve99_with"};
  t.right_align = std::vector<bool>(t.headers.size(), true);
  t.right_align[0] = false;
  for (const auto& r : state.commissioners) {
    const auto& h = run.set.holders[r.holder];
    t.add_row({h.code, csv ? std::to_string(h.population) : with_thousands(h.population),
               std::to_string(r.contracts), money(r.budget, csv), money(r.expected_at_tariff, csv),
               money(r.exact_sd_at_tariff, csv), probability(r.at_tariff.p_overspend_5pct, csv),
               money(r.at_tariff.reserve99, csv),
               money(r.expected_contract_payment + r.expected_tariff_payment, csv),
               money(r.exact_sd_with_contracts, csv),
               probability(r.with_contracts.p_overspend_5pct, csv),
               money(r.with_contracts.reserve99, csv)});
  }
  return t;
}

namespace {

// The effect of all shifts on each commissioner they touch.
struct ShiftEffect {
  std::size_t holder = 0;
  double money = 0;
  double new_cost = 0;
  double transition_cost = 0;
  int years = 1;
};

std::vector<ShiftEffect> shift_effects(const CommissioningRun& run) {
  std::vector<ShiftEffect> out;
  for (const auto& m : run.movements) {
    if (!m.holder) continue;  // no practices
    const std::size_t h = *m.holder;
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.holder == h; });
    if (it == out.end()) {
      out.push_back({h, 0, 0, 0, 1});
      it = out.end() - 1;
    }
    const auto& shift = run.inputs.shifts[m.shift];
    it->money += m.money;
    it->new_cost += m.new_cost;
    it->transition_cost += shift.transition_cost;
    it->years = std::max(it->years, shift.years);
  }
  return out;
}

double with_contracts_mean(const CommissionerResult& r) {
  return r.expected_contract_payment + r.expected_tariff_payment;
}

}  // namespace

TextTable movement_table(const CommissioningRun& run, bool csv) {
  TextTable t;
  t.headers = {"shift",        "commissioner", "service",
               "from",         "to",           "share_pct",
               "events_moved", "money_moved",  "cost_at_new_setting",
               "gross_saving"};
  t.right_align = {false, false, false, false, false, true, true, true, true, true};
  for (const auto& m : run.movements) {
    const auto& s = run.inputs.shifts[m.shift];
    const auto pence = [&](double v) {
      return csv ? fmt::format("{:.2f}", v) : pounds_and_pence(v);
    };
    t.add_row({s.name, m.commissioner, s.service, std::string(provider_kind_label(s.from)),
               std::string(provider_kind_label(s.to)), fmt::format("{:g}", 100 * s.share),
               fmt::format("{:.2f}", m.events), pence(m.money), pence(m.new_cost),
               pence(m.money - m.new_cost)});
  }
  return t;
}

TextTable shift_effect_table(const CommissioningRun& run, bool csv) {
  TextTable t;
  t.headers = {"commissioner",     "mean_before",     "mean_after",         "change_in_mean",
               "sd_before",        "sd_after",        "p_over_5pct_before", "p_over_5pct_after",
               "reserve99_before", "reserve99_after", "transition_cost",    "years"};
  t.right_align = std::vector<bool>(t.headers.size(), true);
  t.right_align[0] = false;
  const auto pence = [&](double v) { return csv ? fmt::format("{:.2f}", v) : pounds_and_pence(v); };
  for (const auto& e : shift_effects(run)) {
    const auto& b = run.state.commissioners[e.holder];
    const auto& a = run.after->commissioners[e.holder];
    t.add_row({run.set.holders[e.holder].code, pence(with_contracts_mean(b)),
               pence(with_contracts_mean(a)),
               pence(with_contracts_mean(a) - with_contracts_mean(b)),
               money(b.exact_sd_with_contracts, csv), money(a.exact_sd_with_contracts, csv),
               probability(b.with_contracts.p_overspend_5pct, csv),
               probability(a.with_contracts.p_overspend_5pct, csv),
               money(b.with_contracts.reserve99, csv), money(a.with_contracts.reserve99, csv),
               pence(e.transition_cost), std::to_string(e.years)});
  }
  return t;
}

// Providers whose income or margin risk the shifts change.
TextTable shift_provider_table(const CommissioningRun& run, bool csv) {
  TextTable t;
  t.headers = {"provider",      "kind",         "income_before",    "income_after",
               "margin_before", "margin_after", "sd_margin_before", "sd_margin_after"};
  t.right_align = {false, false, true, true, true, true, true, true};
  for (const auto& a : run.after->providers) {
    const ProviderResult* b = nullptr;
    for (const auto& r : run.state.providers)
      if (r.provider == a.provider) b = &r;
    const ProviderResult none{};
    const auto& before = b ? *b : none;
    if (std::fabs(a.expected_income - before.expected_income) < 0.005 &&
        std::fabs(a.sd_margin - before.sd_margin) < 0.005)
      continue;
    const auto& p = run.model.providers[a.provider];
    t.add_row({p.code, std::string(provider_kind_label(p.kind)), money(before.expected_income, csv),
               money(a.expected_income, csv), money(before.expected_margin, csv),
               money(a.expected_margin, csv), money(before.sd_margin, csv),
               money(a.sd_margin, csv)});
  }
  return t;
}

TextTable schedule_table(const CommissioningRun& run, bool csv) {
  TextTable t;
  t.headers = {"commissioner",    "year",      "phase_pct", "money_moved", "change_in_mean",
               "transition_cost", "net_change"};
  t.right_align = {false, true, true, true, true, true, true};
  const auto pence = [&](double v) { return csv ? fmt::format("{:.2f}", v) : pounds_and_pence(v); };
  for (const auto& e : shift_effects(run)) {
    const double change = with_contracts_mean(run.after->commissioners[e.holder]) -
                          with_contracts_mean(run.state.commissioners[e.holder]);
    for (int y = 1; y <= e.years + 1; ++y) {
      const double phase = std::min(1.0, static_cast<double>(y) / e.years);
      const double transition = y <= e.years ? e.transition_cost / e.years : 0.0;
      t.add_row({run.set.holders[e.holder].code, std::to_string(y),
                 fmt::format("{:.1f}", 100 * phase), pence(phase * e.money), pence(phase * change),
                 pence(transition), pence(phase * change + transition)});
    }
  }
  return t;
}

std::string pounds_and_pence(double value) {
  const auto pence = std::llround(value * 100);
  const auto magnitude = pence < 0 ? -pence : pence;
  return fmt::format("{}{}.{:02}", pence < 0 ? "-" : "", with_thousands(magnitude / 100),
                     magnitude % 100);
}

nlohmann::json commissioning_json(const CommissioningRun& run, const ServiceModel& model) {
  nlohmann::json j = state_json(run, model, run.state);
  j["level"] = run.set.level;
  j["budget"] = run.budget_source;
  j["notes"] = run.notes;
  if (run.after) {
    nlohmann::json movements = nlohmann::json::array();
    for (const auto& m : run.movements) {
      const auto& s = run.inputs.shifts[m.shift];
      movements.push_back({{"shift", s.name},
                           {"commissioner", m.commissioner},
                           {"service", s.service},
                           {"from", provider_kind_label(s.from)},
                           {"to", provider_kind_label(s.to)},
                           {"share", s.share},
                           {"unit_cost_ratio", s.unit_cost_ratio},
                           {"events_moved", m.events},
                           {"money_moved", m.money},
                           {"cost_at_new_setting", m.new_cost},
                           {"transition_cost", s.transition_cost},
                           {"years", s.years},
                           {"rebase_from", s.rebase_from},
                           {"rebase_to", s.rebase_to}});
    }
    nlohmann::json effects = nlohmann::json::array();
    for (const auto& e : shift_effects(run)) {
      const auto& b = run.state.commissioners[e.holder];
      const auto& a = run.after->commissioners[e.holder];
      effects.push_back(
          {{"commissioner", run.set.holders[e.holder].code},
           {"money_moved", e.money},
           {"cost_at_new_setting", e.new_cost},
           {"expected_payment_before", with_contracts_mean(b)},
           {"expected_payment_after", with_contracts_mean(a)},
           {"change_in_expected_payment", with_contracts_mean(a) - with_contracts_mean(b)},
           {"sd_before", b.exact_sd_with_contracts},
           {"sd_after", a.exact_sd_with_contracts},
           {"before", measures_json(b.with_contracts)},
           {"after", measures_json(a.with_contracts)},
           {"transition_cost", e.transition_cost},
           {"years", e.years}});
    }
    j["pathway_shifts"] = {{"movements", movements},
                           {"commissioners", effects},
                           {"after", state_json(run, model, *run.after)}};
  }
  return j;
}

std::string commissioning_table_csv(const CommissioningRun& run, const ServiceModel& model,
                                    CommissioningTable table) {
  switch (table) {
    case CommissioningTable::providers:
      return provider_table(run, run.state, true).render_csv();
    case CommissioningTable::commissioners:
      return commissioner_table(run, run.state, true).render_csv();
    case CommissioningTable::shifts:
      return movement_table(run, true).render_csv();
    case CommissioningTable::contracts:
      break;
  }
  return contract_table(run, model, run.state, true).render_csv();
}

std::string commissioning_text(const CommissioningRun& run, const ServiceModel& model) {
  std::string out = fmt::format(
      "Contracts at level {} ({} contracts, {} providers with income, {} budget holders); money in "
      "£ a year; commissioner_share = Cov(provider cost, payment) / Var(provider cost), the share "
      "of the cost's variance the commissioner bears (the provider bears the rest)\n",
      run.set.level, run.state.contracts.size(), run.state.providers.size(),
      run.state.commissioners.size());
  out += contract_table(run, model, run.state, false).render_text();
  out +=
      "\nProviders: income and margin over all their contracts and non-contract activity "
      "(paid at tariff); p_loss = P(margin < 0)\n";
  out += provider_table(run, run.state, false).render_text();
  out += fmt::format(
      "\nBudget holders: their annual payments with every activity paid at tariff, and with "
      "their contracts in force; budget: {}\n",
      run.budget_source);
  out += commissioner_table(run, run.state, false).render_text();
  if (run.after) {
    out +=
        "\nPathway shifts: activity moved per year at full effect (value at the old tariff; "
        "cost at the new setting = unit-cost ratio x value)\n";
    out += movement_table(run, false).render_text();
    out +=
        "\nEffect on each commissioner's payments with its contracts in force (before and "
        "after every shift, at full effect)\n";
    out += shift_effect_table(run, false).render_text();
    out += "\nWho bears the change: providers whose income or margin risk moves\n";
    out += shift_provider_table(run, false).render_text();
    out +=
        "\nYear by year: the shift phases in linearly; change_in_mean scales the full-effect "
        "change by the phase (exact while no cap or floor binds); transition costs are spent "
        "evenly over the phase-in years\n";
    out += schedule_table(run, false).render_text();
  }
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

}  // namespace pco

#include "report/appraisal_report.hpp"

#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "core/number_format.hpp"

namespace pco {

namespace {

std::string pounds(double v) {
  if (std::isnan(v)) return "n/a";
  return money(v);
}

std::string fixed_or(double v, int digits) {
  if (std::isnan(v)) return "not computable";
  return fixed(v, digits);
}

std::string share(double v, int digits = 1) {
  if (std::isnan(v)) return "not computable";
  return percent(v, digits);
}

std::string npv_range(const Uncertainty& u) {
  if (u.draws == 0) return "-";
  return fmt::format("{} to {}", money(u.p05), money(u.p95));
}

std::string break_even(const std::optional<int>& year, bool none) {
  return none ? std::string("-") : year ? std::to_string(*year) : std::string("never");
}

struct Row {
  std::string label;
  std::function<std::string(const ConfigurationAppraisal&)> value;
};

std::vector<Row> rows() {
  return {
      {"level", [](const auto& c) { return c.level; }},
      {"organisations", [](const auto& c) { return count(c.structure.organisations.size()); }},
      {"federations", [](const auto& c) { return count(c.federations); }},
      {"population", [](const auto& c) { return count(c.structure.population); }},
      {"mean population per organisation",
       [](const auto& c) { return count(std::llround(c.metrics.mean_population)); }},
      {"practices per organisation",
       [](const auto& c) { return fixed_or(c.metrics.practices_per_organisation, 1); }},
      {"networks per organisation",
       [](const auto& c) { return fixed_or(c.metrics.networks_per_organisation, 1); }},
      {"P(overspend ≥ 5%), population-weighted",
       [](const auto& c) { return probability(c.metrics.p_overspend_5pct); }},
      {"CV of annual cost, population-weighted",
       [](const auto& c) { return share(c.metrics.cv, 2); }},
      {"99% reserves, total", [](const auto& c) { return pounds(c.structure.reserve99); }},
      {"management cost a year", [](const auto& c) { return pounds(c.metrics.management_cost); }},
      {"management cost per head",
       [](const auto& c) {
         return fmt::format("£{}", fixed(c.metrics.management_cost_per_head, 2));
       }},
      {"engagement proxy (0–1), population-weighted",
       [](const auto& c) { return fixed_or(c.metrics.engagement, 3); }},
      {"population in organisations ≤ best buy-in mark",
       [](const auto& c) { return share(c.metrics.share_best_buy_in); }},
      {"population in organisations > remote mark",
       [](const auto& c) { return share(c.metrics.share_remote); }},
      {"largest share of a provider's income",
       [](const auto& c) { return share(c.metrics.max_provider_share); }},
      {"mean |distance from target|",
       [](const auto& c) {
         return std::isnan(c.metrics.mean_abs_distance_from_target_pct)
                    ? std::string("not computable")
                    : percent_value(c.metrics.mean_abs_distance_from_target_pct, 2);
       }},
      {"practices moved (changing organisation)",
       [](const auto& c) { return count(c.structure.practices_moved); }},
      {"people moved", [](const auto& c) { return count(c.structure.people_moved); }},
      {"people in reorganised organisations",
       [](const auto& c) { return count(c.structure.people_reorganised); }},
      {"status-quo organisations merged or changed",
       [](const auto& c) { return count(c.structure.organisations_merged); }},
      {"running-cost saving a year (when realised)",
       [](const auto& c) { return pounds(c.change.running_saving); }},
      {"change in 99% reserves", [](const auto& c) { return pounds(c.change.reserve_change); }},
      {"transition cost (one-off)",
       [](const auto& c) { return pounds(c.cashflow.total_transition); }},
      {"dip loss (undiscounted)", [](const auto& c) { return pounds(c.cashflow.total_dip); }},
      {"NPV against the status quo", [](const auto& c) { return pounds(c.cashflow.npv); }},
      {"break-even year",
       [](const auto& c) { return break_even(c.cashflow.break_even_year, c.status_quo); }},
      {"NPV mean over parameter ranges",
       [](const auto& c) {
         return c.npv_uncertainty.draws == 0
                    ? std::string("-")
                    : fmt::format("{} (± {})", money(c.npv_uncertainty.mean),
                                  money(c.npv_uncertainty.standard_error));
       }},
      {"NPV 5th–95th percentile over parameter ranges",
       [](const auto& c) { return npv_range(c.npv_uncertainty); }},
      {"P(NPV > 0) over parameter ranges",
       [](const auto& c) {
         return c.status_quo || c.npv_uncertainty.draws == 0
                    ? std::string("-")
                    : probability(c.npv_uncertainty.probability_positive);
       }},
  };
}

}  // namespace

TextTable appraisal_side_by_side(const AppraisalResults& r) {
  TextTable t;
  t.headers.push_back("metric");
  t.right_align.push_back(false);
  for (const auto& c : r.configurations) {
    t.headers.push_back(c.name);
    t.right_align.push_back(true);
  }
  for (const auto& row : rows()) {
    std::vector<std::string> cells{row.label};
    for (const auto& c : r.configurations)
      cells.push_back(row.value(c));
    t.add_row(std::move(cells));
  }
  return t;
}

TextTable appraisal_organisations(const AppraisalResults& r, bool for_csv) {
  TextTable t;
  t.headers = {"configuration",
               "code",
               "name",
               "federation",
               "risk_pool",
               "population",
               "practices",
               "networks",
               "expected_cost_gbp",
               "p_over_5pct",
               "cv_pct",
               "reserve99_gbp",
               "management_cost_gbp",
               "engagement_proxy",
               "max_provider_share",
               "distance_from_target_pct"};
  t.right_align = {false, false, false, false, false, true, true, true,
                   true,  true,  true,  true,  true,  true, true, true};
  // Whole pounds with separators in the text; the CSV keeps plain figures.
  const auto money = [&](double v) {
    return for_csv ? fmt::format("{:.0f}", v) : count(std::llround(v));
  };
  for (const auto& c : r.configurations) {
    for (const auto& o : c.structure.organisations) {
      t.add_row(
          {c.name, o.code, o.name, o.federation, o.risk_pool,
           for_csv ? std::to_string(o.population) : count(o.population),
           std::to_string(o.practices), std::to_string(o.networks), money(o.expected_cost),
           for_csv ? fmt::format("{:.2e}", o.p_overspend_5pct) : probability(o.p_overspend_5pct),
           fmt::format("{:.3f}", 100 * o.cv), money(o.reserve99), money(o.management_cost),
           fmt::format("{:.3f}", o.engagement),
           std::isnan(o.max_provider_share) ? "" : fmt::format("{:.4f}", o.max_provider_share),
           std::isnan(o.distance_from_target_pct)
               ? ""
               : fmt::format("{:.2f}", o.distance_from_target_pct)});
    }
  }
  return t;
}

TextTable appraisal_focus_table(const AppraisalResults& r, const std::string& code) {
  TextTable t;
  t.headers.push_back(code);
  t.right_align.push_back(false);
  std::vector<const OrganisationView*> views;
  for (const auto& c : r.configurations) {
    if (c.status_quo) continue;
    const OrganisationView* found = nullptr;
    for (const auto& v : c.organisations)
      if (v.code == code) found = &v;
    if (found == nullptr) continue;
    t.headers.push_back(c.name);
    t.right_align.push_back(true);
    views.push_back(found);
  }
  const auto row = [&](const std::string& label, const auto& value) {
    std::vector<std::string> cells{label};
    for (const auto* v : views)
      cells.push_back(value(*v));
    t.add_row(std::move(cells));
  };
  const auto before_after = [](const std::string& a, const std::string& b) {
    return a == b ? a : a + " → " + b;
  };
  row("changes for it", [](const auto& v) { return std::string(v.changed ? "yes" : "no"); });
  row("becomes part of", [](const auto& v) {
    return fmt::format("{} ({} people){}", v.successor, people(v.successor_population),
                       v.federation.empty() ? "" : ", in federation " + v.federation);
  });
  row("people moved", [](const auto& v) { return count(v.people_moved); });
  row("budget a year (the allocation)", [](const auto& v) { return pounds(v.budget_before); });
  row("P(overspend ≥ 5%)", [&](const auto& v) {
    return before_after(probability(v.p_overspend_5pct_before),
                        probability(v.p_overspend_5pct_after));
  });
  row("99% reserve (its share)", [&](const auto& v) {
    return before_after(pounds(v.reserve99_before), pounds(v.reserve99_after));
  });
  row("management cost a year", [&](const auto& v) {
    return before_after(pounds(v.management_cost_before), pounds(v.management_cost_after));
  });
  row("running-cost saving a year (when realised)",
      [](const auto& v) { return money_change(v.change.running_saving); });
  row("transition cost (one-off, its share)",
      [](const auto& v) { return pounds(v.cashflow.total_transition); });
  row("dip loss (undiscounted)", [](const auto& v) { return pounds(v.cashflow.total_dip); });
  row("its NPV against staying as it is", [](const auto& v) { return pounds(v.cashflow.npv); });
  row("NPV 5th–95th percentile", [](const auto& v) { return npv_range(v.npv_uncertainty); });
  row(fmt::format("P(it pays back within {} years)", r.years), [](const auto& v) {
    return !v.changed || v.npv_uncertainty.draws == 0
               ? std::string("-")
               : probability(v.npv_uncertainty.probability_positive);
  });
  row("break-even year",
      [](const auto& v) { return break_even(v.cashflow.break_even_year, !v.changed); });
  return t;
}

TextTable appraisal_tornado(const AppraisalResults& r) {
  TextTable t;
  t.headers = {"configuration", "parameter", "low",         "high",         "npv_low",
               "npv_high",      "swing",     "best_at_low", "best_at_high", "flips_decision"};
  t.right_align = {false, false, true, true, true, true, true, false, false, false};
  for (const auto& e : r.tornado) {
    t.add_row({e.configuration, e.parameter, plain_number(e.low), plain_number(e.high),
               pounds(e.npv_low), pounds(e.npv_high), pounds(std::abs(e.npv_high - e.npv_low)),
               e.best_at_low, e.best_at_high, e.flips ? "YES" : "no"});
  }
  return t;
}

std::string appraisal_text(const AppraisalResults& r, bool detail, const std::string& focus) {
  std::string out;
  if (!focus.empty()) {
    out += fmt::format(
        "Organisation {}: its own part of each alternative (its share, by people, of the "
        "organisations its practices join; NPV against staying as it is over {} years)\n\n",
        focus, r.years);
    out += appraisal_focus_table(r, focus).render_text();
    out += "\nEngland (all organisations) second:\n\n";
  }
  out += fmt::format(
      "Configurations side by side ({} years, discount rate {:.1f}%; "
      "best at base parameters: {})\n\n",
      r.years, 100 * r.parameters.get("discount_rate"), r.best);
  out += appraisal_side_by_side(r).render_text();
  out += "\nTornado: NPV vs status quo with one parameter at its low/high value\n\n";
  out += appraisal_tornado(r).render_text();
  if (detail) {
    out += "\nOrganisations\n\n";
    out += appraisal_organisations(r, false).render_text();
  }
  out += "\nBudgets: " + r.budget_basis + "\n";
  for (const auto& n : r.notes)
    out += "\nnote: " + n + "\n";
  return out;
}

}  // namespace pco

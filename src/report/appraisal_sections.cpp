#include "report/appraisal_sections.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/number_format.hpp"
#include "report/appraisal_report.hpp"
#include "report/run_lookup.hpp"
#include "report/svg_chart.hpp"

namespace pco {

namespace {

// Bars drawn per tornado: the rest have smaller swings and are in the table.
constexpr std::size_t kTornadoBars = 8;

std::string tornado_chart(const AppraisalResults& r, const std::string& configuration) {
  std::vector<Bar> bars;
  for (const auto& e : r.tornado) {
    if (e.configuration != configuration || bars.size() >= kTornadoBars) continue;
    bars.push_back({fmt::format("{} ({} to {}){}", human_label(e.parameter), plain_number(e.low),
                                plain_number(e.high), e.flips ? ", flips the decision" : ""),
                    std::abs(e.npv_high - e.npv_low), e.flips ? 1u : 0u});
  }
  return svg_bar_chart(bars, fmt::format("{}: swing in NPV, parameter low to high", configuration),
                       "swing in NPV", 640, [](double v) { return money(v); });
}

TextTable readable_tornado(const AppraisalResults& r) {
  TextTable t;
  t.headers = {"Configuration", "Parameter", "Low",         "High",         "NPV at low",
               "NPV at high",   "Swing",     "Best at low", "Best at high", "Changes the decision"};
  t.right_align = {false, false, true, true, true, true, true, false, false, false};
  for (const auto& e : r.tornado)
    t.add_row({e.configuration, human_label(e.parameter), plain_number(e.low), plain_number(e.high),
               money(e.npv_low), money(e.npv_high), money(std::abs(e.npv_high - e.npv_low)),
               e.best_at_low, e.best_at_high, e.flips ? "yes" : "no"});
  return t;
}

}  // namespace

std::vector<ReportSection> appraisal_sections(const AppraisalResults& r) {
  std::vector<ReportSection> out;
  std::string html = fmt::format(
      "<p>Each configuration against the status quo over {} years at a {} discount rate; best "
      "at the base parameters: <b>{}</b>. The engagement figure is a proxy (organisation size "
      "against the 30k and 100k marks), not a measurement. Formulas, defaults and sources: "
      "docs/appraisal.md.</p>",
      r.years, percent(r.parameters.get("discount_rate")), html_escape(r.best));
  html += html_table(appraisal_side_by_side(r));
  std::vector<Bar> npv;
  for (std::size_t i = 0; i < r.configurations.size(); ++i)
    npv.push_back({r.configurations[i].name, r.configurations[i].cashflow.npv, i});
  html += svg_bar_chart(npv, "NPV against the status quo", "net present value", 640,
                        [](double v) { return money(v); });
  out.push_back({"appraisal", "Configurations appraised", html});

  std::string tornado =
      "<p>One parameter at a time at its low and high value; bars in the second colour change "
      "which configuration is best.</p>";
  for (const auto& c : r.configurations)
    if (!c.status_quo) tornado += tornado_chart(r, c.name);
  tornado += html_table(readable_tornado(r));
  out.push_back({"appraisal-tornado", "Appraisal sensitivity", tornado});
  return out;
}

std::optional<ReportSection> appraisal_focus_section(const StoredRun& run, std::size_t level,
                                                     const std::string& code) {
  const auto views = appraisal_views(run, code);
  if (views.empty()) return std::nullopt;
  const auto name = organisation_label(run, level, code);
  const int horizon = views.front().configuration->years;
  TextTable t;
  t.headers = {name};
  t.right_align = {false};
  for (const auto& v : views) {
    t.headers.push_back(v.configuration->name);
    t.right_align.push_back(true);
  }
  const auto row = [&](const std::string& label, const auto& value) {
    std::vector<std::string> cells{label};
    for (const auto& v : views)
      cells.push_back(value(*v.view));
    t.add_row(std::move(cells));
  };
  const auto change = [](const std::string& a, const std::string& b) {
    return a == b ? a : a + " → " + b;
  };
  row("Changes for it", [](const auto& v) { return std::string(v.changed ? "yes" : "no"); });
  row("Becomes part of", [](const auto& v) {
    return fmt::format("{} ({} people){}", v.successor, people(v.successor_population),
                       v.federation.empty() ? "" : ", in federation " + v.federation);
  });
  row("People moved", [](const auto& v) { return count(v.people_moved); });
  row("Budget a year (its allocation)", [](const auto& v) { return money(v.budget_before); });
  row("P(overspend ≥ 5%)", [&](const auto& v) {
    return change(probability(v.p_overspend_5pct_before), probability(v.p_overspend_5pct_after));
  });
  row("99% reserve (its share)",
      [&](const auto& v) { return change(money(v.reserve99_before), money(v.reserve99_after)); });
  row("Management cost a year", [&](const auto& v) {
    return change(money(v.management_cost_before), money(v.management_cost_after));
  });
  row("Transition cost (one-off, its share)",
      [](const auto& v) { return money(v.cashflow.total_transition); });
  row("Performance dip (undiscounted)", [](const auto& v) { return money(v.cashflow.total_dip); });
  row(fmt::format("Its NPV over {} years", horizon),
      [](const auto& v) { return money(v.cashflow.npv); });
  row("NPV, 5th–95th percentile", [](const auto& v) {
    return v.npv_uncertainty.draws == 0
               ? std::string("–")
               : money(v.npv_uncertainty.p05) + " to " + money(v.npv_uncertainty.p95);
  });
  row(fmt::format("Chance it pays back within {} years", horizon), [](const auto& v) {
    return !v.changed || v.npv_uncertainty.draws == 0
               ? std::string("–")
               : probability(v.npv_uncertainty.probability_positive);
  });
  row("Break-even year", [](const auto& v) {
    return !v.changed                   ? std::string("–")
           : v.cashflow.break_even_year ? std::to_string(*v.cashflow.break_even_year)
                                        : std::string("never");
  });
  std::string html = fmt::format(
      "<p>{}'s own part of each alternative: its share, by people, of every organisation its "
      "practices join — their management cost, reserves and risk — and of the change's cost "
      "(transition for its people who move, the performance dip for its people in reorganised "
      "organisations). Its NPV is against staying as it is; the organisations' NPVs add up to "
      "each configuration's.</p>",
      html_escape(name));
  html += html_table(t);
  TextTable national;
  national.headers = {"Whole economy", "NPV", "5th–95th percentile", "Chance it pays back",
                      "People moved"};
  national.right_align = {false, true, true, true, true};
  for (const auto& c : run.appraisal) {
    if (c.status_quo) continue;
    national.add_row(
        {c.name + (c.best ? " (best)" : ""), money(c.npv),
         c.npv_uncertainty.draws == 0
             ? "–"
             : money(c.npv_uncertainty.p05) + " to " + money(c.npv_uncertainty.p95),
         c.npv_uncertainty.draws == 0 ? "–" : probability(c.npv_uncertainty.probability_positive),
         count(c.people_moved)});
  }
  html += "<h3>The whole economy</h3>" + html_table(national);
  return ReportSection{"appraisal-focus", "Merge, federate or stay: " + code, html};
}

}  // namespace pco

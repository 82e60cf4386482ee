#include "report/budget_section.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/number_format.hpp"
#include "report/run_lookup.hpp"
#include "report/svg_chart.hpp"

namespace pco {

std::optional<ReportSection> budget_section(const StoredRun& run, std::size_t level) {
  const auto& r = run.risk.reconciliation;
  if (r.expected_cost <= 0) return std::nullopt;
  std::string html;
  if (r.warning) html += warning_html(*r.warning);
  html += "<p>" + html_escape(r.explanation) + "</p>";

  const double budgets = r.from_allocation ? static_cast<double>(r.allocation_pence) / 100
                                           : r.expected_cost * (1 + r.margin);
  TextTable national;
  national.headers = {"Whole economy", "Amount", "Share of expected cost"};
  national.right_align = {false, true, true};
  national.add_row(
      {r.from_allocation ? "Budgets: the allocation" : "Budgets: expected cost × (1 + margin)",
       money_exact(budgets), percent(budgets / r.expected_cost, 2)});
  national.add_row({"The service model's expected cost", money_exact(r.expected_cost), "100.00%"});
  national.add_row({"Gap (budgets − expected cost)", money_exact(budgets - r.expected_cost),
                    percent(budgets / r.expected_cost - 1, 2, true)});
  html += html_table(national);

  TextTable services;
  services.headers = {"Service", "Held at", "Expected cost", "Share"};
  services.right_align = {false, false, true, true};
  for (const auto& s : r.services)
    services.add_row({human_label(s.name), s.level, money(s.expected_cost),
                      percent(s.expected_cost / r.expected_cost)});
  html += "<h3>What the budgets pay for</h3>" + html_table(services);
  if (r.from_allocation && !r.components.empty()) {
    std::string components;
    for (std::size_t i = 0; i < r.components.size(); ++i)
      components += (i == 0 ? "" : ", ") + human_label(r.components[i]);
    html +=
        fmt::format("<p class=\"note\">The formula's quantum ({}) covers its components: {}.</p>",
                    money_pence(r.quantum_pence), html_escape(components));
  }

  // Per organisation at the lead level: budget against the model's view.
  std::vector<const HolderRisk*> holders;
  for (const auto& h : run.risk.holders)
    if (h.level == run.levels[level]) holders.push_back(&h);
  if (!holders.empty()) {
    std::stable_sort(holders.begin(), holders.end(), [](const auto* a, const auto* b) {
      return a->budget / a->expected_cost < b->budget / b->expected_cost;
    });
    double largest = 0;
    for (const auto* h : holders)
      largest = std::max(largest, h->budget);
    const auto unit = money_unit_for(largest);
    TextTable t;
    t.headers = {"Organisation",
                 fmt::format("Budget ({})", unit),
                 fmt::format("Expected cost ({})", unit),
                 fmt::format("Gap ({})", unit),
                 "Gap",
                 "Distance from target"};
    t.right_align = {false, true, true, true, true, true};
    for (const auto* h : holders) {
      const auto* a = find_allocation(run, level, h->code);
      t.add_row({organisation_label(run, level, h->code), money_in_unit(h->budget, unit),
                 money_in_unit(h->expected_cost, unit),
                 money_in_unit(h->budget - h->expected_cost, unit),
                 percent(h->budget / h->expected_cost - 1, 2, true),
                 a ? percent_value(a->distance_from_target_pct, 2, true) : "–"});
    }
    html += "<h3>Each organisation: budget against the model's expected cost</h3>" + html_table(t) +
            "<p class=\"note\">Sorted from the budget furthest below the model's expected cost. "
            "An organisation's gap is its distance from target (pace of change) plus whatever "
            "the formula weighs differently from the service model (need the formula cannot "
            "see, other cost weights), plus the national gap above.</p>";
  }
  return ReportSection{"budgets", "Budgets: the allocation against the service model", html};
}

}  // namespace pco

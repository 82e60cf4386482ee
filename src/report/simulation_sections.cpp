#include "report/simulation_sections.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/number_format.hpp"
#include "core/table.hpp"
#include "report/svg_chart.hpp"

namespace pco {

namespace {

std::string with_se(const Estimate& e, std::string_view unit) {
  return fmt::format("{} ± {}", money_in_unit(e.value, unit, 2), money_in_unit(e.se, unit, 2));
}

std::string chance(const Estimate& e) {
  return probability_with_se(e.value, e.se);
}

}  // namespace

std::vector<ReportSection> simulation_sections(const SimulationResults& r,
                                               const std::string& focus) {
  const auto& s = r.settings;
  const auto years = static_cast<std::size_t>(std::max(s.years, 1));
  const std::size_t holders = r.rows.size() / years;
  // The holder drawn: the focus, else the one most likely to overspend at some point.
  std::size_t chosen = holders;
  double largest = 0;
  for (std::size_t h = 0; h < holders; ++h) {
    const auto& last = r.rows[h * years + years - 1];
    largest = std::max(largest, last.budget);
    if (!focus.empty() && last.code == focus) chosen = h;
  }
  if (chosen == holders) {
    double worst = -1;
    for (std::size_t h = 0; h < holders; ++h)
      if (r.rows[h * years + years - 1].p_any_overspend.value > worst) {
        worst = r.rows[h * years + years - 1].p_any_overspend.value;
        chosen = h;
      }
  }
  const auto unit = money_unit_for(largest);

  std::string html = fmt::format(
      "<p>{} replications of {} years at level {} (seed {}): budgets grow {} a year and demand "
      "{}; good and bad years are shared nationally (CV {}) and by region (CV {}); an overspend "
      "is repaid from next year's budget up to {} of it and an underspend kept up to {}{}. The "
      "cumulative deficit is the overspend not met from the holder's own budgets. ± is one Monte "
      "Carlo standard error. Model: docs/simulation.md.</p>",
      count(static_cast<long long>(s.replications)), s.years, html_escape(r.level), s.seed,
      percent(s.budget_growth), percent(s.demand_growth), percent(s.shock_cv),
      percent(s.regional_shock_cv), percent(s.overspend_repay_cap), percent(s.underspend_keep_cap),
      s.arrangement.empty() ? "" : "; corridor " + html_escape(s.arrangement));
  if (chosen < holders) {
    std::vector<FanPoint> fan;
    for (std::size_t y = 0; y < years; ++y) {
      const auto& row = r.rows[chosen * years + y];
      const auto& q = row.cost_quantiles;
      const double k = unit == "£bn" ? 1e9 : unit == "£m" ? 1e6 : unit == "£k" ? 1e3 : 1;
      fan.push_back({static_cast<double>(row.year), q[0].value / k, q[1].value / k, q[2].value / k,
                     q[3].value / k, q[4].value / k, row.budget / k});
    }
    const auto& code = r.rows[chosen * years].code;
    const auto name = chosen < r.holder_names.size() && r.holder_names[chosen] != code
                          ? code + " " + r.holder_names[chosen]
                          : code;
    html += svg_fan_chart(fan, fmt::format("{}: simulated cost each year against its budget", name),
                          "year", fmt::format("annual cost ({})", unit), "budget",
                          [&](double v) { return fixed(v, unit == "£" ? 0 : 1); });
    const auto& last = r.rows[chosen * years + years - 1];
    html += fmt::format(
        "<p class=\"note\">{}{}: the bands hold the middle 90% and 50% of simulated years, the "
        "line is the median, the dashes the budget. Chance of at least one overspend in {} years: "
        "{}.</p>",
        html_escape(name),
        code == focus ? "" : " (the organisation most likely to overspend at some point)", s.years,
        chance(last.p_any_overspend));
  }

  TextTable summary;
  summary.headers = {"Code",
                     "Name",
                     "Population",
                     fmt::format("Budget, year 1 ({})", unit),
                     "P(overspend), year 1",
                     fmt::format("P(any overspend in {} years)", s.years),
                     fmt::format("Cumulative deficit, mean ({})", unit),
                     fmt::format("Cumulative deficit, 95th percentile ({})", unit)};
  summary.right_align = {false, false, true, true, true, true, true, true};
  for (std::size_t h = 0; h < holders; ++h) {
    const auto& first = r.rows[h * years];
    const auto& last = r.rows[h * years + years - 1];
    summary.add_row({first.code, h < r.holder_names.size() ? r.holder_names[h] : "",
                     h < r.populations.size() ? count(r.populations[h]) : "",
                     money_in_unit(first.budget, unit), chance(first.p_overspend),
                     chance(last.p_any_overspend), with_se(last.deficit_mean, unit),
                     with_se(last.deficit_q95, unit)});
  }
  html += html_table(summary);

  TextTable by_year;
  by_year.headers = {"Code",
                     "Year",
                     fmt::format("Budget ({})", unit),
                     fmt::format("Mean cost ({})", unit),
                     "Outturn, 5th percentile",
                     "Outturn, median",
                     "Outturn, 95th percentile",
                     "P(overspend)",
                     "P(any overspend so far)",
                     fmt::format("Cumulative deficit, 95th percentile ({})", unit)};
  by_year.right_align.assign(by_year.headers.size(), true);
  by_year.right_align[0] = false;
  for (const auto& row : r.rows)
    by_year.add_row({row.code, std::to_string(row.year), money_in_unit(row.budget, unit),
                     with_se(row.cost_mean, unit), percent(row.outturn_q05.value, 2, true),
                     percent(row.outturn_q50.value, 2, true),
                     percent(row.outturn_q95.value, 2, true), chance(row.p_overspend),
                     chance(row.p_any_overspend), with_se(row.deficit_q95, unit)});
  const std::string years_html =
      "<p>Outturn = (cost − available budget) / budget, where the available budget is the "
      "year's budget plus the underspend kept or minus the overspend repaid.</p>" +
      html_table(by_year, 1000);
  return {{"simulation", "Budgets over the years (simulation)", html},
          {"simulation-years", "Simulation, every holder and year", years_html}};
}

}  // namespace pco

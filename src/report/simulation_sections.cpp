#include "report/simulation_sections.hpp"

#include <cmath>

#include <fmt/format.h>

#include "report/svg_chart.hpp"
#include "report/table.hpp"

namespace pco {

namespace {

std::string pounds(const Estimate& e) {
  return fmt::format("{} ±{}", with_thousands(std::llround(e.value)),
                     with_thousands(std::llround(e.se)));
}

std::string percent(const Estimate& e) {
  return fmt::format("{:.1f} ±{:.1f}", 100 * e.value, 100 * e.se);
}

}  // namespace

std::vector<ReportSection> simulation_sections(const SimulationResults& r) {
  const auto& s = r.settings;
  TextTable summary;
  summary.headers = {"code",
                     "name",
                     "population",
                     "budget year 1 £",
                     "P(overspend) year 1 %",
                     fmt::format("P(any overspend in {} years) %", s.years),
                     "cum. deficit mean £",
                     "cum. deficit median £",
                     "cum. deficit q95 £"};
  summary.right_align = {false, false, true, true, true, true, true, true, true};
  std::size_t h = 0;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const auto& row = r.rows[i];
    if (row.year != s.years) continue;
    const auto& first = r.rows[i + 1 - static_cast<std::size_t>(s.years)];
    summary.add_row({row.code, r.holder_names[h], with_thousands(r.populations[h]),
                     with_thousands(std::llround(first.budget)), percent(first.p_overspend),
                     percent(row.p_any_overspend), pounds(row.deficit_mean),
                     pounds(row.deficit_q50), pounds(row.deficit_q95)});
    ++h;
  }
  std::string html = fmt::format(
      "<p>{} replications × {} years at level {}, seed {}: budget growth {:g}%, demand growth "
      "{:g}% a year; common shock CV {:g}%, regional shock CV {:g}%; overspend repaid from next "
      "year's budget up to {:g}% of it, underspend kept up to {:g}%{}. The cumulative deficit is "
      "the overspend not met from the holder's own budgets (written off plus still owed). ± is "
      "the Monte Carlo standard error. Model and formulas: docs/simulation.md.</p>",
      s.replications, s.years, html_escape(r.level), s.seed, 100 * s.budget_growth,
      100 * s.demand_growth, 100 * s.shock_cv, 100 * s.regional_shock_cv,
      100 * s.overspend_repay_cap, 100 * s.underspend_keep_cap,
      s.arrangement.empty() ? "" : "; corridor " + html_escape(s.arrangement));
  html += html_table(summary);

  TextTable years;
  years.headers = {
      "code",          "year",          "budget £",       "mean cost £",     "outturn q05 %",
      "outturn q50 %", "outturn q95 %", "P(overspend) %", "P(any so far) %", "cum. deficit q95 £"};
  years.right_align.assign(years.headers.size(), true);
  years.right_align[0] = false;
  for (const auto& row : r.rows)
    years.add_row({row.code, std::to_string(row.year), with_thousands(std::llround(row.budget)),
                   pounds(row.cost_mean), percent(row.outturn_q05), percent(row.outturn_q50),
                   percent(row.outturn_q95), percent(row.p_overspend), percent(row.p_any_overspend),
                   pounds(row.deficit_q95)});
  const std::string by_year =
      "<p>Outturn = (cost − available budget) / budget, where the available budget is the "
      "year's budget plus the underspend kept or minus the overspend repaid.</p>" +
      html_table(years);
  return {{"simulation", "Budgets over the years (simulation)", html},
          {"simulation-years", "Simulation, every holder and year", by_year}};
}

}  // namespace pco

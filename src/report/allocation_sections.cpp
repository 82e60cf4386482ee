#include "report/allocation_sections.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "core/number_format.hpp"
#include "report/run_lookup.hpp"
#include "report/svg_chart.hpp"

namespace pco {

ReportSection need_basis_section(const NeedBasis& basis) {
  return {
      "need-basis", "Need basis: ages imputed",
      "<p style=\"border:2px solid "
      "#b00;padding:0.6em;background:#fee\"><strong>Warning:</strong> " +
          html_escape(basis.warning()) +
          ". Fair shares, need indices and expected costs in "
          "this report do not reflect real differences in age or need for those practices.</p>"};
}

std::vector<ReportSection> allocation_sections(const StoredRun& run, std::size_t level) {
  const auto& allocations = run.allocations.at(level);
  if (allocations.empty()) return {};
  std::int64_t total = 0, largest = 0;
  for (const auto& a : allocations) {
    total += a.allocation_pence;
    largest = std::max(largest, a.allocation_pence);
  }
  std::vector<std::size_t> order(allocations.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return allocations[x].need_index > allocations[y].need_index;
  });
  std::vector<Bar> bars;
  for (const auto i : order)
    bars.push_back(
        {organisation_label(run, level, allocations[i].code), allocations[i].need_index, 0});
  std::string html = fmt::format(
      "<p>{} allocated to {} organisations at level {}. Targets are the formula's fair shares; "
      "allocations are what each organisation gets this year (after pace of change); both are "
      "whole pence and add up exactly to the total.</p>",
      money_pence(total), allocations.size(), html_escape(run.levels[level]));
  html += svg_deviation_chart(bars, 1.0,
                              "Need index: weighted population per head (1 = national average)",
                              "need index", [](double v) { return fixed(v, 2); });

  const auto unit = money_unit_for(static_cast<double>(largest) / 100.0);
  TextTable table;
  table.headers = {"Code",
                   "Name",
                   "Population",
                   "Weighted population",
                   "Need index",
                   fmt::format("Target ({})", unit),
                   fmt::format("Allocation ({})", unit),
                   "Distance from target",
                   "Allocation per head (£)"};
  table.right_align = {false, false, true, true, true, true, true, true, true};
  for (const auto& [name, pence] : allocations.front().components) {
    table.headers.push_back(fmt::format("{} ({})", human_label(name), unit));
    table.right_align.push_back(true);
  }
  for (const auto& a : allocations) {
    const auto* o = find_organisation(run, level, a.code);
    std::vector<std::string> row = {
        a.code,
        o ? o->name : "",
        count(a.population),
        count(std::llround(a.weighted_population)),
        fixed(a.need_index, 3),
        money_in_unit(static_cast<double>(a.target_pence) / 100, unit),
        money_in_unit(static_cast<double>(a.allocation_pence) / 100, unit),
        percent_value(a.distance_from_target_pct, 2, true),
        a.population > 0 ? fixed(static_cast<double>(a.allocation_pence) / 100.0 /
                                     static_cast<double>(a.population),
                                 2)
                         : "–"};
    for (const auto& [name, pence] : a.components)
      row.push_back(money_in_unit(static_cast<double>(pence) / 100, unit));
    table.add_row(std::move(row));
  }
  html += html_table(table, 400, "allocations.csv");
  html +=
      "<p class=\"note\">Distance from target = (allocation − target) / target, in this "
      "year's money. Components are the unified budget's split by the formula; money moves "
      "freely between them unless ring-fenced.</p>";
  return {{"allocation", "Fair shares: targets and allocations", html}};
}

}  // namespace pco

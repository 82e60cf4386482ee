#include "report/allocation_sections.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

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

std::string pounds_millions(std::int64_t pence) {
  const double pounds = static_cast<double>(pence) / 100.0;
  if (pounds >= 1e9) return fmt::format("£{:.2f}bn", pounds / 1e9);
  return fmt::format("£{:.2f}m", pounds / 1e6);
}

std::vector<ReportSection> allocation_sections(const StoredRun& run, std::size_t level) {
  const auto& allocations = run.allocations.at(level);
  if (allocations.empty()) return {};
  std::unordered_map<std::string, std::string> names;
  for (const auto& o : run.organisations[level])
    names[o.code] = o.name;

  std::int64_t total = 0;
  for (const auto& a : allocations)
    total += a.allocation_pence;
  std::vector<std::size_t> order(allocations.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return allocations[x].need_index > allocations[y].need_index;
  });
  std::vector<Bar> bars;
  for (const auto i : order)
    bars.push_back({fmt::format("{} {}", allocations[i].code, names[allocations[i].code]),
                    allocations[i].need_index, i});
  std::string html = fmt::format(
      "<p>Total allocated: {} to {} organisations at level {}; targets and allocations are "
      "whole pence and reconcile exactly to the total.</p>",
      pounds_millions(total), allocations.size(), run.levels[level]);
  html += svg_bar_chart(bars, "Need index (weighted population per head; 1 = national average)",
                        "need index");

  TextTable table;
  table.headers = {"code",        "name",   "population", "weighted population",
                   "need index",  "target", "allocation", "distance from target %",
                   "per head (£)"};
  table.right_align = {false, false, true, true, true, true, true, true, true};
  std::vector<std::string> component_names;
  for (const auto& [name, pence] : allocations.front().components) {
    table.headers.push_back(name);
    table.right_align.push_back(true);
    component_names.push_back(name);
  }
  for (const auto& a : allocations) {
    std::vector<std::string> row = {
        a.code,
        names[a.code],
        with_thousands(a.population),
        with_thousands(static_cast<long long>(a.weighted_population + 0.5)),
        fmt::format("{:.3f}", a.need_index),
        pounds_millions(a.target_pence),
        pounds_millions(a.allocation_pence),
        fmt::format("{:+.2f}", a.distance_from_target_pct),
        a.population > 0 ? fmt::format("{:.2f}", static_cast<double>(a.allocation_pence) / 100.0 /
                                                     static_cast<double>(a.population))
                         : "-"};
    for (const auto& [name, pence] : a.components)
      row.push_back(pounds_millions(pence));
    table.add_row(std::move(row));
  }
  html += html_table(table, 400, "allocations.csv");
  return {{"allocation", "Fair shares: targets and allocations", html}};
}

}  // namespace pco

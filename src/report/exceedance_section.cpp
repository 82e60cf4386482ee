#include "report/exceedance_section.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "report/svg_chart.hpp"

namespace pco {

std::optional<ReportSection> exceedance_section(const StoredRun& run, const std::string& level) {
  std::vector<const HolderRisk*> holders;
  for (const auto& h : run.risk.holders)
    if (h.level == level && run.cdfs.count(h.level + "/" + h.code) && h.budget > 0)
      holders.push_back(&h);
  if (holders.empty()) return std::nullopt;
  std::stable_sort(holders.begin(), holders.end(), [](const HolderRisk* a, const HolderRisk* b) {
    return a->population < b->population;
  });
  std::vector<const HolderRisk*> chosen = {holders.front()};
  if (holders.size() > 2) chosen.push_back(holders[holders.size() / 2]);
  if (holders.size() > 1) chosen.push_back(holders.back());
  std::vector<Series> series;
  for (const auto* h : chosen) {
    Series s{
        fmt::format("{} ({} people)", h->code, with_thousands(h->population)), {}, series.size()};
    for (const auto& [cost, cdf] : run.cdfs.at(h->level + "/" + h->code))
      s.points.emplace_back(100.0 * cost / h->budget, 100.0 * (1.0 - cdf));
    series.push_back(std::move(s));
  }
  std::string html = svg_line_chart(
      series, fmt::format("Exceedance: P(annual cost > x% of budget), level {}", level),
      "annual cost as % of budget", "probability of exceeding, %");
  html +=
      "<p class=\"note\">The smallest, a middle-sized and the largest budget holder. A "
      "steeper curve is a safer budget: the probability of an overspend of a given size "
      "falls faster. Every holder's full distribution is in results.db (table "
      "distributions).</p>";
  return ReportSection{"exceedance", "Cost distributions and exceedance curves", html};
}

}  // namespace pco

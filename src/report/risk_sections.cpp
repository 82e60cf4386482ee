#include "report/risk_sections.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/number_format.hpp"
#include "report/svg_chart.hpp"
#include "report/table.hpp"

namespace pco {

namespace {

std::string level_table(const HolderRiskResults& results, const std::string& level) {
  std::vector<const HolderRisk*> holders;
  double largest = 0;
  for (const auto& h : results.holders)
    if (h.level == level) {
      holders.push_back(&h);
      largest = std::max(largest, h.budget);
    }
  std::stable_sort(holders.begin(), holders.end(), [](const HolderRisk* a, const HolderRisk* b) {
    return a->measures.p_overspend_5pct > b->measures.p_overspend_5pct;
  });
  const auto unit = money_unit_for(largest);
  TextTable t;
  t.headers = {"Code",
               "Name",
               "Population",
               fmt::format("Budget ({})", unit),
               fmt::format("Expected cost ({})", unit),
               "CV of annual cost",
               "P(overspend)",
               "P(overspend ≥ 5%)",
               "P(overspend ≥ 10%)",
               fmt::format("99% reserve ({})", unit)};
  t.right_align = {false, false, true, true, true, true, true, true, true, true};
  for (const auto* hp : holders) {
    const auto& h = *hp;
    const auto& m = h.measures;
    t.add_row({h.code, h.name, count(h.population), money_in_unit(h.budget, unit),
               money_in_unit(h.expected_cost, unit), percent(m.cv, 2), probability(m.p_overspend),
               probability(m.p_overspend_5pct), probability(m.p_overspend_10pct),
               money_in_unit(m.reserve99, unit)});
  }
  return fmt::format(
             "<p>{} budget holders at level {}, most likely to overspend by 5% or more "
             "first.</p>\n",
             holders.size(), html_escape(level)) +
         html_table(t);
}

}  // namespace

std::vector<ReportSection> risk_sections(const HolderRiskResults& results,
                                         const std::vector<SizePoint>& size_curve) {
  std::vector<ReportSection> sections;
  std::string html = fmt::format(
      "<p>The exact distribution of each organisation's annual cost for the services it holds "
      "(service model: {}), against its budget ({}). P(overspend ≥ 5%) is the chance that a "
      "year's cost exceeds the budget by 5% or more; the 99% reserve is the money beyond the "
      "budget that covers 99 years in 100. These figures count chance variation of demand "
      "alone: no common shocks or formula error (the simulation adds shared good and bad "
      "years).</p>\n",
      html_escape(results.model_source),
      results.budget_source == "allocation"
          ? "the allocation"
          : html_escape(results.reconciliation.from_allocation
                            ? results.budget_source
                            : "no [formula]: the expected cost × (1 + margin " +
                                  fixed(results.reconciliation.margin, 3) + ")"));
  for (const auto& level : results.levels)
    html += level_table(results, level);
  sections.push_back({"risk", "Risk of overspending, every budget holder", html});
  if (!size_curve.empty()) {
    Series cv{"CV of annual cost", {}, 0};
    Series over{"P(overspend ≥ 5%)", {}, 1};
    Series reserve{"99% reserve, % of budget", {}, 2};
    for (const auto& p : size_curve) {
      cv.points.emplace_back(p.population, 100 * p.cv);
      over.points.emplace_back(p.population, 100 * p.p_overspend_5pct);
      reserve.points.emplace_back(p.population, p.reserve99_pct);
    }
    sections.push_back(
        {"size-curve", "Risk against the size of the pool",
         svg_line_chart({cv, over, reserve},
                        "Risk against population (national age-sex mix, budget at expected cost)",
                        "registered population (log scale)", "per cent", true) +
             "<p class=\"note\">The CV falls as one over the square root of the population; "
             "docs/validation.md compares the curve with the published figures.</p>\n"});
  }
  return sections;
}

}  // namespace pco

#include "report/risk_sections.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/number_format.hpp"
#include "core/table.hpp"
#include "report/risk_report.hpp"
#include "report/svg_chart.hpp"

namespace pco {

namespace {

// Numerical error in words a reader can weigh, never in exponent notation.
std::string tail_words(double mass) {
  if (mass <= 1e-9) return "one in a billion";
  if (mass <= 1e-6) return "one in a million";
  return percent(mass, 4);
}
std::string small_percent(double fraction) {
  return fraction < 5e-6 ? std::string("< 0.001%") : percent(fraction, 3);
}
std::string sentence_case(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

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
               "CV, chance alone",
               "CV, formula error alone",
               "CV, shared shock alone",
               "P(overspend)",
               "P(overspend ≥ 5%)",
               "P(overspend ≥ 10%)",
               fmt::format("99% reserve ({})", unit)};
  t.right_align = std::vector<bool>(t.headers.size(), true);
  t.right_align[0] = t.right_align[1] = false;
  const auto cv = [](double sd, double mean) { return percent(mean > 0 ? sd / mean : 0.0, 2); };
  for (const auto* hp : holders) {
    const auto& h = *hp;
    const auto& m = h.measures;
    t.add_row({h.code, h.name, count(h.population), money_in_unit(h.budget, unit),
               money_in_unit(h.expected_cost, unit), percent(m.cv, 2),
               cv(h.sd_chance, h.expected_cost), cv(h.sd_formula, h.expected_cost),
               cv(h.sd_shock, h.expected_cost), probability(m.p_overspend),
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
  const auto precision = risk_precision(results);
  std::string html = fmt::format(
      "<p>The exact distribution of each organisation's annual cost for the services it holds "
      "(service model: {}), against its budget ({}). P(overspend ≥ 5%) is the chance that a "
      "year's cost exceeds the budget by 5% or more; the 99% reserve is the money beyond the "
      "budget that covers 99 years in 100. {}. The CV columns split the risk by source (each "
      "the CV with that source alone): pooling reduces the chance part; merging does not reduce "
      "the area part of formula error, nor the shared shock. Grid precision (numerical error, "
      "not risk): at most {} of probability off the grid; probabilities and quantiles read between "
      "its knots (step sd/64) as a histogram, good to about 0.3 percentage points for a single "
      "practice and 0.03 for a CCG; variance within "
      "−{} / +{} of the closed form.</p>\n",
      html_escape(results.model_source),
      results.budget_source == "allocation"
          ? "the allocation"
          : html_escape(results.reconciliation.from_allocation
                            ? results.budget_source
                            : "no [formula]: the expected cost × (1 + margin " +
                                  fixed(results.reconciliation.margin, 3) + ")"),
      html_escape(sentence_case(describe_sources(results.sources))),
      tail_words(precision.grid_tail_mass), small_percent(precision.variance_below),
      small_percent(precision.variance_above));
  if (precision.holders_above_target > 0)
    html += fmt::format(
        "<p><strong>Warning:</strong> for {} holders a severity grid reached its cap of knots: "
        "their probabilities are accurate to {}, not one in a billion.</p>\n",
        count(static_cast<long long>(precision.holders_above_target)),
        tail_words(precision.grid_tail_mass));
  if (precision.imputed_people > 0)
    html += fmt::format(
        "<p><strong>Warning:</strong> {} people ({}) have an age-sex structure imputed from "
        "the national profile; their expected costs rest on it.</p>\n",
        count(precision.imputed_people),
        percent(static_cast<double>(precision.imputed_people) /
                static_cast<double>(std::max<std::int64_t>(1, precision.population))));
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

#include "report/risk_sections.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "report/risk_report.hpp"
#include "report/svg_chart.hpp"
#include "report/table.hpp"

namespace pco {

namespace {

constexpr std::size_t kShown = 20;

std::string level_table(const HolderRiskResults& results, const std::string& level) {
  std::vector<const HolderRisk*> holders;
  for (const auto& h : results.holders)
    if (h.level == level) holders.push_back(&h);
  std::stable_sort(holders.begin(), holders.end(), [](const HolderRisk* a, const HolderRisk* b) {
    return a->measures.p_overspend_5pct > b->measures.p_overspend_5pct;
  });
  TextTable t;
  t.headers = {"code",      "name",    "population",   "budget £", "CV %",     "chance %",
               "formula %", "shock %", "P(overspend)", "P(≥ 5%)",  "P(≥ 10%)", "99% reserve £"};
  t.right_align = std::vector<bool>(t.headers.size(), true);
  t.right_align[0] = t.right_align[1] = false;
  const auto pct = [](double sd, double mean) {
    return fmt::format("{:.2f}", mean > 0 ? 100 * sd / mean : 0.0);
  };
  for (std::size_t i = 0; i < holders.size() && i < kShown; ++i) {
    const auto& h = *holders[i];
    const auto& m = h.measures;
    t.add_row({h.code, h.name, with_thousands(h.population), with_thousands(std::llround(h.budget)),
               fmt::format("{:.2f}", 100 * m.cv), pct(h.sd_chance, h.expected_cost),
               pct(h.sd_formula, h.expected_cost), pct(h.sd_shock, h.expected_cost),
               fmt::format("{:.3f}", m.p_overspend), fmt::format("{:.2e}", m.p_overspend_5pct),
               fmt::format("{:.2e}", m.p_overspend_10pct),
               with_thousands(std::llround(m.reserve99))});
  }
  return fmt::format(
             "<p>{} holders at level {}; the {} most likely to overspend by 5% or more "
             "are shown.</p>\n",
             holders.size(), html_escape(level), std::min(kShown, holders.size())) +
         html_table(t);
}

}  // namespace

std::vector<ReportSection> risk_sections(const HolderRiskResults& results,
                                         const std::vector<SizePoint>& size_curve) {
  std::vector<ReportSection> sections;
  const auto precision = risk_precision(results);
  std::string html = fmt::format(
      "<p>Annual cost of the services each organisation holds, computed exactly (service model: "
      "{}; budget: {}). {}. The CV columns split the risk by source (each the CV with that "
      "source alone): pooling reduces the chance part; merging does not reduce the area part of "
      "formula error, nor the shared shock. Grid precision: every probability within {:.1e}, "
      "variance within −{:.2g}%/+{:.2g}% of the closed form.</p>\n",
      html_escape(results.model_source), html_escape(results.budget_source),
      html_escape(describe_sources(results.sources)), precision.grid_tail_mass,
      100 * precision.variance_below, 100 * precision.variance_above);
  if (precision.holders_above_target > 0)
    html += fmt::format(
        "<p><strong>Warning:</strong> for {} holders a severity grid reached its cap of knots: "
        "their probabilities are accurate to {:.1e}, not {:g}.</p>\n",
        precision.holders_above_target, precision.grid_tail_mass, kGridTailTarget);
  if (precision.imputed_people > 0)
    html += fmt::format(
        "<p><strong>Warning:</strong> {} people ({:.1f}%) have an age-sex structure imputed from "
        "the national profile; their expected costs rest on it.</p>\n",
        with_thousands(precision.imputed_people),
        100.0 * static_cast<double>(precision.imputed_people) /
            static_cast<double>(std::max<std::int64_t>(1, precision.population)));
  for (const auto& level : results.levels)
    html += "<h3>" + html_escape(level) + "</h3>\n" + level_table(results, level);
  sections.push_back({"risk", "Risk of every budget holder", html});
  if (!size_curve.empty()) {
    Series cv{"CV %", {}, 0};
    Series over{"P(overspend ≥ 5%) %", {}, 1};
    Series reserve{"99% reserve, % of budget", {}, 2};
    for (const auto& p : size_curve) {
      cv.points.emplace_back(p.population, 100 * p.cv);
      over.points.emplace_back(p.population, 100 * p.p_overspend_5pct);
      reserve.points.emplace_back(p.population, p.reserve99_pct);
    }
    sections.push_back(
        {"size-curve", "Risk against pool size",
         svg_line_chart({cv, over, reserve}, "Risk against population (national age-sex mix)",
                        "population", "%", true) +
             "<p>CV falls as 1/√N; see docs/validation.md for the published comparisons.</p>\n"});
  }
  return sections;
}

}  // namespace pco

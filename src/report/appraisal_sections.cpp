#include "report/appraisal_sections.hpp"

#include <cmath>

#include <fmt/format.h>

#include "report/appraisal_report.hpp"
#include "report/svg_chart.hpp"

namespace pco {

namespace {

// Bars drawn per tornado: the rest have smaller swings and are in the table.
constexpr std::size_t kTornadoBars = 8;

std::string tornado_chart(const AppraisalResults& r, const std::string& configuration) {
  std::vector<Bar> bars;
  for (const auto& e : r.tornado) {
    if (e.configuration != configuration || bars.size() >= kTornadoBars) continue;
    bars.push_back(
        {fmt::format("{} ({:g} – {:g}){}", e.parameter, e.low, e.high, e.flips ? " flips" : ""),
         std::abs(e.npv_high - e.npv_low) / 1e6, e.flips ? 1u : 0u});
  }
  return svg_bar_chart(bars, fmt::format("{}: swing in NPV, parameter low to high", configuration),
                       "£m");
}

}  // namespace

std::vector<ReportSection> appraisal_sections(const AppraisalResults& r) {
  std::vector<ReportSection> out;
  std::string html = fmt::format(
      "<p>Each configuration against the status quo over {} years at a {:.1f}% discount rate; "
      "best at the base parameters: <b>{}</b>. The engagement figure is a proxy (organisation "
      "size against the 30k and 100k marks), not a measurement. Formulas, defaults and sources: "
      "docs/appraisal.md.</p>",
      r.years, 100 * r.parameters.get("discount_rate"), html_escape(r.best));
  html += html_table(appraisal_side_by_side(r));
  std::vector<Bar> npv;
  for (std::size_t i = 0; i < r.configurations.size(); ++i)
    npv.push_back({r.configurations[i].name, r.configurations[i].cashflow.npv / 1e6, i});
  html += svg_bar_chart(npv, "NPV against the status quo", "£m");
  out.push_back({"appraisal", "Configurations appraised", html});

  std::string tornado =
      "<p>One parameter at a time at its low and high value; bars in the "
      "second colour change which configuration is best.</p>";
  for (const auto& c : r.configurations)
    if (!c.status_quo) tornado += tornado_chart(r, c.name);
  tornado += html_table(appraisal_tornado(r));
  out.push_back({"appraisal-tornado", "Appraisal sensitivity", tornado});
  return out;
}

}  // namespace pco

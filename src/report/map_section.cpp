#include "report/map_section.hpp"

#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "core/number_format.hpp"
#include "report/run_areas.hpp"
#include "report/run_lookup.hpp"
#include "report/svg_chart.hpp"
#include "report/svg_map.hpp"

namespace pco {

namespace {

constexpr double kNoData = std::numeric_limits<double>::quiet_NaN();

struct Measure {
  std::string id;
  std::string tab;
  ColourScale scale;
  std::map<std::string, double> values;
};

}  // namespace

ReportSection map_section(const StoredRun& run, std::size_t level, const std::string& focus) {
  const auto& level_name = run.levels[level];
  ReportSection s{"map", "Map of the organisations", "", true};
  const auto shapes = run_areas(run, level);
  const auto& areas = shapes.areas;
  const auto approximate = shapes.approximate_locations;
  if (areas.practices == 0) {
    s.html =
        "<p>No practice has a location, so the organisations cannot be drawn: give "
        "[population] locations or postcode_districts in the scenario.</p>";
    return s;
  }

  std::vector<Measure> measures;
  {
    Measure m{"distance", "Distance from target", {}, {}};
    std::vector<double> values;
    for (const auto& a : run.allocations[level]) {
      m.values[a.code] = a.distance_from_target_pct;
      values.push_back(a.distance_from_target_pct);
    }
    // Classes at least 1 point wide: a tenth of a per cent from target is at target.
    m.scale = diverging_scale("Distance from target (allocation against fair share)", values, 0,
                              1.0, [](double v) { return percent_value(v, 1, true); });
    if (!m.values.empty()) measures.push_back(std::move(m));
  }
  {
    Measure m{"risk", "Chance of overspending by 5% or more", {}, {}};
    for (const auto& h : run.risk.holders)
      if (h.level == level_name) m.values[h.code] = h.measures.p_overspend_5pct;
    m.scale =
        sequential_scale("Chance of overspending by 5% or more in a year",
                         {0.001, 0.01, 0.025, 0.05, 0.1}, [](double v) { return probability(v); });
    if (!m.values.empty()) measures.push_back(std::move(m));
  }
  {
    Measure m{"need", "Need index", {}, {}};
    std::vector<double> values;
    for (const auto& a : run.allocations[level]) {
      m.values[a.code] = a.need_index;
      values.push_back(a.need_index);
    }
    m.scale = diverging_scale("Need index (weighted population per head; 1 = national average)",
                              values, 1, 0.02, [](double v) { return fixed(v, 2); });
    if (!m.values.empty()) measures.push_back(std::move(m));
  }
  if (measures.empty()) {
    Measure m{"population", "Population", {}, {}};
    std::vector<double> values;
    for (const auto& o : run.organisations[level])
      m.values[o.code] = static_cast<double>(o.population);
    m.scale = sequential_scale("Registered patients", {50'000, 100'000, 200'000, 400'000, 1e6},
                               [](double v) { return people(v); });
    measures.push_back(std::move(m));
  }

  std::string html = "<div class=\"tabs\">";
  for (std::size_t i = 0; i < measures.size(); ++i) {
    const auto& m = measures[i];
    html += fmt::format(
        "<input type=\"radio\" name=\"map-measure\" id=\"tab-{0}\"{1}><label "
        "for=\"tab-{0}\">{2}</label>",
        m.id, i == 0 ? " checked" : "", html_escape(m.tab));
  }
  for (const auto& m : measures) {
    std::vector<MapArea> drawn;
    for (const auto& a : areas.areas) {
      const auto it = m.values.find(a.code);
      const double value = it == m.values.end() ? kNoData : it->second;
      std::string shown = std::isnan(value)      ? std::string("no data")
                          : m.id == "risk"       ? probability(value)
                          : m.id == "distance"   ? percent_value(value, 1, true)
                          : m.id == "population" ? count(std::llround(value))
                                                 : fixed(value, 3);
      drawn.push_back(
          {a.code, fmt::format("{}: {} {}", organisation_label(run, level, a.code), m.tab, shown),
           &a.polygons, value});
    }
    html += fmt::format("<div class=\"panel\" id=\"panel-{}\">", m.id) +
            svg_area_map(drawn, areas.land, m.scale,
                         fmt::format("{}: {} organisations at level {}", m.tab, areas.areas.size(),
                                     level_name),
                         focus) +
            "</div>";
  }
  html += "</div>";
  html += fmt::format(
      "<p class=\"note\">Each organisation is the land nearer to one of its practices than to "
      "any other practice (Voronoi cells of {} located practices, clipped to the land and joined "
      "per organisation){}. Land: {}.{}{} Hover over an area for its figures.</p>",
      count(static_cast<long long>(areas.practices)),
      focus.empty() ? "" : "; " + html_escape(focus) + " is outlined in black",
      html_escape(areas.land_source),
      approximate ? fmt::format(" {} practices are placed at postcode-district centroids.",
                                count(static_cast<long long>(approximate)))
                  : "",
      areas.outside_land ? fmt::format(" {} practices lie outside the land and are not drawn.",
                                       count(static_cast<long long>(areas.outside_land)))
                         : "");
  s.html = html;
  return s;
}

}  // namespace pco

#include "report/population_sections.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "report/population_report.hpp"
#include "report/svg_chart.hpp"

namespace pco {

std::vector<ReportSection> population_sections(const Economy& economy,
                                               const LevelSummary& summary) {
  const auto& config = economy.configuration;
  const auto level = *config.level_index(summary.level);
  const auto& practices = economy.population.practices();
  std::vector<ReportSection> sections;

  std::size_t approximate = 0;
  std::vector<MapPoint> points;
  for (std::size_t i = 0; i < practices.size(); ++i) {
    const auto& p = practices[i];
    if (!p.location || !config.is_mapped(i)) continue;
    const int org = config.member_of(level, i);
    if (org < 0) continue;
    approximate += p.location_is_approximate ? 1 : 0;
    const auto& o = config.levels()[level].organisations[static_cast<std::size_t>(org)];
    points.push_back({p.location->lat, p.location->lon, static_cast<std::size_t>(org),
                      fmt::format("{} {} ({}): list {}", p.code, p.name, o.name,
                                  with_thousands(p.list_size())),
                      std::min(3.0, std::sqrt(static_cast<double>(p.list_size()) / 8000.0))});
  }
  std::string map = svg_point_map(
      points, fmt::format("Practices coloured by {} ({} organisations)", summary.level,
                          summary.organisations.size()));
  map += fmt::format(
      "<p class=\"note\">{} of {} practices shown; point area is proportional to list size. {}"
      "Hover over a point for the practice and its organisation.</p>",
      points.size(), practices.size(),
      approximate ? fmt::format("{} practices are placed at postcode-district centroids. ",
                                approximate)
                  : "");
  sections.push_back({"map", "Configuration map", map});

  std::vector<Bar> bars;
  auto orgs = summary.organisations;
  std::sort(orgs.begin(), orgs.end(),
            [](const auto& a, const auto& b) { return a.population > b.population; });
  for (const auto& o : orgs) {
    const auto index = config.levels()[level].index.at(o.code);
    bars.push_back({fmt::format("{} {}", o.code, o.name), static_cast<double>(o.population),
                    index});
  }
  std::string sizes = svg_bar_chart(bars, fmt::format("Registered population by {}", summary.level),
                                    "registered patients");
  sizes += fmt::format(
      "<p class=\"note\">Total {} registered patients in {} practices. Smallest organisation {}, "
      "largest {}.</p>",
      with_thousands(summary.total.population), with_thousands(summary.total.practices),
      orgs.empty() ? "-" : with_thousands(orgs.back().population),
      orgs.empty() ? "-" : with_thousands(orgs.front().population));
  sections.push_back({"sizes", "Organisation sizes", sizes});

  TextTable table;
  table.headers = {"code",     "name",     "parent",      "practices",  "population",
                   "% 65+",    "% 85+",    "smallest list", "largest list"};
  table.right_align = {false, false, false, true, true, true, true, true, true};
  for (const auto& o : summary.organisations) {
    table.add_row({o.code, o.name, o.parent, with_thousands(static_cast<long long>(o.practices)),
                   with_thousands(o.population), fmt::format("{:.1f}", o.pct_65_plus),
                   fmt::format("{:.1f}", o.pct_85_plus), with_thousands(o.min_list),
                   with_thousands(o.max_list)});
  }
  sections.push_back({"organisations", fmt::format("Organisations ({})", summary.level),
                      html_table(table, 400, "organisations.csv")});
  return sections;
}

}  // namespace pco

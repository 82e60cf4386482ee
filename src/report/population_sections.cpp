#include "report/population_sections.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "report/svg_chart.hpp"

namespace pco {

std::vector<ReportSection> population_sections(const StoredRun& run, std::size_t level) {
  const auto& level_name = run.levels.at(level);
  const auto& orgs = run.organisations.at(level);
  std::unordered_map<std::string, std::size_t> org_index;
  for (std::size_t i = 0; i < orgs.size(); ++i)
    org_index[orgs[i].code] = i;
  std::vector<ReportSection> sections;

  std::size_t approximate = 0;
  std::vector<MapPoint> points;
  for (const auto& p : run.practices) {
    const auto it = org_index.find(p.organisation[level]);
    if (!p.lat || it == org_index.end()) continue;
    approximate += p.location_approximate ? 1 : 0;
    points.push_back({*p.lat, *p.lon, it->second,
                      fmt::format("{} {} ({}): list {}", p.code, p.name, orgs[it->second].name,
                                  with_thousands(p.list_size)),
                      std::min(3.0, std::sqrt(static_cast<double>(p.list_size) / 8000.0))});
  }
  std::string map = svg_point_map(
      points, fmt::format("Practices coloured by {} ({} organisations)", level_name, orgs.size()));
  map += fmt::format(
      "<p class=\"note\">{} of {} practices shown; point area is proportional to list size. {}"
      "Hover over a point for the practice and its organisation.</p>",
      points.size(), run.practices.size(),
      approximate
          ? fmt::format("{} practices are placed at postcode-district centroids. ", approximate)
          : "");
  sections.push_back({"map", "Configuration map", map});

  std::vector<std::size_t> by_size(orgs.size());
  for (std::size_t i = 0; i < orgs.size(); ++i)
    by_size[i] = i;
  std::stable_sort(by_size.begin(), by_size.end(), [&](std::size_t a, std::size_t b) {
    return orgs[a].population > orgs[b].population;
  });
  std::vector<Bar> bars;
  std::int64_t total = 0, practices = 0;
  for (const auto i : by_size) {
    bars.push_back({fmt::format("{} {}", orgs[i].code, orgs[i].name),
                    static_cast<double>(orgs[i].population), i});
    total += orgs[i].population;
    practices += orgs[i].practices;
  }
  std::string sizes = svg_bar_chart(bars, fmt::format("Registered population by {}", level_name),
                                    "registered patients");
  sizes += fmt::format(
      "<p class=\"note\">Total {} registered patients in {} practices. Smallest organisation {}, "
      "largest {}.</p>",
      with_thousands(total), with_thousands(practices),
      orgs.empty() ? "-" : with_thousands(orgs[by_size.back()].population),
      orgs.empty() ? "-" : with_thousands(orgs[by_size.front()].population));
  sections.push_back({"sizes", "Organisation sizes", sizes});

  TextTable table;
  table.headers = {"code",  "name",  "parent",        "practices",   "population",
                   "% 65+", "% 85+", "smallest list", "largest list"};
  table.right_align = {false, false, false, true, true, true, true, true, true};
  for (const auto& o : orgs) {
    table.add_row({o.code, o.name, o.parent_code, with_thousands(o.practices),
                   with_thousands(o.population), fmt::format("{:.1f}", o.pct_65_plus),
                   fmt::format("{:.1f}", o.pct_85_plus), with_thousands(o.min_list),
                   with_thousands(o.max_list)});
  }
  sections.push_back({"organisations", fmt::format("Organisations ({})", level_name),
                      html_table(table, 400, "organisations.csv")});
  return sections;
}

}  // namespace pco

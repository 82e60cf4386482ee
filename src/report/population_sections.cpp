#include "report/population_sections.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/number_format.hpp"
#include "report/svg_chart.hpp"

namespace pco {

std::vector<ReportSection> population_sections(const StoredRun& run, std::size_t level) {
  const auto& level_name = run.levels.at(level);
  const auto& orgs = run.organisations.at(level);
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
                    static_cast<double>(orgs[i].population), 0});
    total += orgs[i].population;
    practices += orgs[i].practices;
  }
  std::string html = fmt::format(
      "<p>{} registered patients in {} practices, in {} organisations at level {}: from {} "
      "({}) to {} ({}).</p>",
      count(total), count(practices), orgs.size(), html_escape(level_name),
      orgs.empty() ? "–" : count(orgs[by_size.back()].population),
      orgs.empty() ? "–" : html_escape(orgs[by_size.back()].code),
      orgs.empty() ? "–" : count(orgs[by_size.front()].population),
      orgs.empty() ? "–" : html_escape(orgs[by_size.front()].code));
  html += svg_bar_chart(bars, fmt::format("Registered population by {}", level_name),
                        "registered patients", 640, [](double v) { return people(v); });
  TextTable table;
  table.headers = {"Code",     "Name",     "Parent",        "Practices",   "Population",
                   "Aged 65+", "Aged 85+", "Smallest list", "Largest list"};
  table.right_align = {false, false, false, true, true, true, true, true, true};
  for (const auto& o : orgs) {
    table.add_row({o.code, o.name, o.parent_code, count(o.practices), count(o.population),
                   percent_value(o.pct_65_plus), percent_value(o.pct_85_plus), count(o.min_list),
                   count(o.max_list)});
  }
  html += html_table(table, 400, "organisations.csv");
  return {{"organisations", fmt::format("Organisations and their sizes ({})", level_name), html}};
}

}  // namespace pco

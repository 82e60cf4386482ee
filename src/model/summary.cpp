#include "model/summary.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/table.hpp"

namespace pco {

namespace {

void add_practice(OrganisationSummary& s, const Practice& p) {
  const auto list = p.list_size();
  std::int64_t over65 = 0, over85 = 0;
  for (int c = 0; c < kCells; ++c) {
    if (cell_band(c) >= 13) over65 += p.counts[c];
    if (cell_band(c) >= 17) over85 += p.counts[c];
  }
  // Percentages are finalised from these running counts in finish().
  s.pct_65_plus += static_cast<double>(over65);
  s.pct_85_plus += static_cast<double>(over85);
  s.min_list = s.practices == 0 ? list : std::min(s.min_list, list);
  s.max_list = s.practices == 0 ? list : std::max(s.max_list, list);
  s.population += list;
  s.imputed_practices += p.imputed_structure ? 1 : 0;
  ++s.practices;
}

void finish(OrganisationSummary& s) {
  const double n = s.population > 0 ? static_cast<double>(s.population) : 1.0;
  s.pct_65_plus = 100.0 * s.pct_65_plus / n;
  s.pct_85_plus = 100.0 * s.pct_85_plus / n;
}

}  // namespace

LevelSummary summarise_level(const Population& population, const Configuration& configuration,
                             const std::string& level_name) {
  const auto& level = configuration.level(level_name);
  const auto l = *configuration.level_index(level_name);
  LevelSummary out;
  out.level = level.name;
  out.total.code = "total";
  out.total.name = "All organisations";
  for (const auto& org : level.organisations) {
    OrganisationSummary s;
    s.code = org.code;
    s.name = org.name;
    if (org.parent >= 0 && l + 1 < configuration.levels().size()) {
      s.parent =
          configuration.levels()[l + 1].organisations[static_cast<std::size_t>(org.parent)].code;
    }
    for (const auto p : org.members) {
      add_practice(s, population.practices()[p]);
      add_practice(out.total, population.practices()[p]);
    }
    finish(s);
    out.organisations.push_back(std::move(s));
  }
  finish(out.total);
  return out;
}

std::string organisations_csv(const std::vector<LevelSummary>& summaries) {
  TextTable t;
  t.headers = {"level",      "code",        "name",        "parent",   "practices",
               "population", "pct_65_plus", "pct_85_plus", "min_list", "max_list"};
  for (const auto& s : summaries) {
    for (const auto& o : s.organisations) {
      t.add_row({s.level, o.code, o.name, o.parent, std::to_string(o.practices),
                 std::to_string(o.population), fmt::format("{:.4f}", o.pct_65_plus),
                 fmt::format("{:.4f}", o.pct_85_plus), std::to_string(o.min_list),
                 std::to_string(o.max_list)});
    }
  }
  return t.render_csv();
}

std::string practices_csv(const Population& population, const Configuration& config) {
  TextTable t;
  t.headers = {"code", "name", "list_size", "lat", "lon"};
  for (const auto& level : config.levels())
    t.headers.push_back(level.name);
  const auto& practices = population.practices();
  for (std::size_t i = 0; i < practices.size(); ++i) {
    const auto& p = practices[i];
    std::vector<std::string> row = {p.code, p.name, std::to_string(p.list_size()),
                                    p.location ? fmt::format("{:.6f}", p.location->lat) : "",
                                    p.location ? fmt::format("{:.6f}", p.location->lon) : ""};
    for (std::size_t l = 0; l < config.levels().size(); ++l) {
      const int org = config.is_mapped(i) ? config.member_of(l, i) : -1;
      row.push_back(org < 0 ? "" : config.levels()[l].organisations[org].code);
    }
    t.add_row(std::move(row));
  }
  return t.render_csv();
}

}  // namespace pco

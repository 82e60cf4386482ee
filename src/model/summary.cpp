#include "model/summary.hpp"

#include <algorithm>

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

}  // namespace pco

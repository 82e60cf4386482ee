#include "report/population_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/table.hpp"

namespace pco {

namespace {

TextTable build_table(const LevelSummary& summary, bool for_humans) {
  TextTable t;
  t.headers = {"code",        "name",        "parent",   "practices", "population",
               "pct_65_plus", "pct_85_plus", "min_list", "max_list",  "imputed"};
  t.right_align = {false, false, false, true, true, true, true, true, true, true};
  const auto number = [&](long long v) {
    return for_humans ? with_thousands(v) : std::to_string(v);
  };
  const auto row = [&](const OrganisationSummary& s) {
    return std::vector<std::string>{s.code,
                                    s.name,
                                    s.parent,
                                    number(static_cast<long long>(s.practices)),
                                    number(s.population),
                                    fmt::format("{:.2f}", s.pct_65_plus),
                                    fmt::format("{:.2f}", s.pct_85_plus),
                                    number(s.min_list),
                                    number(s.max_list),
                                    number(static_cast<long long>(s.imputed_practices))};
  };
  for (const auto& s : summary.organisations)
    t.add_row(row(s));
  if (for_humans) t.add_row(row(summary.total));
  return t;
}

double round2(double v) {
  return std::round(v * 100.0) / 100.0;
}

nlohmann::json org_json(const OrganisationSummary& s) {
  return {{"code", s.code},
          {"name", s.name},
          {"parent", s.parent},
          {"practices", s.practices},
          {"population", s.population},
          {"pct_65_plus", round2(s.pct_65_plus)},
          {"pct_85_plus", round2(s.pct_85_plus)},
          {"min_list", s.min_list},
          {"max_list", s.max_list},
          {"imputed_practices", s.imputed_practices}};
}

}  // namespace

std::string population_table_text(const LevelSummary& summary) {
  std::string out =
      fmt::format("Level: {} ({} organisations)\n", summary.level, summary.organisations.size()) +
      build_table(summary, true).render_text();
  if (summary.total.imputed_practices > 0) {
    out += fmt::format(
        "imputed: practices whose age-sex structure was spread from coarser counts by the "
        "national profile ({} of {}); their % aged 65+ and 85+ reflect that profile, not the "
        "practice.\n",
        summary.total.imputed_practices, summary.total.practices);
  }
  return out;
}

std::string population_table_csv(const LevelSummary& summary) {
  return build_table(summary, false).render_csv();
}

nlohmann::json population_json(const LevelSummary& summary) {
  nlohmann::json orgs = nlohmann::json::array();
  for (const auto& s : summary.organisations)
    orgs.push_back(org_json(s));
  return {{"level", summary.level},
          {"organisations", orgs},
          {"total",
           {{"practices", summary.total.practices},
            {"population", summary.total.population},
            {"pct_65_plus", round2(summary.total.pct_65_plus)},
            {"pct_85_plus", round2(summary.total.pct_85_plus)},
            {"min_list", summary.total.min_list},
            {"max_list", summary.total.max_list}}}};
}

}  // namespace pco

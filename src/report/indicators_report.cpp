#include "report/indicators_report.hpp"

#include <fmt/format.h>

namespace pco {

namespace {

std::string number_text(std::optional<double> v, int decimals = 4) {
  return v ? fmt::format("{:.{}f}", *v, decimals) : "";
}

bool wanted(const IndicatorLevel& l, const std::string& level) {
  return level == "all" || l.level == level;
}

nlohmann::json value_json(std::optional<double> v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

TextTable indicators_table(const IndicatorRollup& rollup, const std::string& level) {
  TextTable t{
      {"indicator", "level", "code", "name", "parent", "practices", "with_data", "numerator",
       "denominator", "value", "percentile", "decile", "rag", "parent_value", "vs_parent"},
      {false, false, false, false, false, true, true, true, true, true, true, true, false, true,
       false},
      {}};
  for (const auto& r : rollup.indicators) {
    for (const auto& l : r.levels) {
      if (!wanted(l, level)) continue;
      for (const auto& u : l.units)
        t.add_row({r.definition.code, l.level, u.code, u.name, u.parent,
                   std::to_string(u.practices), std::to_string(u.practices_with_data),
                   fmt::format("{:g}", u.numerator), fmt::format("{:g}", u.denominator),
                   u.value ? number_text(u.value) : "not computable", number_text(u.percentile, 1),
                   u.decile ? std::to_string(*u.decile) : "", std::string(rag_label(u.rag)),
                   number_text(u.parent_value), u.vs_parent});
    }
  }
  return t;
}

TextTable indicator_deciles_table(const IndicatorRollup& rollup, const std::string& level) {
  TextTable t{{"indicator", "level", "computable"}, {false, false, true}, {}};
  for (int k = 1; k <= 9; ++k) {
    t.headers.push_back(fmt::format("p{}", 10 * k));
    t.right_align.push_back(true);
  }
  for (const auto& r : rollup.indicators) {
    for (const auto& l : r.levels) {
      if (!wanted(l, level)) continue;
      std::vector<std::string> row = {r.definition.code, l.level, std::to_string(l.computable)};
      for (std::size_t k = 0; k < 9; ++k)
        row.push_back(k < l.deciles.size() ? number_text(l.deciles[k]) : "");
      t.add_row(std::move(row));
    }
  }
  return t;
}

nlohmann::json indicators_json(const IndicatorRollup& rollup, const std::string& level) {
  auto out = nlohmann::json::array();
  for (const auto& r : rollup.indicators) {
    const auto& d = r.definition;
    auto levels = nlohmann::json::array();
    for (const auto& l : r.levels) {
      if (!wanted(l, level)) continue;
      auto units = nlohmann::json::array();
      for (const auto& u : l.units)
        units.push_back({{"code", u.code},
                         {"name", u.name},
                         {"parent", u.parent},
                         {"practices", u.practices},
                         {"practices_with_data", u.practices_with_data},
                         {"numerator", u.numerator},
                         {"denominator", u.denominator},
                         {"value", value_json(u.value)},
                         {"status", u.value ? "computed" : "not computable"},
                         {"percentile", value_json(u.percentile)},
                         {"decile", u.decile ? nlohmann::json(*u.decile) : nlohmann::json(nullptr)},
                         {"rag", rag_label(u.rag)},
                         {"parent_value", value_json(u.parent_value)},
                         {"vs_parent", u.vs_parent}});
      levels.push_back({{"level", l.level},
                        {"computable", l.computable},
                        {"deciles", l.deciles},
                        {"units", units}});
    }
    out.push_back({{"code", d.code},
                   {"name", d.name},
                   {"low_is_good", d.low_is_good},
                   {"target", value_json(d.target)},
                   {"amber", value_json(d.amber)},
                   {"multiplier", d.multiplier},
                   {"units", d.units},
                   {"levels", levels}});
  }
  return {{"indicators", out}, {"notes", rollup.notes}};
}

}  // namespace pco

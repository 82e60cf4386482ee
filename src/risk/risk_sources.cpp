#include "risk/risk_sources.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"

namespace pco {

void parse_sources(const std::string& list, RiskSources& sources) {
  RiskSources parsed = sources;
  parsed.chance = parsed.formula = parsed.shock = false;
  std::vector<std::string> problems;
  std::size_t start = 0;
  bool any = false;
  while (start <= list.size()) {
    const auto comma = list.find(',', start);
    const auto end = comma == std::string::npos ? list.size() : comma;
    const std::string name(trim(std::string_view(list).substr(start, end - start)));
    bool* flag = name == "chance"    ? &parsed.chance
                 : name == "formula" ? &parsed.formula
                 : name == "shock"   ? &parsed.shock
                                     : nullptr;
    if (flag == nullptr) {
      problems.push_back(fmt::format("\"{}\" is not a source", name));
    } else if (*flag) {
      problems.push_back(fmt::format("\"{}\" is given twice", name));
    } else {
      *flag = any = true;
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (!problems.empty() || !any) {
    std::string text;
    for (const auto& p : problems)
      text += (text.empty() ? "" : "; ") + p;
    throw UsageError(
        fmt::format("--sources {}: {}; expected a comma-separated list of chance, "
                    "formula and shock",
                    list, text.empty() ? "no source" : text));
  }
  sources.chance = parsed.chance;
  sources.formula = parsed.formula;
  sources.shock = parsed.shock;
}

std::string sources_list(const RiskSources& s) {
  std::string out;
  const auto add = [&](bool on, const char* name) {
    if (on) out += (out.empty() ? "" : ",") + std::string(name);
  };
  add(s.chance, "chance");
  add(s.formula, "formula");
  add(s.shock, "shock");
  return out;
}

std::string describe_sources(const RiskSources& s) {
  std::string out = "sources of risk: ";
  out += s.chance ? "chance (each service's compound count x cost)" : "no chance";
  out += s.formula ? fmt::format(
                         "; formula error (practice sd {:g}, area sd {:g}, averaged over "
                         "each holder's practices)",
                         s.formula_practice_sd, s.formula_area_sd)
                   : "; no formula error";
  out += s.shock ? fmt::format("; shared shock (sd {:g})", s.shock_sd) : "; no shared shock";
  return out;
}

nlohmann::json sources_to_json(const RiskSources& s) {
  return {{"included", sources_list(s)},
          {"chance", s.chance},
          {"formula", s.formula},
          {"shock", s.shock},
          {"formula_practice_sd", s.formula_practice_sd},
          {"formula_area_sd", s.formula_area_sd},
          {"shock_sd", s.shock_sd},
          {"effective_list", s.effective_list},
          {"description", describe_sources(s)}};
}

RiskSources sources_from_json(const nlohmann::json& j) {
  RiskSources s;
  s.chance = j.value("chance", s.chance);
  s.formula = j.value("formula", s.formula);
  s.shock = j.value("shock", s.shock);
  s.formula_practice_sd = j.value("formula_practice_sd", s.formula_practice_sd);
  s.formula_area_sd = j.value("formula_area_sd", s.formula_area_sd);
  s.shock_sd = j.value("shock_sd", s.shock_sd);
  s.effective_list = j.value("effective_list", s.effective_list);
  return s;
}

double list_concentration(const std::vector<std::int64_t>& lists) {
  double total = 0;
  for (auto n : lists)
    total += static_cast<double>(n);
  if (!(total > 0)) return 1;
  double sum = 0;
  for (auto n : lists)
    sum += (static_cast<double>(n) / total) * (static_cast<double>(n) / total);
  return sum;
}

double formula_error_sd(const RiskSources& s, double concentration) {
  if (!s.formula) return 0;
  return std::sqrt(s.formula_area_sd * s.formula_area_sd +
                   s.formula_practice_sd * s.formula_practice_sd * concentration);
}

double shock_error_sd(const RiskSources& s) {
  return s.shock ? s.shock_sd : 0;
}

}  // namespace pco

#include "report/focus.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text.hpp"

namespace pco {

void check_focus(const std::vector<std::string>& codes, const std::string& level,
                 const std::string& code) {
  if (std::find(codes.begin(), codes.end(), code) != codes.end()) return;
  std::string some;
  for (std::size_t i = 0; i < codes.size() && i < 8; ++i)
    some += (i == 0 ? "" : ", ") + codes[i];
  throw UsageError(fmt::format(
      "focus: no organisation \"{}\" at level {}; its {} organisations include {}{}", code, level,
      codes.size(), some.empty() ? "none" : some, codes.size() > 8 ? ", ..." : ""));
}

void check_focus(const Economy& economy, const std::string& code) {
  std::vector<std::string> codes;
  for (const auto& o : economy.configuration.level(economy.default_level).organisations)
    codes.push_back(o.code);
  check_focus(codes, economy.default_level, code);
}

std::string report_focus(const Scenario& scenario) {
  if (const auto* report = scenario.table.get_as<toml::table>("report"))
    if (const auto* focus = report->get_as<std::string>("focus")) return focus->get();
  return "";
}

std::vector<Boundary> report_boundaries(const Scenario& scenario) {
  const auto* report = scenario.table.get_as<toml::table>("report");
  if (report == nullptr) return {};
  const auto* file = report->get_as<std::string>("boundaries");
  if (file == nullptr) return {};
  const auto base =
      scenario.file.empty() ? std::filesystem::current_path() : scenario.file.parent_path();
  const auto path = base / file->get();
  const auto* code = report->get_as<std::string>("boundary_code");
  return parse_geojson_boundaries({path.string(), read_text_file(path)}, code ? code->get() : "");
}

}  // namespace pco

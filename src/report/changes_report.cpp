#include "report/changes_report.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/table.hpp"

namespace pco {

namespace {

constexpr ChangeKind kKinds[] = {ChangeKind::moved, ChangeKind::opened, ChangeKind::closed};

}  // namespace

std::string changes_table_text(const ConfigurationChanges& changes, const std::string& from_date,
                               const std::string& to_date) {
  std::string out = fmt::format("Changes from {} ({}) to {} ({}): {} practices unchanged\n",
                                from_date, changes.level_before, to_date, changes.level_after,
                                with_thousands(static_cast<long long>(changes.unchanged)));
  TextTable t;
  t.headers = {"change", "practices", "patients", "not in the population file"};
  t.right_align = {false, true, true, true};
  for (const auto kind : kKinds) {
    const auto missing =
        std::count_if(changes.changes.begin(), changes.changes.end(),
                      [&](const PracticeChange& c) { return c.kind == kind && !c.in_population; });
    t.add_row({std::string(change_label(kind)),
               with_thousands(static_cast<long long>(changes.count(kind))),
               with_thousands(changes.patients(kind)), with_thousands(missing)});
  }
  out += t.render_text();
  if (!changes.flows.empty()) {
    std::vector<std::pair<std::pair<std::string, std::string>, ChangeFlow>> flows(
        changes.flows.begin(), changes.flows.end());
    std::stable_sort(flows.begin(), flows.end(), [](const auto& a, const auto& b) {
      return a.second.patients > b.second.patients;
    });
    TextTable f;
    f.headers = {"from", "to", "practices", "patients"};
    f.right_align = {false, false, true, true};
    for (const auto& [key, flow] : flows)
      f.add_row({key.first, key.second, with_thousands(static_cast<long long>(flow.practices)),
                 with_thousands(flow.patients)});
    out += "\nMoves between organisations (largest first)\n" + f.render_text();
  }
  out +=
      "\npatients: registered patients in the population file; the practice-level list is in "
      "--format csv or json.\n";
  return out;
}

std::string changes_csv(const ConfigurationChanges& changes) {
  TextTable t;
  t.headers = {"change", "practice", "name", "from", "to", "patients", "in_population"};
  for (const auto& c : changes.changes)
    t.add_row({std::string(change_label(c.kind)), c.practice, c.name, c.from, c.to,
               std::to_string(c.patients), c.in_population ? "yes" : "no"});
  return t.render_csv();
}

nlohmann::json changes_json(const ConfigurationChanges& changes, const std::string& from_date,
                            const std::string& to_date) {
  nlohmann::json summary = nlohmann::json::object();
  for (const auto kind : kKinds)
    summary[std::string(change_label(kind))] = {{"practices", changes.count(kind)},
                                                {"patients", changes.patients(kind)}};
  nlohmann::json flows = nlohmann::json::array();
  for (const auto& [key, flow] : changes.flows)
    flows.push_back({{"from", key.first},
                     {"to", key.second},
                     {"practices", flow.practices},
                     {"patients", flow.patients}});
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& c : changes.changes)
    rows.push_back({{"change", change_label(c.kind)},
                    {"practice", c.practice},
                    {"name", c.name},
                    {"from", c.from},
                    {"to", c.to},
                    {"patients", c.patients},
                    {"in_population", c.in_population}});
  return {{"from", from_date},
          {"to", to_date},
          {"level_before", changes.level_before},
          {"level_after", changes.level_after},
          {"unchanged", changes.unchanged},
          {"summary", summary},
          {"flows", flows},
          {"changes", rows}};
}

}  // namespace pco

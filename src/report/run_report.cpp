#include "report/run_report.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "report/allocation_sections.hpp"
#include "report/exceedance_section.hpp"
#include "report/html_report.hpp"
#include "report/population_sections.hpp"
#include "report/risk_sections.hpp"
#include "report/svg_chart.hpp"
#include "report/table.hpp"

namespace pco {

std::string render_run_report(const StoredRun& run, const std::string& level) {
  const auto wanted = level.empty() ? run.info.lead_level : level;
  const auto it = std::find(run.levels.begin(), run.levels.end(), wanted);
  if (it == run.levels.end()) {
    std::string names;
    for (const auto& l : run.levels)
      names += fmt::format("{}{}", names.empty() ? "" : ", ", l);
    throw UsageError(fmt::format("run {} has no level \"{}\"; its levels are: {}", run.info.run_id,
                                 wanted, names));
  }
  std::int64_t patients = 0;
  for (const auto& p : run.practices)
    patients += p.list_size;
  ReportDocument doc;
  doc.title = run.info.scenario_name.empty() ? "pco run" : run.info.scenario_name;
  doc.facts = {{"Run", std::to_string(run.info.run_id)},
               {"Started", run.info.started_at},
               {"Finished", run.info.finished_at},
               {"pco version", run.info.pco_version},
               {"Scenario hash", run.info.scenario_hash},
               {"Seed", std::to_string(run.info.seed)},
               {"Practices", with_thousands(static_cast<long long>(run.practices.size()))},
               {"Registered patients", with_thousands(patients)}};
  const auto index = static_cast<std::size_t>(it - run.levels.begin());
  // A need-basis warning comes first, before anything that depends on need.
  for (const auto& section : run.sections)
    if (section.id == "need-basis") doc.sections.push_back(section);
  for (auto& section : population_sections(run, index))
    doc.sections.push_back(std::move(section));
  for (auto& section : allocation_sections(run, index))
    doc.sections.push_back(std::move(section));
  for (auto& section : risk_sections(run.risk, run.size_curve)) {
    if (section.id == "risk" && run.risk.holders.empty()) continue;
    doc.sections.push_back(std::move(section));
  }
  if (auto section = exceedance_section(run, wanted)) doc.sections.push_back(std::move(*section));
  for (const auto& section : run.sections)
    if (section.id != "need-basis") doc.sections.push_back(section);
  // Table views, one report section per section id, in the order first stored.
  std::vector<std::string> order;
  for (const auto& t : run.tables)
    if (std::find(order.begin(), order.end(), t.section) == order.end()) order.push_back(t.section);
  for (const auto& id : order) {
    std::string html;
    for (const auto& t : run.tables) {
      if (t.section != id) continue;
      html += "<h3>" + html_escape(t.title) + "</h3>" + html_table(t.table);
    }
    doc.sections.push_back({id, id == "governance" ? "Governance and development" : id, html});
  }
  doc.sections.push_back(
      {"scenario", "Scenario", "<pre>" + html_escape(run.scenario_text) + "</pre>"});
  return render_html_report(doc);
}

}  // namespace pco

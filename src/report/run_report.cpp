#include "report/run_report.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "report/allocation_sections.hpp"
#include "report/html_report.hpp"
#include "report/population_sections.hpp"
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
  doc.sections = population_sections(run, index);
  for (auto& section : allocation_sections(run, index))
    doc.sections.push_back(std::move(section));
  doc.sections.push_back(
      {"scenario", "Scenario", "<pre>" + html_escape(run.scenario_text) + "</pre>"});
  return render_html_report(doc);
}

}  // namespace pco

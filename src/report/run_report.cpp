#include "report/run_report.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "core/error.hpp"
#include "core/number_format.hpp"
#include "core/table.hpp"
#include "report/allocation_sections.hpp"
#include "report/appraisal_sections.hpp"
#include "report/budget_section.hpp"
#include "report/exceedance_section.hpp"
#include "report/focus.hpp"
#include "report/html_report.hpp"
#include "report/map_section.hpp"
#include "report/population_sections.hpp"
#include "report/risk_sections.hpp"
#include "report/simulation_sections.hpp"
#include "report/summary_section.hpp"
#include "report/svg_chart.hpp"

namespace pco {

namespace {

// [report] focus of the stored scenario text (a run's scenario parsed when it was run).
std::string stored_focus(const StoredRun& run) {
  try {
    const auto table = toml::parse(run.scenario_text);
    if (const auto* report = table.get_as<toml::table>("report"))
      if (const auto* focus = report->get_as<std::string>("focus")) return focus->get();
  } catch (const toml::parse_error&) {
  }
  return "";
}

// The scenario as a file to download (a data: link keeps the report self-contained).
std::string scenario_link(const StoredRun& run) {
  std::string encoded;
  for (const unsigned char c : run.scenario_text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '~' || c == '*')
      encoded += static_cast<char>(c);
    else
      encoded += fmt::format("%{:02X}", c);
  }
  return fmt::format(
      "<p><a download=\"scenario.toml\" href=\"data:text/plain;charset=utf-8,{}\">Download the "
      "scenario of this run</a> ({} lines): run it again with pco run --scenario.</p>",
      encoded, std::count(run.scenario_text.begin(), run.scenario_text.end(), '\n'));
}

}  // namespace

std::string render_run_report(const StoredRun& run, const std::string& level,
                              const std::string& focus_option) {
  const auto wanted = level.empty() ? run.info.lead_level : level;
  const auto it = std::find(run.levels.begin(), run.levels.end(), wanted);
  if (it == run.levels.end()) {
    std::string names;
    for (const auto& l : run.levels)
      names += fmt::format("{}{}", names.empty() ? "" : ", ", l);
    throw UsageError(fmt::format("run {} has no level \"{}\"; its levels are: {}", run.info.run_id,
                                 wanted, names));
  }
  const auto index = static_cast<std::size_t>(it - run.levels.begin());
  // --focus, else the focus the run was made with (`pco run --focus`), else the scenario's.
  auto focus = !focus_option.empty()     ? focus_option
               : !run.info.focus.empty() ? run.info.focus
                                         : stored_focus(run);
  {
    std::vector<std::string> codes;
    for (const auto& o : run.organisations[index])
      codes.push_back(o.code);
    if (!focus.empty()) {
      if (focus_option.empty() && std::find(codes.begin(), codes.end(), focus) == codes.end())
        focus.clear();  // the scenario's focus is of the lead level; another level has none
      else
        check_focus(codes, wanted, focus);
    }
  }
  std::int64_t patients = 0;
  for (const auto& p : run.practices)
    patients += p.list_size;
  ReportDocument doc;
  doc.title = run.info.scenario_name.empty() ? "pco run" : run.info.scenario_name;
  doc.subtitle = fmt::format(
      "Run {} · {} practices · {} registered patients · {} organisations at "
      "level {} · finished {}",
      run.info.run_id, count(static_cast<long long>(run.practices.size())),
      people(static_cast<double>(patients)), run.organisations[index].size(), wanted,
      run.info.finished_at);
  doc.facts = {{"Run", std::to_string(run.info.run_id)},
               {"Started", run.info.started_at},
               {"Finished", run.info.finished_at},
               {"pco version", run.info.pco_version},
               {"Scenario hash", run.info.scenario_hash},
               {"Seed", std::to_string(run.info.seed)},
               {"Practices", count(static_cast<long long>(run.practices.size()))},
               {"Registered patients", count(patients)}};
  doc.about_html = scenario_link(run);
  doc.summary = summary_section(run, index, focus);

  // A need-basis warning comes first, before anything that depends on need.
  for (const auto& section : run.sections)
    if (section.id == "need-basis") doc.sections.push_back(section);
  doc.sections.push_back(map_section(run, index, focus));
  for (auto& section : allocation_sections(run, index))
    doc.sections.push_back(std::move(section));
  if (auto section = budget_section(run, index)) doc.sections.push_back(std::move(*section));
  for (auto& section : risk_sections(run.risk, run.size_curve)) {
    if (section.id == "risk" && run.risk.holders.empty()) continue;
    doc.sections.push_back(std::move(section));
  }
  if (auto section = exceedance_section(run, wanted)) doc.sections.push_back(std::move(*section));
  if (run.simulation) {
    for (auto& section : simulation_sections(*run.simulation, focus))
      doc.sections.push_back(std::move(section));
  }
  if (!focus.empty())
    if (auto section = appraisal_focus_section(run, index, focus))
      doc.sections.push_back(std::move(*section));
  // Sections stored ready-drawn: the appraisal's (and, in runs stored before the simulation
  // had tables of its own, the simulation's).
  for (const auto& section : run.sections)
    if (section.id != "need-basis" && (!run.simulation || section.id.rfind("simulation", 0) != 0))
      doc.sections.push_back(section);
  for (auto& section : population_sections(run, index))
    doc.sections.push_back(std::move(section));
  // Table views, one report section per section id, in the order first stored.
  std::vector<std::string> order;
  for (const auto& t : run.tables)
    if (std::find(order.begin(), order.end(), t.section) == order.end()) order.push_back(t.section);
  for (const auto& id : order) {
    std::string html;
    for (const auto& t : run.tables) {
      if (t.section != id) continue;
      html += "<h3>" + html_escape(t.title) + "</h3>" + html_table(readable_table(t.table));
    }
    doc.sections.push_back(
        {id, id == "governance" ? "Governance and development" : human_label(id), html});
  }
  return render_html_report(doc);
}

}  // namespace pco

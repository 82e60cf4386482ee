#include <iostream>

#include <fmt/format.h>

#include "appraisal/appraisal.hpp"
#include "cli/command.hpp"
#include "cli/economy_options.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "demand/service_scenario.hpp"
#include "economy/load_economy.hpp"
#include "report/appraisal_report.hpp"
#include "report/focus.hpp"
#include "scenario_file/scenario_file.hpp"

namespace pco::cli {

namespace {

struct AppraiseOptions {
  std::string scenario;
  std::string format = "table";
  bool detail = false;
  std::string focus;
  std::string out;
  DataOptions data;
};

void run(const AppraiseOptions& o) {
  Scenario scenario = load_scenario(o.scenario);
  apply_data_options(o.data, scenario);
  const auto model = read_service_model(scenario);
  const Economy economy = load_economy(scenario);
  check_service_levels(model, economy.configuration, scenario.file.string());
  if (!o.focus.empty()) check_focus(economy, o.focus);
  const auto results = appraise(scenario, economy, model);
  if (results.budget_warning) std::cerr << "warning: " << *results.budget_warning << '\n';
  std::string text;
  if (o.format == "json") {
    auto json = appraisal_json(results);
    json["economy_notes"] = economy.notes;
    json["need_basis"] = need_basis_json(economy);
    if (!o.focus.empty()) json["focus"] = o.focus;
    text = json.dump(2) + "\n";
  } else if (o.format == "csv") {
    text = !o.focus.empty() ? appraisal_focus_table(results, o.focus).render_csv()
           : o.detail       ? appraisal_organisations(results, true).render_csv()
                            : appraisal_side_by_side(results).render_csv();
  } else {
    text = appraisal_text(results, o.detail, o.focus);
  }
  print_notes(economy);
  warn_need_basis(economy);
  emit_output(text, o.out);
}

}  // namespace

void add_appraise_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AppraiseOptions>();
  auto* cmd = app.add_subcommand(
      "appraise",
      "Appraise configurations side by side: the status quo (the scenario's [configuration]) "
      "and each [[appraisal.alternative]] (another level of the map, a membership file, "
      "merges, moves, federations sharing functions and/or a risk pool). For each: size, "
      "financial risk (P(overspend >= 5%), 99% reserves), management cost, an engagement "
      "proxy, bargaining position, equity, disruption; then NPV vs the status quo over "
      "[appraisal] years (savings, transition cost, performance dip, reserves), break-even "
      "year, uncertainty over the parameter ranges and a one-at-a-time tornado naming the "
      "parameters that flip the decision. docs/appraisal.md.");
  cmd->add_option("--scenario", options->scenario, "Scenario TOML file")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--format", options->format,
                  "Output format: table (side by side, tornado), csv (side by side, or "
                  "organisations with --detail) or json (everything)")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_flag("--detail", options->detail,
                "Also list every organisation of every configuration (table), or only them "
                "(csv)");
  cmd->add_option("--focus", options->focus,
                  "An organisation of the status quo: its own part of each alternative (its "
                  "NPV, risk and costs before and after) first, England's totals second; with "
                  "--format csv only its table")
      ->type_name("CODE");
  cmd->add_option("--out", options->out, "Write to this file instead of standard output");
  add_data_options(cmd, options->data);
  cmd->callback([options, &exit_code] { exit_code = run_guarded([&] { run(*options); }); });
}

}  // namespace pco::cli

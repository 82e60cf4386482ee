#include <iostream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/economy_options.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "economy/load_economy.hpp"
#include "governance/board_reader.hpp"
#include "governance/governance_inputs.hpp"
#include "governance/typology.hpp"
#include "report/governance_report.hpp"

namespace pco::cli {

namespace {

struct GovernanceOptions {
  EconomyOptions economy;
  std::string boards;
  std::string autonomy;
  std::string typology;
  std::string rules;
  std::string year;
  std::string view = "all";
  std::string format = "table";
  std::string out;
};

// Every board must belong to an organisation of the level.
void check_board_organisations(const std::vector<Board>& boards, const Configuration& config,
                               const std::string& level) {
  DiagnosticList problems;
  const auto& lvl = config.level(level);
  for (const auto& b : boards) {
    if (lvl.find(b.organisation) == nullptr)
      problems.add({b.file, b.line, 0, "organisation", b.organisation,
                    fmt::format("an organisation at level {}", level)});
  }
  problems.throw_if_any();
}

void run(const GovernanceOptions& o) {
  const auto scenario = scenario_from_options(o.economy);
  GovernanceInputs in = scenario ? governance_inputs(*scenario) : GovernanceInputs{};
  if (!o.rules.empty()) in.rules = o.rules;
  const auto& rules = rule_set(in.rules);
  if (!o.boards.empty()) merge_boards(in.boards, read_board_members(o.boards));
  if (!o.autonomy.empty()) {
    auto more = read_autonomy(o.autonomy);
    in.autonomy.insert(in.autonomy.end(), more.begin(), more.end());
  }
  const std::string typology_file = o.typology.empty() ? in.typology : o.typology;
  const auto typology =
      typology_file.empty() ? std::vector<TypologyRecord>{} : read_typology(typology_file);

  std::optional<Economy> economy;
  std::optional<AutonomyMap> autonomy;
  if (scenario) {
    economy = load_economy(*scenario);
    print_notes(*economy);
    const auto level = chosen_level(o.economy, in.level, *economy);
    check_board_organisations(in.boards, economy->configuration, level);
    autonomy.emplace(economy->configuration, level, in.autonomy, in.default_autonomy);
  } else if (!in.autonomy.empty()) {
    throw UsageError("autonomy levels need a configuration: give --scenario or --practices/--map");
  }
  if (in.boards.empty() && typology.empty() && !autonomy) {
    throw UsageError(
        "nothing to show: give --boards, --typology, --autonomy with --practices/--map, or a "
        "--scenario with a [governance] section");
  }

  const auto [findings, leadership] = review_boards(in.boards, rules);
  const auto counts = typology_table(typology, o.year);

  const bool all = o.view == "all";
  const auto show = [&](const std::string& v, bool available) {
    if (!all && o.view != v) return false;
    if (!available && !all) throw UsageError("no input for --view " + v);
    return available;
  };
  std::string text;
  if (o.format == "json") {
    nlohmann::json j;
    j["rules"] = {{"code", rules.code}, {"name", rules.name}, {"source", rules.source}};
    if (show("boards", !in.boards.empty())) j["findings"] = findings_json(findings);
    if (show("leadership", !in.boards.empty())) j["leadership"] = leadership_json(leadership);
    if (show("autonomy", autonomy.has_value())) j["autonomy"] = autonomy_json(*autonomy);
    if (show("typology", !typology.empty()) || show("types", !typology.empty()))
      j["typology"] = typology_json(typology, counts);
    text = j.dump(2) + "\n";
  } else if (o.format == "csv") {
    if (all)
      throw UsageError(
          "--format csv needs one --view: boards, leadership, autonomy, "
          "typology or types");
    if (show("boards", !in.boards.empty())) text = board_findings_table(findings).render_csv();
    if (show("leadership", !in.boards.empty())) text = leadership_table(leadership).render_csv();
    if (show("autonomy", autonomy.has_value())) text = autonomy_table(*autonomy).render_csv();
    if (show("typology", !typology.empty())) text = typology_records_table(typology).render_csv();
    if (show("types", !typology.empty())) text = typology_counts_table(counts).render_csv();
  } else {
    const auto section = [&](const std::string& title, const TextTable& t) {
      text += (text.empty() ? "" : "\n") + title + "\n" + t.render_text();
    };
    if (show("boards", !in.boards.empty()))
      section(fmt::format("Board composition against {} ({})", rules.name, rules.code),
              board_findings_table(findings));
    if (show("leadership", !in.boards.empty()))
      section("Distributed leadership", leadership_table(leadership));
    if (show("autonomy", autonomy.has_value()))
      section(fmt::format("Levels of autonomy at level {}", autonomy->level()),
              autonomy_table(*autonomy));
    if (show("typology", !typology.empty()))
      section("Developmental criteria and type", typology_records_table(typology));
    if (show("types", !typology.empty()))
      section(o.year.empty() ? "Types (all years)" : "Types in " + o.year,
              typology_counts_table(counts));
  }
  emit_output(text, o.out);
}

}  // namespace

void add_governance_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<GovernanceOptions>();
  auto* cmd = app.add_subcommand(
      "governance",
      "Check boards against a composition rule set (1999 primary care group board or 2022 "
      "integrated care board), show distributed leadership, which body holds each "
      "organisation's budget and bears its risk at its level of autonomy (1-4), and the "
      "developmental typology (types 1-6 from six criteria, counted as in the total purchasing "
      "evaluation's Table 2).");
  add_economy_options(cmd, o->economy);
  cmd->add_option("--boards", o->boards,
                  "Board members CSV: organisation,name,role,profession,from_organisation,leads,"
                  "appointment")
      ->check(CLI::ExistingFile);
  cmd->add_option("--autonomy", o->autonomy, "Autonomy levels CSV: organisation,level (1-4)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--typology", o->typology,
                  "Developmental criteria CSV: organisation,year,stayed_together,"
                  "purchasing_directly,changing_provision,shifting_care,external_links,"
                  "within_budget[,budget,outturn][,type]")
      ->check(CLI::ExistingFile);
  cmd->add_option("--rules", o->rules, "Board rule set: pcg1999 (default) or icb2022");
  cmd->add_option("--year", o->year, "Typology year to count (default: all rows)");
  cmd->add_option("--view", o->view, "What to show")
      ->check(CLI::IsMember({"all", "boards", "leadership", "autonomy", "typology", "types"}));
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--out", o->out, "Write to this file instead of standard output");
  cmd->callback([o, &exit_code] { exit_code = run_guarded([&] { run(*o); }); });
}

}  // namespace pco::cli

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "governance/governance_inputs.hpp"
#include "governance/survey.hpp"
#include "report/governance_report.hpp"
#include "scenario_file/scenario_file.hpp"

namespace pco::cli {

namespace {

struct SurveyOptions {
  std::string scenario;
  std::string survey;
  std::string scheme;
  std::string typology;
  std::string year;
  std::string by = "respondent";
  std::string format = "table";
  std::string out;
};

void run(const SurveyOptions& o) {
  GovernanceInputs in;
  if (!o.scenario.empty()) in = governance_inputs(load_scenario(o.scenario));
  const auto survey_file = o.survey.empty() ? in.survey : o.survey;
  if (survey_file.empty())
    throw UsageError("give --survey FILE (or governance.survey in the --scenario)");
  const auto scheme_file = o.scheme.empty() ? in.survey_scheme : o.scheme;
  const auto scheme = scheme_file.empty() ? tpp_survey_scheme() : read_survey_scheme(scheme_file);
  const auto data = read_survey(survey_file, scheme);
  const auto typology_file = o.typology.empty() ? in.typology : o.typology;
  std::vector<TypologyRecord> typology;
  if (!typology_file.empty()) typology = read_typology(typology_file);
  if (o.by == "type" && typology_file.empty())
    throw UsageError("--by type needs --typology FILE (or governance.typology in the scenario)");
  const auto grouping = o.by == "type"         ? SurveyGrouping::type
                        : o.by == "respondent" ? SurveyGrouping::respondent
                                               : SurveyGrouping::all;
  const auto tabs = tabulate_survey(data, grouping, &typology, o.year);

  std::string text;
  if (o.format == "json") {
    text = nlohmann::json{{"scheme", scheme.name}, {"by", o.by}, {"questions", survey_json(tabs)}}
               .dump(2) +
           "\n";
  } else if (o.format == "csv") {
    text = survey_long_table(tabs).render_csv();
  } else {
    for (const auto& t : tabs) {
      text +=
          fmt::format("{}{}: {} (count and % of responders{})\n", text.empty() ? "" : "\n",
                      t.question, t.question_text, t.multiple ? "; several answers allowed" : "");
      text += survey_wide_table(t).render_text();
    }
  }
  emit_output(text, o.out);
}

}  // namespace

void add_survey_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<SurveyOptions>();
  auto* cmd = app.add_subcommand(
      "survey",
      "Tabulate coded relationship and involvement survey responses: counts and percentages of "
      "responders, non-response shown separately, by respondent group or by developmental "
      "type. Every code outside the coding scheme is reported at once.");
  cmd->add_option("--scenario", o->scenario, "Scenario TOML file (reads its [governance] section)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--survey", o->survey,
                  "Responses CSV: organisation,respondent, then one column per question")
      ->check(CLI::ExistingFile);
  cmd->add_option("--scheme", o->scheme,
                  "Coding scheme CSV: question,code,label[,multiple] (default: the total "
                  "purchasing evaluation's questions)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--typology", o->typology, "Developmental criteria CSV, for --by type")
      ->check(CLI::ExistingFile);
  cmd->add_option("--year", o->year,
                  "Typology year for --by type (default: latest per organisation)");
  cmd->add_option("--by", o->by, "Columns of the tables")
      ->check(CLI::IsMember({"respondent", "type", "all"}));
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--out", o->out, "Write to this file instead of standard output");
  cmd->callback([o, &exit_code] { exit_code = run_guarded([&] { run(*o); }); });
}

}  // namespace pco::cli

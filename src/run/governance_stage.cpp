#include "run/governance_stage.hpp"

#include <fmt/format.h>

#include "governance/autonomy.hpp"
#include "governance/board.hpp"
#include "governance/governance_inputs.hpp"
#include "governance/indicators.hpp"
#include "governance/survey.hpp"
#include "governance/typology.hpp"
#include "report/governance_report.hpp"
#include "report/indicators_report.hpp"

namespace pco {

std::vector<TitledTable> governance_tables(const Scenario& scenario, const Economy& economy,
                                           const std::string& default_level) {
  if (scenario.table.get_as<toml::table>("governance") == nullptr) return {};
  const auto in = governance_inputs(scenario);
  const auto level = in.level.empty() ? default_level : in.level;
  const auto& rules = rule_set(in.rules);
  std::vector<TitledTable> out;
  const auto add = [&](std::string title, TextTable table) {
    out.push_back({"governance", std::move(title), std::move(table)});
  };
  if (!in.boards.empty()) {
    const auto review = review_boards(in.boards, rules);
    add(fmt::format("Board composition against {} ({})", rules.name, rules.code),
        board_findings_table(review.findings));
    add("Distributed leadership: sub-groups and who leads them",
        leadership_table(review.leadership));
  }
  const AutonomyMap autonomy(economy.configuration, level, in.autonomy, in.default_autonomy);
  add(fmt::format("Levels of autonomy at level {}: who holds the budget and bears the risk", level),
      autonomy_table(autonomy));
  std::vector<TypologyRecord> typology;
  if (!in.typology.empty()) {
    typology = read_typology(in.typology);
    add("Developmental typology: organisations by type (as the evaluation's Table 2)",
        typology_counts_table(typology_table(typology, "")));
  }
  if (!in.survey.empty()) {
    const auto scheme =
        in.survey_scheme.empty() ? tpp_survey_scheme() : read_survey_scheme(in.survey_scheme);
    const auto data = read_survey(in.survey, scheme);
    for (const auto& t : tabulate_survey(data, SurveyGrouping::respondent, &typology, "")) {
      add(fmt::format("Survey: {} (count and % of responders)", t.question_text),
          survey_wide_table(t));
    }
  }
  if (!in.indicators.empty() && !in.indicator_values.empty()) {
    const auto definitions = read_indicator_definitions(in.indicators);
    const auto observations = read_indicator_values(in.indicator_values, definitions);
    const auto rollup =
        roll_up_indicators(economy.population, economy.configuration, definitions, observations);
    add(fmt::format("Performance indicators at level {}: value, peer percentile, RAG", level),
        indicators_table(rollup, level));
    add("Indicator deciles across units", indicator_deciles_table(rollup, level));
  }
  return out;
}

}  // namespace pco

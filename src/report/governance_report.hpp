#pragma once
// Tables and JSON for boards, leadership, autonomy, the developmental typology and surveys.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/table.hpp"
#include "governance/autonomy.hpp"
#include "governance/board.hpp"
#include "governance/survey.hpp"
#include "governance/typology.hpp"

namespace pco {

TextTable board_findings_table(const std::vector<Finding>& findings);
TextTable leadership_table(const std::vector<LeadershipView>& views);
TextTable autonomy_table(const AutonomyMap& autonomy);
TextTable typology_records_table(const std::vector<TypologyRecord>& records);
// Table 2 layout: description, type, number, percentage (one decimal), and a total row.
TextTable typology_counts_table(const ShareTable& table);

// Survey tabulation, wide (codes down, groups across: "25 (65.8%)"), as the evaluation printed.
TextTable survey_wide_table(const SurveyTabulation& t);
// All tabulations, long: question, group, code, label, count, percent_of_responders.
TextTable survey_long_table(const std::vector<SurveyTabulation>& ts);

nlohmann::json findings_json(const std::vector<Finding>& findings);
nlohmann::json leadership_json(const std::vector<LeadershipView>& views);
nlohmann::json autonomy_json(const AutonomyMap& autonomy);
nlohmann::json typology_json(const std::vector<TypologyRecord>& records, const ShareTable& counts);
nlohmann::json survey_json(const std::vector<SurveyTabulation>& ts);

// A percentage with one decimal, or "" when there is none.
std::string percent_text(std::optional<double> percent);

}  // namespace pco

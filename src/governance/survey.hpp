#pragma once
// Relationship and involvement surveys: coded responses per organisation and respondent,
// checked against a coding scheme (data, not code) and tabulated as counts and percentages of
// responders with non-response apart, by respondent group or by developmental type.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "governance/share.hpp"
#include "governance/typology.hpp"

namespace pco {

struct SurveyCode {
  std::string code;
  std::string label;
};

struct SurveyQuestion {
  std::string code;
  std::string text;
  bool multiple = false;  // several codes may be given, separated by ';'
  std::vector<SurveyCode> codes;
};

struct SurveyScheme {
  std::string name;
  std::vector<SurveyQuestion> questions;

  const SurveyQuestion* find(std::string_view code) const;
};

// The questions of the total purchasing evaluation (Leese & Mahon): relationship with the
// health authority and its change, the key decision-maker, and patient and public involvement
// methods and their stated purpose.
const SurveyScheme& tpp_survey_scheme();

// Columns question, code, label[, multiple]; one row per code, questions in first-seen order.
SurveyScheme parse_survey_scheme(std::string_view text, const std::string& file);
SurveyScheme read_survey_scheme(const std::string& path);

struct SurveyResponse {
  std::string organisation;
  std::string respondent;  // e.g. ha_lead, site_manager, gp
  // Per question of the survey (SurveyData::questions): indices into its codes; empty when the
  // respondent gave no answer.
  std::vector<std::vector<std::size_t>> answers;
};

struct SurveyData {
  SurveyScheme scheme;
  std::vector<std::size_t> questions;  // scheme questions present in the file, in column order
  std::vector<SurveyResponse> responses;
};

// Columns organisation, respondent, then one column per question of `scheme`. An empty cell or
// "no_response" is non-response. Every code outside the scheme, unknown question column and
// repeated code is reported at once (InputError).
SurveyData parse_survey(std::string_view text, const std::string& file, const SurveyScheme& scheme);
SurveyData read_survey(const std::string& path, const SurveyScheme& scheme);

enum class SurveyGrouping { all, respondent, type };

struct SurveyTabulation {
  std::string question;
  std::string question_text;
  bool multiple = false;
  std::vector<std::string> groups;  // column headings
  std::vector<ShareTable> tables;   // one per group
};

// One tabulation per question of the survey. Grouping by type needs `typology` (organisations
// without a type form the group "untyped"); `year` selects the typology year (latest if empty).
std::vector<SurveyTabulation> tabulate_survey(const SurveyData& data, SurveyGrouping grouping,
                                              const std::vector<TypologyRecord>* typology,
                                              const std::string& year);

}  // namespace pco

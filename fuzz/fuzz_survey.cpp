// Survey responses against the built-in coding scheme, tabulated by respondent; and the same
// bytes read as a coding scheme.
#include "fuzz_support.hpp"
#include "governance/survey.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pco::fuzz::run(data, size, [](const std::string& text) {
    const auto survey = pco::parse_survey(text, "fuzz.csv", pco::tpp_survey_scheme());
    pco::tabulate_survey(survey, pco::SurveyGrouping::respondent, nullptr, "");
  });
  return pco::fuzz::run(
      data, size, [](const std::string& text) { pco::parse_survey_scheme(text, "fuzz.csv"); });
}

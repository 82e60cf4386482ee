#include "governance/survey.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/text.hpp"
#include "governance/csv_input.hpp"

namespace pco {

namespace {

bool matches(const SurveyCode& code, const std::string& given) {
  return normalise_code(code.code) == given || normalise_code(code.label) == given;
}

std::string code_list(const SurveyQuestion& q) {
  std::string out;
  for (const auto& c : q.codes)
    out += (out.empty() ? "" : ", ") + c.code;
  return out + (q.multiple ? " (several separated by ';')" : "") + ", or empty for no response";
}

std::string question_list(const SurveyScheme& scheme) {
  std::string out;
  for (const auto& q : scheme.questions)
    out += (out.empty() ? "" : ", ") + q.code;
  return out;
}

}  // namespace

const SurveyQuestion* SurveyScheme::find(std::string_view code) const {
  const auto n = normalise_code(code);
  for (const auto& q : questions)
    if (normalise_code(q.code) == n) return &q;
  return nullptr;
}

const SurveyScheme& tpp_survey_scheme() {
  static const SurveyScheme scheme = {
      "tpp1998",
      {{"relationship_ha",
        "Overall, how would you describe your relationship with the local HA?",
        true,
        {{"paternal", "Paternal/dictatorial"},
         {"collaborative", "Collaborative"},
         {"cooperative", "Co-operative"},
         {"hostile", "Begrudging/hostile"},
         {"adversarial", "Adversarial/competitive"}}},
       {"relationship_change",
        "How has the relationship with the HA changed in the past year?",
        false,
        {{"strengthened", "Strengthened"},
         {"weakened", "Weakened"},
         {"unchanged", "Unchanged"},
         {"mixed", "Mixed"}}},
       {"key_individual",
        "Who is the key individual?",
        false,
        {{"gps", "GPs"},
         {"gps_and_manager", "GP(s) plus site manager"},
         {"site_manager", "Site manager"},
         {"no_single_person", "No single person"},
         {"other", "Other"}}},
       {"involvement_methods",
        "How were patients and the public involved?",
        true,
        {{"information", "Newsletters, leaflets and other information"},
         {"public_meeting", "Public meetings"},
         {"survey", "Patient surveys"},
         {"patient_panel", "Patient panel or participation group"},
         {"focus_group", "Focus groups"},
         {"chc", "Contact with the community health council"},
         {"other", "Other"},
         {"none", "No attempt to involve"}}},
       {"involvement_purpose",
        "What was the stated purpose of involvement?",
        true,
        {{"information_giving", "Information-giving"},
         {"public_relations", "Public relations"},
         {"consultation", "Consultation on services"},
         {"participation", "Participation in decisions"},
         {"none", "No purpose stated"}}}}};
  return scheme;
}

SurveyScheme parse_survey_scheme(std::string_view text, const std::string& file) {
  DiagnosticList problems;
  const auto doc = parse_csv_document(text, file, "question,code,label[,multiple]", problems);
  const auto cols = require_columns(doc.header, {{"question", {"question"}}, {"code", {"code"}}},
                                    file, doc.header_line, problems);
  problems.throw_if_any();
  const auto label = doc.header.find({"label"});
  const auto multiple = doc.header.find({"multiple"});
  SurveyScheme scheme;
  scheme.name = file;
  for (const auto& record : doc.records) {
    FieldReader reader(file, record, &doc.header, problems);
    const auto q = reader.required_text(*cols[0], "a question code");
    const auto c = reader.required_text(*cols[1], "an answer code");
    std::optional<bool> multi = false;
    if (multiple && !trim(reader.text(*multiple)).empty()) {
      multi = parse_yes_no(reader.text(*multiple));
      if (!multi) reader.problem(*multiple, "yes or no");
    }
    if (!q || !c || !multi) continue;
    auto it = std::find_if(scheme.questions.begin(), scheme.questions.end(),
                           [&](const SurveyQuestion& x) { return x.code == *q; });
    if (it == scheme.questions.end()) {
      scheme.questions.push_back({*q, *q, *multi, {}});
      it = scheme.questions.end() - 1;
    }
    it->multiple = it->multiple || *multi;
    const std::string l = label ? std::string(trim(reader.text(*label))) : "";
    const auto n = normalise_code(*c);
    if (std::any_of(it->codes.begin(), it->codes.end(),
                    [&](const SurveyCode& x) { return normalise_code(x.code) == n; })) {
      reader.problem(*cols[1], "a code not already listed for question " + *q);
      continue;
    }
    it->codes.push_back({*c, l.empty() ? *c : l});
  }
  problems.sort_by_position();
  problems.throw_if_any();
  return scheme;
}

SurveyScheme read_survey_scheme(const std::string& path) {
  return parse_survey_scheme(read_text_file(path), path);
}

SurveyData parse_survey(std::string_view text, const std::string& file,
                        const SurveyScheme& scheme) {
  DiagnosticList problems;
  const auto doc = parse_csv_document(
      text, file, "organisation,respondent,QUESTION... (" + question_list(scheme) + ")", problems);
  const auto cols = require_columns(doc.header,
                                    {{"organisation", {"organisation", "org"}},
                                     {"respondent", {"respondent", "respondent_role"}}},
                                    file, doc.header_line, problems);
  problems.throw_if_any();
  SurveyData data;
  data.scheme = scheme;
  std::vector<std::size_t> columns;  // file column of each question in data.questions
  for (std::size_t i = 0; i < doc.header.size(); ++i) {
    if (i == *cols[0] || i == *cols[1]) continue;
    const auto* q = scheme.find(doc.header.name(i));
    if (q == nullptr) {
      problems.add({file, doc.header_line, i + 1, "header", doc.header.name(i),
                    "a question of the scheme: " + question_list(scheme)});
      continue;
    }
    data.questions.push_back(static_cast<std::size_t>(q - scheme.questions.data()));
    columns.push_back(i);
  }
  if (data.questions.empty() && problems.empty()) {
    problems.add({file, doc.header_line, 0, "header", doc.header.joined(),
                  "at least one question column: " + question_list(scheme)});
  }
  problems.throw_if_any();

  for (const auto& record : doc.records) {
    FieldReader reader(file, record, &doc.header, problems);
    SurveyResponse r;
    const auto org = reader.required_text(*cols[0], "an organisation code");
    const auto who = reader.required_text(*cols[1], "a respondent, e.g. site_manager or gp");
    for (std::size_t k = 0; k < data.questions.size(); ++k) {
      const auto& q = scheme.questions[data.questions[k]];
      std::vector<std::size_t> answer;
      const auto cell = trim(reader.text(columns[k]));
      const auto items = split_list(cell);
      if (!(items.size() == 1 && normalise_code(items[0]) == "no_response")) {
        if (items.size() > 1 && !q.multiple) {
          reader.problem(columns[k], "one code: " + code_list(q));
        }
        for (const auto& item : items) {
          const auto n = normalise_code(item);
          const auto it = std::find_if(q.codes.begin(), q.codes.end(),
                                       [&](const SurveyCode& c) { return matches(c, n); });
          if (it == q.codes.end()) {
            reader.problem_with_value(columns[k], item, code_list(q));
            continue;
          }
          const auto index = static_cast<std::size_t>(it - q.codes.begin());
          if (std::find(answer.begin(), answer.end(), index) != answer.end()) {
            reader.problem_with_value(columns[k], item, "each code once per answer");
            continue;
          }
          answer.push_back(index);
        }
      }
      r.answers.push_back(std::move(answer));
    }
    if (!org || !who) continue;
    r.organisation = *org;
    r.respondent = normalise_code(*who);
    data.responses.push_back(std::move(r));
  }
  problems.sort_by_position();
  problems.throw_if_any();
  return data;
}

SurveyData read_survey(const std::string& path, const SurveyScheme& scheme) {
  return parse_survey(read_text_file(path), path, scheme);
}

std::vector<SurveyTabulation> tabulate_survey(const SurveyData& data, SurveyGrouping grouping,
                                              const std::vector<TypologyRecord>* typology,
                                              const std::string& year) {
  // Group of each response, and the groups in a stable order: respondents as first seen,
  // types in type order with "untyped" last.
  std::vector<std::string> group_of;
  std::vector<std::string> groups;
  std::map<std::string, std::optional<int>> type_cache;
  for (const auto& r : data.responses) {
    std::string g = "all";
    if (grouping == SurveyGrouping::respondent) {
      g = r.respondent;
    } else if (grouping == SurveyGrouping::type) {
      auto it = type_cache.find(r.organisation);
      if (it == type_cache.end()) {
        it = type_cache
                 .emplace(r.organisation,
                          typology ? type_of(*typology, r.organisation, year) : std::nullopt)
                 .first;
      }
      g = it->second ? fmt::format("type {}", *it->second) : "untyped";
    }
    group_of.push_back(g);
    if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
  }
  if (grouping == SurveyGrouping::type) std::sort(groups.begin(), groups.end());
  if (groups.empty()) groups.push_back("all");

  std::vector<SurveyTabulation> out;
  for (std::size_t k = 0; k < data.questions.size(); ++k) {
    const auto& q = data.scheme.questions[data.questions[k]];
    SurveyTabulation t{q.code, q.text, q.multiple, groups, {}};
    for (const auto& g : groups) {
      ShareTable table;
      for (const auto& c : q.codes)
        table.categories.push_back({c.code, c.label, 0});
      for (std::size_t i = 0; i < data.responses.size(); ++i) {
        if (group_of[i] != g) continue;
        const auto& answer = data.responses[i].answers[k];
        if (answer.empty()) {
          ++table.non_response;
          continue;
        }
        ++table.responders;
        for (const auto c : answer)
          ++table.categories[c].count;
      }
      t.tables.push_back(std::move(table));
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace pco

#include "report/governance_report.hpp"

#include <fmt/format.h>

namespace pco {

namespace {

std::string yes_no(bool v) {
  return v ? "yes" : "no";
}

nlohmann::json optional_json(std::optional<double> v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json share_json(const ShareTable& t) {
  auto cats = nlohmann::json::array();
  for (std::size_t i = 0; i < t.categories.size(); ++i) {
    const auto p = t.percent(i);
    cats.push_back({{"code", t.categories[i].code},
                    {"label", t.categories[i].label},
                    {"count", t.categories[i].count},
                    {"percent_of_responders",
                     optional_json(p ? std::optional(round_to(*p, 1)) : std::nullopt)}});
  }
  return {{"categories", cats}, {"responders", t.responders}, {"non_response", t.non_response}};
}

}  // namespace

std::string percent_text(std::optional<double> percent) {
  return percent ? fmt::format("{:.1f}", round_to(*percent, 1)) : "";
}

TextTable board_findings_table(const std::vector<Finding>& findings) {
  TextTable t{{"organisation", "check", "expected", "found", "status"}, {}, {}};
  for (const auto& f : findings)
    t.add_row({f.organisation, f.check, f.expected, f.found, std::string(status_label(f.status))});
  return t;
}

TextTable leadership_table(const std::vector<LeadershipView>& views) {
  TextTable t{{"organisation", "members", "fixed", "secondment", "project", "sub_groups", "leaders",
               "concentrated", "sub_group_leads"},
              {false, true, true, true, true, true, true, false, false},
              {}};
  for (const auto& v : views) {
    std::string leads;
    for (const auto& g : v.sub_groups) {
      std::string who;
      for (const auto& l : g.leaders)
        who += (who.empty() ? "" : " & ") + l;
      leads += fmt::format("{}{}: {}", leads.empty() ? "" : "; ", g.name, who);
    }
    t.add_row({v.organisation, std::to_string(v.members), std::to_string(v.fixed),
               std::to_string(v.secondments), std::to_string(v.projects),
               std::to_string(v.sub_groups.size()), std::to_string(v.leaders),
               yes_no(v.concentrated()), leads});
  }
  return t;
}

TextTable autonomy_table(const AutonomyMap& autonomy) {
  TextTable t{{"organisation", "level", "description", "assumed", "budget_holder",
               "budget_holder_level", "risk_bearer", "risk_bearer_level", "provides_community"},
              {false, true, false, false, false, false, false, false, false},
              {}};
  for (const auto& h : autonomy.holdings())
    t.add_row({h.organisation, std::to_string(h.autonomy), std::string(autonomy_label(h.autonomy)),
               yes_no(h.assumed), h.budget_holder, h.budget_holder_level, h.risk_bearer,
               h.risk_bearer_level, yes_no(h.provides_community_services)});
  return t;
}

TextTable typology_records_table(const std::vector<TypologyRecord>& records) {
  TextTable t;
  t.headers = {"organisation", "year"};
  for (std::size_t c = 0; c < kCriterionCount; ++c)
    t.headers.emplace_back(criterion_code(static_cast<Criterion>(c)));
  for (const auto* h : {"type", "description", "recorded_type", "agrees"})
    t.headers.emplace_back(h);
  for (const auto& r : records) {
    std::vector<std::string> row = {r.organisation, r.year};
    for (const bool m : r.met)
      row.push_back(yes_no(m));
    const int type = classify(r);
    row.push_back(std::to_string(type));
    row.emplace_back(type_label(type));
    row.push_back(r.recorded_type ? std::to_string(*r.recorded_type) : "");
    row.push_back(r.recorded_type ? yes_no(*r.recorded_type == type) : "");
    t.add_row(std::move(row));
  }
  return t;
}

TextTable typology_counts_table(const ShareTable& table) {
  TextTable t{{"description", "type", "number", "percentage"}, {false, true, true, true}, {}};
  for (std::size_t i = 0; i < table.categories.size(); ++i)
    t.add_row({table.categories[i].label, table.categories[i].code,
               std::to_string(table.categories[i].count), percent_text(table.percent(i))});
  t.add_row({"Total", "", std::to_string(table.responders), table.responders > 0 ? "100.0" : ""});
  return t;
}

TextTable survey_wide_table(const SurveyTabulation& s) {
  TextTable t;
  t.headers = {s.question};
  t.right_align = {false};
  for (const auto& g : s.groups) {
    t.headers.push_back(g);
    t.right_align.push_back(true);
  }
  if (s.tables.empty()) return t;
  for (std::size_t c = 0; c < s.tables[0].categories.size(); ++c) {
    std::vector<std::string> row = {s.tables[0].categories[c].label};
    for (const auto& table : s.tables)
      row.push_back(count_with_percent(table.categories[c].count, table.percent(c)));
    t.add_row(std::move(row));
  }
  std::vector<std::string> nr = {"No response"};
  std::vector<std::string> resp = {"Responders"};
  for (const auto& table : s.tables) {
    nr.push_back(std::to_string(table.non_response));
    resp.push_back(std::to_string(table.responders));
  }
  t.add_row(std::move(nr));
  t.add_row(std::move(resp));
  return t;
}

TextTable survey_long_table(const std::vector<SurveyTabulation>& ts) {
  TextTable t{{"question", "group", "code", "label", "count", "percent_of_responders"},
              {false, false, false, false, true, true},
              {}};
  for (const auto& s : ts) {
    for (std::size_t g = 0; g < s.groups.size(); ++g) {
      const auto& table = s.tables[g];
      for (std::size_t c = 0; c < table.categories.size(); ++c)
        t.add_row({s.question, s.groups[g], table.categories[c].code, table.categories[c].label,
                   std::to_string(table.categories[c].count), percent_text(table.percent(c))});
      t.add_row({s.question, s.groups[g], "no_response", "No response",
                 std::to_string(table.non_response), ""});
      t.add_row({s.question, s.groups[g], "responders", "Responders",
                 std::to_string(table.responders), ""});
    }
  }
  return t;
}

nlohmann::json findings_json(const std::vector<Finding>& findings) {
  auto out = nlohmann::json::array();
  for (const auto& f : findings)
    out.push_back({{"organisation", f.organisation},
                   {"check", f.check},
                   {"expected", f.expected},
                   {"found", f.found},
                   {"status", status_label(f.status)}});
  return out;
}

nlohmann::json leadership_json(const std::vector<LeadershipView>& views) {
  auto out = nlohmann::json::array();
  for (const auto& v : views) {
    auto groups = nlohmann::json::array();
    for (const auto& g : v.sub_groups)
      groups.push_back({{"name", g.name}, {"leaders", g.leaders}});
    out.push_back({{"organisation", v.organisation},
                   {"members", v.members},
                   {"fixed", v.fixed},
                   {"secondments", v.secondments},
                   {"projects", v.projects},
                   {"leaders", v.leaders},
                   {"concentrated", v.concentrated()},
                   {"sub_groups", groups}});
  }
  return out;
}

nlohmann::json autonomy_json(const AutonomyMap& autonomy) {
  auto out = nlohmann::json::array();
  for (const auto& h : autonomy.holdings())
    out.push_back({{"organisation", h.organisation},
                   {"level", h.autonomy},
                   {"description", autonomy_label(h.autonomy)},
                   {"assumed", h.assumed},
                   {"budget_holder", h.budget_holder},
                   {"budget_holder_level", h.budget_holder_level},
                   {"risk_bearer", h.risk_bearer},
                   {"risk_bearer_level", h.risk_bearer_level},
                   {"provides_community_services", h.provides_community_services}});
  return out;
}

nlohmann::json typology_json(const std::vector<TypologyRecord>& records, const ShareTable& counts) {
  auto rows = nlohmann::json::array();
  for (const auto& r : records) {
    nlohmann::json criteria;
    for (std::size_t c = 0; c < kCriterionCount; ++c)
      criteria[std::string(criterion_code(static_cast<Criterion>(c)))] = r.met[c];
    rows.push_back({{"organisation", r.organisation},
                    {"year", r.year},
                    {"criteria", criteria},
                    {"type", classify(r)},
                    {"recorded_type", r.recorded_type ? nlohmann::json(*r.recorded_type)
                                                      : nlohmann::json(nullptr)}});
  }
  return {{"records", rows}, {"types", share_json(counts)}};
}

nlohmann::json survey_json(const std::vector<SurveyTabulation>& ts) {
  auto out = nlohmann::json::array();
  for (const auto& s : ts) {
    auto groups = nlohmann::json::array();
    for (std::size_t g = 0; g < s.groups.size(); ++g) {
      auto j = share_json(s.tables[g]);
      j["group"] = s.groups[g];
      groups.push_back(std::move(j));
    }
    out.push_back({{"question", s.question},
                   {"text", s.question_text},
                   {"multiple", s.multiple},
                   {"groups", groups}});
  }
  return out;
}

}  // namespace pco

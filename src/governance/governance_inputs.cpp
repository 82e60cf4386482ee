#include "governance/governance_inputs.hpp"

#include <filesystem>

#include "core/text.hpp"
#include "governance/board_reader.hpp"
#include "governance/csv_input.hpp"
#include "scenario/toml_check.hpp"

namespace pco {

namespace {

std::string path_of(const toml::table& t, std::string_view key, const Scenario& scenario) {
  const auto* s = t.get_as<std::string>(key);
  if (s == nullptr) return {};
  const std::filesystem::path p(s->get());
  return (p.is_absolute() ? p : scenario.file.parent_path() / p).string();
}

std::string string_or(const toml::table& t, std::string_view key, std::string fallback) {
  if (const auto* s = t.get_as<std::string>(key)) return s->get();
  return fallback;
}

Board board_from_toml(const toml::table& b, const std::string& file, const std::string& path,
                      std::vector<AutonomyRecord>& autonomy, DiagnosticList& problems) {
  Board board;
  board.organisation = string_or(b, "organisation", "");
  board.file = file;
  board.line = b.source().begin.line;
  if (const auto* level = b.get("autonomy_level"); level && level->is_integer()) {
    autonomy.push_back({board.organisation, static_cast<int>(level->as_integer()->get()), file,
                        level->source().begin.line});
  }
  const auto* members = b.get_as<toml::array>("member");
  if (members == nullptr) return board;
  for (std::size_t i = 0; i < members->size(); ++i) {
    const auto* m = members->get(i)->as_table();
    if (m == nullptr) continue;
    const std::string where = path + ".member[" + std::to_string(i) + "]";
    BoardMember member;
    member.name = string_or(*m, "name", "");
    if (const auto* role = m->get("role"); role && role->is_string()) {
      if (const auto r = parse_role(role->as_string()->get())) {
        member.role = *r;
      } else {
        problems.add(toml_diagnostic(*role, file, where + ".role", role->as_string()->get(),
                                     "a board role: " + role_codes_list()));
      }
    }
    member.profession = string_or(*m, "profession", "");
    member.from_organisation = string_or(*m, "from", "");
    if (const auto* leads = m->get_as<toml::array>("leads")) {
      for (const auto& l : *leads)
        if (const auto* s = l.as_string()) member.leads.push_back(s->get());
    }
    if (const auto* a = m->get("appointment"); a && a->is_string()) {
      if (const auto v = parse_appointment(a->as_string()->get())) {
        member.appointment = *v;
      } else {
        problems.add(toml_diagnostic(*a, file, where + ".appointment", a->as_string()->get(),
                                     "fixed, secondment or project"));
      }
    }
    member.source = file + ":" + std::to_string(m->source().begin.line);
    board.members.push_back(std::move(member));
  }
  return board;
}

}  // namespace

GovernanceInputs governance_inputs(const Scenario& scenario) {
  GovernanceInputs in;
  const auto* g = scenario.table.get_as<toml::table>("governance");
  if (g == nullptr) return in;
  const std::string file = scenario.file.string();
  DiagnosticList problems;
  in.level = string_or(*g, "level", "");
  in.rules = string_or(*g, "rules", in.rules);
  if (const auto* v = g->get("default_autonomy"); v && v->is_integer()) {
    const auto d = v->as_integer()->get();
    if (d < 1 || d > 4) {
      problems.add(toml_diagnostic(*v, file, "governance.default_autonomy", toml_value_text(*v),
                                   "1, 2, 3 or 4"));
    }
    in.default_autonomy = static_cast<int>(d);
  }
  in.members = path_of(*g, "members", scenario);
  in.autonomy_file = path_of(*g, "autonomy", scenario);
  in.typology = path_of(*g, "typology", scenario);
  in.survey = path_of(*g, "survey", scenario);
  in.survey_scheme = path_of(*g, "survey_scheme", scenario);
  in.indicators = path_of(*g, "indicators", scenario);
  in.indicator_values = path_of(*g, "indicator_values", scenario);
  if (const auto* boards = g->get_as<toml::array>("board")) {
    for (std::size_t i = 0; i < boards->size(); ++i) {
      if (const auto* b = boards->get(i)->as_table()) {
        merge_boards(in.boards,
                     {board_from_toml(*b, file, "governance.board[" + std::to_string(i) + "]",
                                      in.autonomy, problems)});
      }
    }
  }
  problems.throw_if_any();
  if (!in.members.empty()) merge_boards(in.boards, read_board_members(in.members));
  if (!in.autonomy_file.empty()) {
    auto more = read_autonomy(in.autonomy_file);
    in.autonomy.insert(in.autonomy.end(), more.begin(), more.end());
  }
  return in;
}

std::vector<AutonomyRecord> parse_autonomy(std::string_view text, const std::string& file) {
  DiagnosticList problems;
  const auto doc = parse_csv_document(text, file, "organisation,level", problems);
  const auto cols = require_columns(
      doc.header,
      {{"organisation", {"organisation", "org"}}, {"level", {"level", "autonomy_level"}}}, file,
      doc.header_line, problems);
  problems.throw_if_any();
  std::vector<AutonomyRecord> out;
  for (const auto& record : doc.records) {
    FieldReader reader(file, record, &doc.header, problems);
    const auto org = reader.required_text(*cols[0], "an organisation code");
    const auto t = trim(reader.text(*cols[1]));
    const auto level = parse_int(t);
    if (!level || *level < 1 || *level > 4) {
      reader.problem(*cols[1], "an autonomy level 1, 2, 3 or 4");
      continue;
    }
    if (org) out.push_back({*org, static_cast<int>(*level), file, record.line});
  }
  problems.sort_by_position();
  problems.throw_if_any();
  return out;
}

std::vector<AutonomyRecord> read_autonomy(const std::string& path) {
  return parse_autonomy(read_text_file(path), path);
}

}  // namespace pco

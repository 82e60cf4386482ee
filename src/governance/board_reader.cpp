#include "governance/board_reader.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.hpp"
#include "governance/csv_input.hpp"

namespace pco {

std::vector<Board> parse_board_members(std::string_view text, const std::string& file) {
  DiagnosticList problems;
  const auto doc = parse_csv_document(text, file, kBoardHeader, problems);
  const auto required =
      require_columns(doc.header,
                      {{"organisation", {"organisation", "org", "organisation_code"}},
                       {"name", {"name", "member"}},
                       {"role", {"role"}}},
                      file, doc.header_line, problems);
  problems.throw_if_any();
  const auto profession = doc.header.find({"profession"});
  const auto from = doc.header.find({"from_organisation", "from", "nominated_by"});
  const auto leads = doc.header.find({"leads", "sub_groups", "subgroups"});
  const auto appointment = doc.header.find({"appointment", "appointment_type"});

  std::vector<Board> boards;
  for (const auto& record : doc.records) {
    FieldReader reader(file, record, &doc.header, problems);
    const auto org = reader.required_text(*required[0], "an organisation code");
    const auto name = reader.required_text(*required[1], "the member's name");
    BoardMember member;
    const auto role_text = reader.text(*required[2]);
    if (const auto role = parse_role(role_text)) {
      member.role = *role;
    } else {
      reader.problem(*required[2], "a board role: " + role_codes_list());
    }
    if (profession) member.profession = std::string(trim(reader.text(*profession)));
    if (from) member.from_organisation = std::string(trim(reader.text(*from)));
    if (leads) member.leads = split_list(reader.text(*leads));
    if (appointment && !trim(reader.text(*appointment)).empty()) {
      if (const auto a = parse_appointment(reader.text(*appointment))) {
        member.appointment = *a;
      } else {
        reader.problem(*appointment, "fixed, secondment or project");
      }
    }
    if (!org || !name) continue;
    member.name = *name;
    member.source = fmt::format("{}:{}", file, record.line);
    merge_boards(boards, {Board{*org, {std::move(member)}, file, record.line}});
  }
  problems.sort_by_position();
  problems.throw_if_any();
  return boards;
}

std::vector<Board> read_board_members(const std::string& path) {
  return parse_board_members(read_text_file(path), path);
}

void merge_boards(std::vector<Board>& boards, std::vector<Board> more) {
  for (auto& b : more) {
    auto it = std::find_if(boards.begin(), boards.end(),
                           [&](const Board& x) { return x.organisation == b.organisation; });
    if (it == boards.end()) {
      boards.push_back(std::move(b));
    } else {
      for (auto& m : b.members)
        it->members.push_back(std::move(m));
    }
  }
}

}  // namespace pco

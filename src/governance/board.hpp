#pragma once
// Boards of primary care organisations: who sits on them, in which role, who leads which
// sub-group, and whether the composition meets a rule set (the 1999 primary care group board,
// or a modern integrated care board). Rule sets are data, so another can be added as a table.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pco {

enum class BoardRole {
  chair,
  gp,
  nurse,
  social_services,
  lay,
  health_authority,
  chief_executive,
  finance_director,
  medical_director,
  nursing_director,
  non_executive,
  trust_partner,
  primary_care_partner,
  local_authority_partner,
  secondary_care_doctor,
  other_professional,
};

std::string_view role_code(BoardRole role);
// Accepts the codes above and common spellings ("GP", "lay member", "HA non-executive").
std::optional<BoardRole> parse_role(std::string_view text);
// The accepted codes, for messages.
std::string role_codes_list();

enum class Appointment { fixed, secondment, project };
std::string_view appointment_code(Appointment appointment);
std::optional<Appointment> parse_appointment(std::string_view text);

struct BoardMember {
  std::string name;
  BoardRole role = BoardRole::other_professional;
  std::string profession;
  std::string from_organisation;   // the body the member comes from or is nominated by
  std::vector<std::string> leads;  // sub-groups the member leads
  Appointment appointment = Appointment::fixed;
  std::string source;  // "file:line" for findings
};

struct Board {
  std::string organisation;
  std::vector<BoardMember> members;
  std::string file;  // where the board was first declared, for messages
  std::size_t line = 0;
};

// How many members of some roles a board must have. max < 0 means no upper limit.
struct CompositionRule {
  std::string label;
  std::vector<BoardRole> roles;
  int min = 0;
  int max = -1;
};

struct RuleSet {
  std::string code;
  std::string name;
  std::string source;  // the document the rules come from
  std::vector<CompositionRule> rules;
  // Roles counted as clinicians when reporting whether clinicians are the majority.
  std::vector<BoardRole> clinical_roles;
};

// Built-in rule sets: "pcg1999" (the default) and "icb2022".
const std::vector<RuleSet>& builtin_rule_sets();
// Throws UsageError listing the known codes.
const RuleSet& rule_set(std::string_view code);

enum class FindingStatus { pass, fail, note };
std::string_view status_label(FindingStatus status);

struct Finding {
  std::string organisation;
  std::string check;
  std::string expected;
  std::string found;
  FindingStatus status = FindingStatus::pass;
};

// One finding per rule, one for roles the rule set does not provide for, and one on clinical
// majority; in rule order.
std::vector<Finding> check_board(const Board& board, const RuleSet& rules);

// Distributed leadership: which sub-groups exist, who leads them, and how far the board relies
// on fixed appointments rather than secondments and project roles.
struct SubGroup {
  std::string name;
  std::vector<std::string> leaders;  // "name (role)"
};

struct LeadershipView {
  std::string organisation;
  std::size_t members = 0;
  std::size_t fixed = 0;
  std::size_t secondments = 0;
  std::size_t projects = 0;
  std::size_t leaders = 0;           // distinct members leading at least one sub-group
  std::size_t most_led_by_one = 0;   // sub-groups led by the busiest leader
  std::vector<SubGroup> sub_groups;  // sorted by name
  // True when there are at least two sub-groups and one person leads them all.
  bool concentrated() const {
    return sub_groups.size() >= 2 && most_led_by_one == sub_groups.size();
  }
};

LeadershipView leadership_view(const Board& board);

}  // namespace pco

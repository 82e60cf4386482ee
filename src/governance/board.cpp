#include "governance/board.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "governance/csv_input.hpp"

namespace pco {

namespace {

struct RoleName {
  BoardRole role;
  std::string_view code;
  std::vector<std::string_view> aliases;  // normalised spellings
};

const std::vector<RoleName>& role_names() {
  static const std::vector<RoleName> names = {
      {BoardRole::chair, "chair", {"chairman", "chairperson", "chair_person"}},
      {BoardRole::gp, "gp", {"general_practitioner", "gp_member"}},
      {BoardRole::nurse, "nurse", {"community_nurse", "practice_nurse", "nurse_member"}},
      {BoardRole::social_services, "social_services", {"social_services_nominee"}},
      {BoardRole::lay, "lay", {"lay_member"}},
      {BoardRole::health_authority,
       "health_authority",
       {"ha", "ha_non_executive", "health_authority_non_executive"}},
      {BoardRole::chief_executive, "chief_executive", {"ceo", "accountable_officer"}},
      {BoardRole::finance_director, "finance_director", {"chief_finance_officer", "cfo"}},
      {BoardRole::medical_director, "medical_director", {}},
      {BoardRole::nursing_director, "nursing_director", {"director_of_nursing"}},
      {BoardRole::non_executive,
       "non_executive",
       {"independent_non_executive", "non_executive_member"}},
      {BoardRole::trust_partner, "trust_partner", {"nhs_trust_partner"}},
      {BoardRole::primary_care_partner, "primary_care_partner", {"primary_medical_partner"}},
      {BoardRole::local_authority_partner, "local_authority_partner", {"local_authority"}},
      {BoardRole::secondary_care_doctor, "secondary_care_doctor", {"secondary_care_specialist"}},
      {BoardRole::other_professional, "other_professional", {"pharmacist", "other"}},
  };
  return names;
}

int count_roles(const Board& board, const std::vector<BoardRole>& roles) {
  return static_cast<int>(std::count_if(board.members.begin(), board.members.end(), [&](auto& m) {
    return std::find(roles.begin(), roles.end(), m.role) != roles.end();
  }));
}

std::string bounds_text(int min, int max) {
  if (max < 0) return fmt::format("at least {}", min);
  if (min == max) return fmt::format("exactly {}", min);
  return fmt::format("{} to {}", min, max);
}

std::string role_list(const std::vector<BoardRole>& roles) {
  std::string out;
  for (const auto r : roles)
    out += (out.empty() ? "" : " or ") + std::string(role_code(r));
  return out;
}

}  // namespace

std::string_view role_code(BoardRole role) {
  for (const auto& n : role_names())
    if (n.role == role) return n.code;
  return "other_professional";
}

std::optional<BoardRole> parse_role(std::string_view text) {
  const auto t = normalise_code(text);
  for (const auto& n : role_names()) {
    if (t == n.code) return n.role;
    for (const auto a : n.aliases)
      if (t == a) return n.role;
  }
  return std::nullopt;
}

std::string role_codes_list() {
  std::string out;
  for (const auto& n : role_names())
    out += (out.empty() ? "" : ", ") + std::string(n.code);
  return out;
}

std::string_view appointment_code(Appointment appointment) {
  switch (appointment) {
    case Appointment::fixed:
      return "fixed";
    case Appointment::secondment:
      return "secondment";
    case Appointment::project:
      return "project";
  }
  return "fixed";
}

std::optional<Appointment> parse_appointment(std::string_view text) {
  const auto t = normalise_code(text);
  if (t == "fixed" || t == "substantive") return Appointment::fixed;
  if (t == "secondment" || t == "seconded") return Appointment::secondment;
  if (t == "project" || t == "project_role") return Appointment::project;
  return std::nullopt;
}

const std::vector<RuleSet>& builtin_rule_sets() {
  using R = BoardRole;
  static const std::vector<RuleSet> sets = {
      {"pcg1999",
       "Primary care group board (1999)",
       "Department of Health, HSC 1998/139 'Developing primary care groups' (1998), as "
       "summarised in Leese & Mahon, Relationships between the key players in PCGs and PCTs",
       {{"GPs (may be the majority)", {R::gp}, 4, 7},
        {"community or practice nurses", {R::nurse}, 1, 2},
        {"social services nominee", {R::social_services}, 1, 1},
        {"lay member", {R::lay}, 1, 1},
        {"health authority non-executive", {R::health_authority}, 1, 1},
        {"chief executive", {R::chief_executive}, 1, 1}},
       {R::gp, R::nurse}},
      {"icb2022",
       "Integrated care board (2022)",
       "Health and Care Act 2022, Schedule 1B paras 3-4 (chair, chief executive, partner "
       "members from NHS trusts, primary medical services and local authorities); NHS England, "
       "Guidance on the integrated care board constitution (2022) (finance, medical and nursing "
       "directors, at least two independent non-executive members)",
       {{"chair (independent)", {R::chair}, 1, 1},
        {"chief executive", {R::chief_executive}, 1, 1},
        {"director of finance", {R::finance_director}, 1, 1},
        {"medical director", {R::medical_director}, 1, 1},
        {"director of nursing", {R::nursing_director}, 1, 1},
        {"independent non-executive members", {R::non_executive}, 2, -1},
        {"partner member: NHS trusts and foundation trusts", {R::trust_partner}, 1, -1},
        {"partner member: primary medical services", {R::primary_care_partner, R::gp}, 1, -1},
        {"partner member: local authorities",
         {R::local_authority_partner, R::social_services},
         1,
         -1}},
       {R::gp, R::nurse, R::medical_director, R::nursing_director, R::secondary_care_doctor,
        R::primary_care_partner}},
  };
  return sets;
}

const RuleSet& rule_set(std::string_view code) {
  std::string known;
  for (const auto& s : builtin_rule_sets()) {
    if (s.code == normalise_code(code)) return s;
    known += (known.empty() ? "" : ", ") + s.code;
  }
  throw UsageError(fmt::format("unknown board rule set \"{}\"; known: {}", code, known));
}

std::string_view status_label(FindingStatus status) {
  switch (status) {
    case FindingStatus::pass:
      return "pass";
    case FindingStatus::fail:
      return "fail";
    case FindingStatus::note:
      return "note";
  }
  return "note";
}

std::vector<Finding> check_board(const Board& board, const RuleSet& rules) {
  std::vector<Finding> findings;
  std::set<BoardRole> provided;
  for (const auto& rule : rules.rules) {
    provided.insert(rule.roles.begin(), rule.roles.end());
    const int n = count_roles(board, rule.roles);
    const bool ok = n >= rule.min && (rule.max < 0 || n <= rule.max);
    findings.push_back(
        {board.organisation, rule.label,
         fmt::format("{} {}", bounds_text(rule.min, rule.max), role_list(rule.roles)),
         std::to_string(n), ok ? FindingStatus::pass : FindingStatus::fail});
  }
  std::map<std::string, int> others;
  for (const auto& m : board.members)
    if (!provided.count(m.role)) ++others[std::string(role_code(m.role))];
  if (!others.empty()) {
    std::string found;
    for (const auto& [role, n] : others)
      found += fmt::format("{}{} {}", found.empty() ? "" : ", ", n, role);
    findings.push_back({board.organisation, "members in roles the rule set does not provide for",
                        "none", found, FindingStatus::note});
  }
  const int clinicians = count_roles(board, rules.clinical_roles);
  const int total = static_cast<int>(board.members.size());
  findings.push_back({board.organisation, "clinical majority", "reported, not required",
                      fmt::format("{} of {} members are clinicians ({})", clinicians, total,
                                  2 * clinicians > total ? "majority" : "not a majority"),
                      FindingStatus::note});
  return findings;
}

LeadershipView leadership_view(const Board& board) {
  LeadershipView view;
  view.organisation = board.organisation;
  view.members = board.members.size();
  std::map<std::string, SubGroup> groups;
  for (const auto& m : board.members) {
    switch (m.appointment) {
      case Appointment::fixed:
        ++view.fixed;
        break;
      case Appointment::secondment:
        ++view.secondments;
        break;
      case Appointment::project:
        ++view.projects;
        break;
    }
    std::set<std::string> own(m.leads.begin(), m.leads.end());
    if (!own.empty()) ++view.leaders;
    view.most_led_by_one = std::max(view.most_led_by_one, own.size());
    for (const auto& g : own) {
      auto& group = groups[g];
      group.name = g;
      group.leaders.push_back(fmt::format("{} ({})", m.name, role_code(m.role)));
    }
  }
  for (auto& [name, group] : groups)
    view.sub_groups.push_back(std::move(group));
  return view;
}

}  // namespace pco

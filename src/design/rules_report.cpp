#include "design/rules_report.hpp"

#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/table.hpp"

namespace pco {

namespace {

nlohmann::json violations_json(const std::vector<RuleViolation>& v) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : v)
    out.push_back({{"rule", r.rule}, {"organisation", r.organisation}, {"detail", r.detail}});
  return out;
}

std::string line_of(const RuleViolation& r) {
  return r.organisation.empty() ? fmt::format("  {}: {}\n", r.rule, r.detail)
                                : fmt::format("  {} ({}): {}\n", r.rule, r.organisation, r.detail);
}

}  // namespace

std::string rules_text(const DesignResult& r) {
  std::string out;
  if (!r.infeasible.empty()) {
    out += "Design rules no plan can meet:\n";
    for (const auto& v : r.infeasible)
      out += line_of(v);
  }
  if (!r.plan.violations.empty()) {
    out += fmt::format("The designed plan breaks {} rule(s):\n", r.plan.violations.size());
    for (const auto& v : r.plan.violations)
      out += line_of(v);
  }
  if (out.empty()) {
    out = fmt::format(
        "All the design rules are met: every organisation has {:.0f}-{:.0f} people{}{} and is "
        "contiguous.\n",
        r.problem.min_pop, r.problem.max_pop,
        r.problem.area_codes.empty() ? "" : ", every area's practices are in one organisation",
        r.problem.min_providers > 0 ? fmt::format(", at least {} {} provider(s)",
                                                  r.problem.min_providers, r.problem.provider_kind)
                                    : std::string());
  }
  return out;
}

nlohmann::json rules_json(const DesignResult& r) {
  return {{"infeasible", violations_json(r.infeasible)},
          {"violations", violations_json(r.plan.violations)},
          {"met", r.infeasible.empty() && r.plan.violations.empty()},
          {"min_providers", r.problem.min_providers},
          {"provider_kind", r.problem.provider_kind},
          {"areas_file", r.problem.areas_file}};
}

std::string organisations_text(const DesignProblem& problem, const PlanSummary& plan) {
  TextTable t;
  t.headers = {"code",        "population", "matched", problem.atoms.level + "s",
               "local areas", "providers"};
  t.right_align = {false, true, false, false, false, false};
  const bool practices = problem.atoms.level == "practice";
  for (const auto& o : plan.organisations)
    t.add_row({o.code, with_thousands(o.population), o.matched_current,
               practices ? fmt::format("{} practices", o.practices)
                         : fmt::format("{}", fmt::join(o.members, " ")),
               fmt::format("{}", fmt::join(o.areas, "; ")),
               fmt::format("{}", fmt::join(o.providers, " "))});
  return t.render_text();
}

std::string organisations_csv(const PlanSummary& plan) {
  TextTable t;
  t.headers = {"code", "population", "matched_current", "members", "areas", "providers"};
  for (const auto& o : plan.organisations)
    t.add_row({o.code, std::to_string(o.population), o.matched_current,
               fmt::format("{}", fmt::join(o.members, ";")),
               fmt::format("{}", fmt::join(o.areas, ";")),
               fmt::format("{}", fmt::join(o.providers, ";"))});
  return t.render_csv();
}

std::vector<CurrentFit> current_fit(const DesignProblem& p, const std::vector<int>& assignment) {
  const auto& codes = p.atoms.current_codes;
  std::vector<std::map<int, std::int64_t>> by_part(codes.size());
  for (std::size_t a = 0; a < p.atoms.atoms.size(); ++a) {
    const auto& atom = p.atoms.atoms[a];
    for (std::size_t i = 0; i < atom.practices.size(); ++i)
      if (atom.practice_current[i] >= 0)
        by_part[static_cast<std::size_t>(atom.practice_current[i])][assignment[a]] +=
            atom.practice_population[i];
  }
  std::vector<CurrentFit> out;
  for (std::size_t c = 0; c < codes.size(); ++c) {
    CurrentFit f;
    f.code = codes[c];
    int best = -1;
    std::int64_t most = -1;
    for (const auto& [part, n] : by_part[c]) {
      f.population += n;
      if (n > most) most = n, best = part;
    }
    if (best < 0) continue;
    f.designed = fmt::format("D{:03d}", best + 1);
    f.share = f.population > 0 ? static_cast<double>(most) / static_cast<double>(f.population) : 0;
    out.push_back(std::move(f));
  }
  for (auto& f : out)
    for (const auto& g : out)
      if (g.code != f.code && g.designed == f.designed) f.together_with.push_back(g.code);
  return out;
}

std::string current_fit_text(const std::vector<CurrentFit>& fit) {
  TextTable t;
  t.headers = {"current", "population", "designed", "share", "kept whole", "with"};
  t.right_align = {false, true, false, true, false, false};
  std::size_t whole = 0;
  for (const auto& f : fit) {
    whole += f.share >= 0.95 ? 1 : 0;
    t.add_row({f.code, with_thousands(f.population), f.designed,
               fmt::format("{:.1f}%", 100 * f.share), f.share >= 0.95 ? "yes" : "no",
               fmt::format("{}", fmt::join(f.together_with, " "))});
  }
  return fmt::format(
             "{} of {} current organisations are kept whole (95% of their people in one "
             "designed organisation)\n",
             whole, fit.size()) +
         t.render_text();
}

std::string area_assignment_csv(const Economy& economy, const DesignProblem& p) {
  if (p.area_codes.empty()) return {};
  TextTable t;
  t.headers = {"practice", "area_code", "area_name", "placed", "distance_km"};
  for (std::size_t q = 0; q < p.practice_area.size(); ++q) {
    const auto& placement = p.practice_area[q];
    const auto& practice = economy.population.practices()[q];
    if (!practice.location || !economy.configuration.is_mapped(q)) continue;
    if (placement.area < 0) {
      t.add_row({practice.code, "", "", "unplaced", ""});
      continue;
    }
    const auto a = static_cast<std::size_t>(placement.area);
    t.add_row({practice.code, p.area_codes[a], p.area_names[a],
               std::string(placement.nearest ? "nearest" : "inside") +
                   (q < p.area_exception.size() && p.area_exception[q] ? " (exception)" : ""),
               placement.nearest ? fmt::format("{:.2f}", placement.distance_km) : "0"});
  }
  return t.render_csv();
}

std::vector<Federation> federations_within_design(const Configuration& configuration,
                                                  const std::string& level,
                                                  const DesignProblem& problem,
                                                  const std::vector<int>& assignment,
                                                  const std::vector<std::string>& functions,
                                                  bool shared_risk_pool) {
  const auto l = *configuration.level_index(level);
  std::vector<int> part_of_practice(configuration.practice_count(), -1);
  for (std::size_t a = 0; a < problem.atoms.atoms.size(); ++a)
    for (const auto q : problem.atoms.atoms[a].practices)
      if (q < part_of_practice.size()) part_of_practice[q] = assignment[a];
  std::map<int, std::vector<std::string>> groups;
  for (const auto& org : configuration.levels()[l].organisations) {
    std::map<int, std::size_t> votes;
    for (const auto q : org.members)
      if (part_of_practice[q] >= 0) ++votes[part_of_practice[q]];
    int best = -1;
    std::size_t most = 0;
    for (const auto& [part, n] : votes)
      if (n > most) most = n, best = part;
    if (best >= 0) groups[best].push_back(org.code);
  }
  std::vector<Federation> out;
  for (const auto& [part, members] : groups) {
    if (members.size() < 2) continue;
    const auto code = fmt::format("F{:03d}", part + 1);
    out.push_back({code, fmt::format("Federation {} (design D{:03d})", code, part + 1), level,
                   members, functions, shared_risk_pool});
  }
  return out;
}

}  // namespace pco

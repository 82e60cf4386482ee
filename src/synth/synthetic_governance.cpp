#include "synth/synthetic_governance.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/random.hpp"
#include "core/text.hpp"

namespace pco {

namespace {

enum Stream : std::uint64_t {
  kBoards = 11,
  kAutonomy = 12,
  kTypology = 13,
  kSurvey = 14,
  kIndicators = 15
};

struct OrgInfo {
  std::string code;
  std::vector<std::size_t> practices;
};

std::vector<OrgInfo> organisations(const SyntheticEconomy& e) {
  std::map<std::string, OrgInfo> by_code;
  for (std::size_t i = 0; i < e.mapping.rows.size(); ++i) {
    auto& org = by_code[e.mapping.rows[i].orgs[1].code];
    org.code = e.mapping.rows[i].orgs[1].code;
    org.practices.push_back(i);
  }
  std::vector<OrgInfo> out;
  for (auto& [code, info] : by_code)
    out.push_back(std::move(info));
  return out;
}

bool chance(RandomStream& rng, double p) {
  return rng.uniform() < p;
}

template <std::size_t N>
std::string pick(RandomStream& rng, const std::array<std::string_view, N>& options) {
  return std::string(options[rng.below(N)]);
}

// Boards of the first twelve organisations: most follow the 1999 rules, some break one (too
// few GPs, no lay member, two chief executives) so the checks have something to find.
std::string boards_csv(const std::vector<OrgInfo>& orgs, const SyntheticEconomy& e,
                       std::uint64_t seed) {
  std::string out = "organisation,name,role,profession,from_organisation,leads,appointment\n";
  constexpr std::array<std::string_view, 6> subgroups = {
      "prescribing",   "clinical governance",           "commissioning", "primary care development",
      "mental health", "patient and public involvement"};
  for (std::size_t k = 0; k < std::min<std::size_t>(12, orgs.size()); ++k) {
    RandomStream rng(seed, kBoards, k);
    const auto& org = orgs[k];
    const int gps = 4 + static_cast<int>(rng.below(4)) - (k % 5 == 3 ? 2 : 0);  // 2..7
    int member = 0;
    const auto add = [&](std::string_view role, std::string_view profession, std::string from,
                         std::string leads, std::string_view appointment) {
      out += fmt::format("{},Member {}-{},{},{},{},{},{}\n", org.code, org.code, ++member, role,
                         profession, from, leads, appointment);
    };
    for (int g = 0; g < gps; ++g) {
      const auto practice = org.practices[static_cast<std::size_t>(g) % org.practices.size()];
      add("gp", "GP", e.population.practices()[practice].code,
          g < 3 ? std::string(subgroups[(k + static_cast<std::size_t>(g)) % subgroups.size()]) : "",
          chance(rng, 0.2) ? "secondment" : "fixed");
    }
    add("nurse", "community nurse", "", "primary care development", "fixed");
    if (chance(rng, 0.5)) add("nurse", "practice nurse", "", "", "project");
    add("social_services", "social worker", "County council", "", "fixed");
    if (k % 4 != 1) add("lay", "", "", "patient and public involvement", "fixed");
    add("health_authority", "", "Health authority", "", "fixed");
    add("chief_executive", "manager", "", "", "fixed");
    if (k % 6 == 5) add("chief_executive", "manager", "", "", "project");
  }
  return out;
}

std::string autonomy_csv(const std::vector<OrgInfo>& orgs, std::uint64_t seed) {
  std::string out = "organisation,level\n";
  RandomStream rng(seed, kAutonomy);
  for (const auto& o : orgs) {
    const double u = rng.uniform();
    // Roughly the 2000 mix: most groups at level 2, a growing number of level-3/4 trusts.
    const int level = u < 0.10 ? 1 : u < 0.55 ? 2 : u < 0.85 ? 3 : 4;
    out += fmt::format("{},{}\n", o.code, level);
  }
  return out;
}

std::string typology_csv(const std::vector<OrgInfo>& orgs, std::uint64_t seed) {
  std::string out =
      "organisation,year,stayed_together,purchasing_directly,changing_provision,shifting_care,"
      "external_links,within_budget,budget,outturn\n";
  const auto yes = [](bool b) { return b ? "yes" : "no"; };
  for (std::size_t k = 0; k < orgs.size(); ++k) {
    RandomStream rng(seed, kTypology, k);
    // Criteria become more likely the more developed the organisation already is.
    const double maturity = rng.uniform();
    const bool together = chance(rng, 0.92);
    const bool direct = together && chance(rng, 0.3 + 0.6 * maturity);
    const bool provision = direct && chance(rng, 0.2 + 0.6 * maturity);
    const bool shifting = provision && chance(rng, 0.1 + 0.6 * maturity);
    const bool links = chance(rng, 0.4 + 0.5 * maturity);
    const bool within = chance(rng, 0.8);
    out += fmt::format("{},2026/27,{},{},{},{},{},{},,\n", orgs[k].code, yes(together), yes(direct),
                       yes(provision), yes(shifting), yes(links), yes(within));
  }
  return out;
}

std::string survey_csv(const std::vector<OrgInfo>& orgs, std::uint64_t seed) {
  std::string out =
      "organisation,respondent,relationship_ha,relationship_change,key_individual,"
      "involvement_methods,involvement_purpose\n";
  constexpr std::array<std::string_view, 5> relationship = {"collaborative", "cooperative",
                                                            "paternal", "hostile", "adversarial"};
  constexpr std::array<std::string_view, 4> change = {"strengthened", "unchanged", "weakened",
                                                      "mixed"};
  constexpr std::array<std::string_view, 5> key = {"gps", "gps_and_manager", "site_manager",
                                                   "no_single_person", "other"};
  constexpr std::array<std::string_view, 4> methods = {"information", "public_meeting", "survey",
                                                       "patient_panel"};
  constexpr std::array<std::string_view, 3> purposes = {"information_giving", "consultation",
                                                        "participation"};
  for (std::size_t k = 0; k < std::min<std::size_t>(40, orgs.size()); ++k) {
    RandomStream rng(seed, kSurvey, k);
    for (const auto* who : {"ha_lead", "site_manager", "gp"}) {
      if (chance(rng, 0.1)) {  // non-response
        out += fmt::format("{},{},,no_response,,,\n", orgs[k].code, who);
        continue;
      }
      // Collaborative and co-operative relationships dominate, as in the 1998 evaluation.
      const auto r = rng.uniform() < 0.7 ? relationship[rng.below(2)] : relationship[rng.below(5)];
      const bool ha = std::string_view(who) == "ha_lead";
      out += fmt::format("{},{},{},{},{},{},{}\n", orgs[k].code, who, r,
                         change[rng.uniform() < 0.55 ? 0 : rng.below(4)], pick(rng, key),
                         ha ? "" : pick(rng, methods), ha ? "" : pick(rng, purposes));
    }
  }
  return out;
}

// Three indicators with practice-level numerators drawn around a practice-specific rate, so
// organisations differ and some miss their targets.
std::string indicator_values_csv(const SyntheticEconomy& e, std::uint64_t seed) {
  std::string out = "practice,indicator,numerator,denominator\n";
  const auto& practices = e.population.practices();
  for (std::size_t i = 0; i < practices.size(); ++i) {
    RandomStream rng(seed, kIndicators, i);
    const auto& p = practices[i];
    std::int64_t over65 = 0, women25_64 = 0;
    for (int c = 0; c < kCells; ++c) {
      const int age = band_lower_age(cell_band(c));
      if (age >= 65) over65 += p.counts[c];
      if (cell_sex(c) == Sex::female && age >= 25 && age < 65) women25_64 += p.counts[c];
    }
    const auto draw = [&](double rate, std::int64_t n) {
      const double mean = rate * static_cast<double>(n);
      return std::max<std::int64_t>(
          0, std::min<std::int64_t>(
                 n, std::llround(mean + std::sqrt(mean * (1 - rate)) * rng.normal())));
    };
    const double star_pu = static_cast<double>(p.list_size()) * 1.0;
    const double antibiotic_rate = std::exp(rng.normal(std::log(0.95), 0.15));
    out += fmt::format("{},antibiotics_per_star_pu,{:.1f},{:.0f}\n", p.code,
                       antibiotic_rate * star_pu, star_pu);
    out += fmt::format("{},flu_65_plus,{},{}\n", p.code,
                       draw(std::clamp(rng.normal(0.74, 0.05), 0.4, 0.95), over65), over65);
    out += fmt::format("{},cervical_screening_5y_pct,{},{}\n", p.code,
                       draw(std::clamp(rng.normal(0.76, 0.06), 0.4, 0.95), women25_64), women25_64);
  }
  return out;
}

}  // namespace

void write_synthetic_governance(const SyntheticEconomy& economy, std::uint64_t seed,
                                const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  const auto orgs = organisations(economy);
  write_file_atomically(dir / "boards.csv", boards_csv(orgs, economy, seed));
  write_file_atomically(dir / "autonomy.csv", autonomy_csv(orgs, seed));
  write_file_atomically(dir / "typology.csv", typology_csv(orgs, seed));
  write_file_atomically(dir / "survey.csv", survey_csv(orgs, seed));
  write_file_atomically(
      dir / "indicators.csv",
      "code,name,low_is_good,target,amber,multiplier,units\n"
      "antibiotics_per_star_pu,Antibiotic items per STAR-PU,yes,1.0,1.1,1,items per STAR-PU\n"
      "flu_65_plus,Flu vaccination uptake in people aged 65 and over,no,75,70,100,%\n"
      "cervical_screening_5y_pct,Cervical screening within 5 years,no,80,75,100,%\n");
  write_file_atomically(dir / "indicator_values.csv", indicator_values_csv(economy, seed));
}

std::string synthetic_governance_section() {
  return "\n[governance]\n"
         "level = \"organisation\"\n"
         "rules = \"pcg1999\"\n"
         "members = \"boards.csv\"\n"
         "autonomy = \"autonomy.csv\"\n"
         "typology = \"typology.csv\"\n"
         "survey = \"survey.csv\"\n"
         "indicators = \"indicators.csv\"\n"
         "indicator_values = \"indicator_values.csv\"\n";
}

}  // namespace pco

#pragma once
// The published design rules for ICB clusters (2025): at least about a million people, each
// upper-tier local authority within one ICB (coterminosity), more than one acute provider in
// each. Coterminosity is enforced by construction: the atoms that share an area are joined into
// one block before the search. Providers are counted per atom (each provider belongs to the
// atom of its nearest practice) and a shortfall is penalised like a population bound. After
// the search every rule is checked organisation by organisation, and a rule that no plan can
// meet is explained before the search. docs/design.md, "Design rules".

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "design/objective.hpp"
#include "geo/areas.hpp"
#include "readers/trusts.hpp"

namespace pco {

struct DesignRules {
  // GeoJSON areas (e.g. counties and unitary authorities) each of whose practices must end in
  // one organisation; practices are placed by location.
  std::optional<std::filesystem::path> coterminous;
  double max_placement_km = 10;  // a practice outside every area joins the nearest this close
  // With atoms coarser than practices, an atom is tied to an area only when it holds at least
  // this share of the area's patients; its few practices there are reported as exceptions (a
  // practice on the far side of a generalised boundary, or registered across it).
  double min_area_share = 0.0;
  int min_providers = 0;
  TrustKind provider_kind = TrustKind::acute;
  std::vector<Trust> providers;  // located (postcode district), open
};

// Joins the problem's atoms that share an area into blocks (union-find over atoms and areas),
// records each practice's area in problem.areas, and returns one line per block of several
// atoms for the notes. Throws UsageError when no practice falls in any area.
std::vector<std::string> apply_coterminosity(DesignProblem& problem, const Economy& economy,
                                             const std::filesystem::path& areas_file, double max_km,
                                             double min_area_share);

// Counts the providers of the rule's kind per atom (the atom of the provider's nearest
// practice) and sets problem.min_providers.
void assign_providers(DesignProblem& problem, const Economy& economy, const DesignRules& rules);

// A rule one organisation of a plan breaks.
struct RuleViolation {
  std::string rule;          // "min-pop", "max-pop", "contiguous", "min-providers", "coterminous"
  std::string organisation;  // designed code, or "" for the whole plan
  std::string detail;
};

// Every rule every organisation breaks (none: the plan meets them all).
std::vector<RuleViolation> check_rules(const DesignProblem& problem,
                                       const std::vector<int>& assignment, int parts);

// Rules no plan of `parts` organisations can meet, each explained (a block of atoms joined by
// coterminosity larger than max-pop; fewer providers than min-providers × organisations; ...).
std::vector<RuleViolation> infeasible_rules(const DesignProblem& problem, int parts);

}  // namespace pco

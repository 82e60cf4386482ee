#pragma once
// `pco design` as a library call: atoms and their geography from an economy, the optimised
// plan, and its description (organisations, objective terms, population deviation, cut
// edges, Polsby–Popper compactness, practices and people moved) as a membership table that
// `pco appraise` reads. docs/design.md.
#include <optional>
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "demand/service.hpp"
#include "design/constraints.hpp"
#include "design/optimiser.hpp"

namespace pco {

struct DesignRequest {
  std::string atoms = "practice";         // "practice" or "network" (any level name works)
  std::optional<std::string> keep_whole;  // a level whose organisations become the atoms
  double min_pop = 0;
  double max_pop = 0;
  DesignWeights weights;
  SearchOptions search;
  std::string current_level;  // for disruption; empty: the economy's default level
  GraphOptions graph;
  DesignRules rules;  // coterminosity and providers (the population bounds are above)
};

struct DesignedOrganisation {
  std::string code;
  std::int64_t population = 0;
  std::size_t atoms = 0;
  std::size_t practices = 0;
  double area_km2 = 0;
  double perimeter_km = 0;
  double polsby_popper = 0;
  double expected_cost = 0;  // £/yr
  double cv = 0;
  std::string matched_current;         // the current organisation matched to it, if any
  std::vector<std::string> members;    // codes of its atoms (the atoms joined into blocks)
  std::vector<std::string> areas;      // coterminous areas of its practices (names)
  std::vector<std::string> providers;  // providers of the rule's kind located in it
};

// Description of one plan of the atoms (designed, seed, or a current level's).
struct PlanSummary {
  std::vector<DesignedOrganisation> organisations;
  ObjectiveTerms terms;       // raw, each in its own units
  ObjectiveTerms weighted;    // as they enter the total: weight × raw / reference
  double max_deviation = 0;   // max |n − mean| / mean over organisations
  double mean_deviation = 0;  // mean |n − mean| / mean
  std::size_t cut_edges = 0;
  double cut_length_km = 0;  // shared cell boundary between organisations
  double mean_polsby_popper = 0;
  std::size_t practices_moved = 0;  // not in the organisation matched to their current one
  std::int64_t people_moved = 0;
  bool contiguous = true;
  bool within_bounds = true;
  std::vector<RuleViolation> violations;  // every design rule the plan breaks (check_rules)
};

struct DesignResult {
  DesignProblem problem;
  DesignOutcome outcome;
  PlanSummary plan;
  PlanSummary seed;  // the chosen restart's start: a METIS seed, or the current configuration
  bool started_from_current = false;
  std::vector<std::string> notes;
  std::vector<RuleViolation> infeasible;  // rules no plan can meet, found before the search
};

DesignProblem design_problem(const Economy& economy, const ServiceModel& model,
                             const DesignRequest& request, double margin,
                             const AppraisalParameters& params);
DesignResult design(const Economy& economy, const ServiceModel& model, const DesignRequest& request,
                    double margin, const AppraisalParameters& params);

// Describes `assignment` of the problem's atoms to `parts` organisations coded D001, D002, ...
PlanSummary summarise_plan(const DesignProblem& problem, const std::vector<int>& assignment,
                           int parts);
// The plan the current level gives the atoms (each atom in its current organisation; atoms
// with none form one extra organisation), for comparing on the same terms.
std::pair<std::vector<int>, int> current_plan(const DesignProblem& problem);

// The code of designed organisation k (from 0): D001, D002, ...
std::string part_code(int k);

// practice,org,org_name rows for every practice of every atom, in population order: the
// membership layout `[[appraisal.alternative]] membership` and --map read.
std::string membership_csv(const Economy& economy, const DesignProblem& problem,
                           const std::vector<int>& assignment);

}  // namespace pco

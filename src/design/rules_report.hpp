#pragma once
// What `pco design` says about the design rules: rules no plan can meet (and why), rules the
// chosen plan breaks, each designed organisation's members, population, local authorities and
// providers, where each practice was placed for coterminosity, and the federation alternative
// ("federate, don't merge") the appraisal sets beside a design.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "design/design.hpp"
#include "model/configuration.hpp"

namespace pco {

// Rule explanations (infeasible before the search; broken after it) as text lines; "all the
// design rules are met" when there is nothing to say.
std::string rules_text(const DesignResult& result);
nlohmann::json rules_json(const DesignResult& result);

// One row per designed organisation: code, population, atoms, areas, providers.
std::string organisations_text(const DesignProblem& problem, const PlanSummary& plan);
std::string organisations_csv(const PlanSummary& plan);

// How each organisation of the comparison level fares in the design: its population, the
// designed organisation holding most of its people and that share, and whether it is kept
// whole (>= 95%). Sorted by code.
struct CurrentFit {
  std::string code;
  std::int64_t population = 0;
  std::string designed;  // D001 ...
  double share = 0;
  std::vector<std::string> together_with;  // other current organisations mostly in `designed`
};
std::vector<CurrentFit> current_fit(const DesignProblem& problem,
                                    const std::vector<int>& assignment);
std::string current_fit_text(const std::vector<CurrentFit>& fit);

// practice,area_code,area_name,placed (inside / nearest, km / unplaced) for every practice of the
// design; empty when there is no coterminosity rule.
std::string area_assignment_csv(const Economy& economy, const DesignProblem& problem);

// Federations of the organisations at `level`, one per designed organisation holding two or
// more of them (each organisation joins the design holding most of its practices), sharing
// `functions` and, when asked, a risk pool.
std::vector<Federation> federations_within_design(const Configuration& configuration,
                                                  const std::string& level,
                                                  const DesignProblem& problem,
                                                  const std::vector<int>& assignment,
                                                  const std::vector<std::string>& functions,
                                                  bool shared_risk_pool);

}  // namespace pco

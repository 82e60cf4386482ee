#pragma once
// The configurations an appraisal compares: the status quo (the scenario's own configuration at
// its organisation level) and each `[[appraisal.alternative]]` — another level of the map, a
// membership file, or merges, moves and federations applied to the status quo.
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "model/configuration.hpp"
#include "scenario/scenario.hpp"

namespace pco {

// Functions a federation's members can share; each saves a share of the fixed cost
// (appraisal parameters share_<function>).
inline const std::vector<std::string> kShareableFunctions = {"management", "commissioning",
                                                             "public_health", "back_office"};

struct CandidateConfiguration {
  std::string name;
  std::string description;
  std::string level;  // the level whose organisations are appraised
  Configuration configuration;
  std::vector<Federation> federations;  // of organisations at `level`
  bool status_quo = false;
};

// The status quo first, then the alternatives in scenario order. Throws InputError listing
// every problem of every alternative (unknown level or organisation, an organisation merged
// twice, a federation of one, an organisation in two federations, a practice in two
// organisations of a membership file, ...).
std::vector<CandidateConfiguration> read_candidates(const Scenario& scenario,
                                                    const Economy& economy);

}  // namespace pco

#pragma once
// Turns a scenario's inputs into the population and configuration every later step uses.

#include <string>
#include <vector>

#include "allocation/weighted_need.hpp"
#include "model/configuration.hpp"
#include "model/population.hpp"
#include "scenario/scenario.hpp"

namespace pco {

struct Economy {
  Population population;
  Configuration configuration;
  std::string default_level;
  JoinReport join;
  std::vector<std::string> notes;  // what the user should know about how inputs were used
  // NHS England's weighted populations matched to the population's practices, when given
  // ([population] weighted_populations, or the population file is one).
  std::optional<WeightedNeed> weighted_need;
};

Economy load_economy(const Scenario& scenario);

// Applies merges, moves and federations in the order merge, move, federation.
void apply_edits(const ConfigurationInputs& inputs, const Population& population,
                 Configuration& configuration);

// The level reports use when the user names none: the scenario's choice, else the first
// organisation-like level above networks.
std::string choose_default_level(const Configuration& configuration, const std::string& wanted);

}  // namespace pco

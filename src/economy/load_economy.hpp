#pragma once
// Turns a scenario's inputs into the population and configuration every later step uses.

#include <string>

#include "allocation/economy.hpp"
#include "model/configuration.hpp"
#include "model/population.hpp"
#include "scenario/scenario.hpp"

namespace pco {

Economy load_economy(const Scenario& scenario);

// Applies merges, moves and federations in the order merge, move, federation.
void apply_edits(const ConfigurationInputs& inputs, const Population& population,
                 Configuration& configuration);

// The level reports use when the user names none: the scenario's choice, else the first
// organisation-like level above networks.
std::string choose_default_level(const Configuration& configuration, const std::string& wanted);

}  // namespace pco

#pragma once
// The economy a scenario describes: the population and configuration every later step uses.
// It lives here, with the need it carries, because allocation (run.hpp) and the holders' risk
// take it; economy/load_economy.hpp builds it from a scenario's inputs.

#include <optional>
#include <string>
#include <vector>

#include "allocation/weighted_need.hpp"
#include "model/configuration.hpp"
#include "model/population.hpp"

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

}  // namespace pco

#pragma once
// Describing a configuration: sizes and age structure of each organisation at a level.

#include <cstdint>
#include <string>
#include <vector>

#include "model/configuration.hpp"
#include "model/population.hpp"

namespace pco {

struct OrganisationSummary {
  std::string code;
  std::string name;
  std::string parent;  // code of the parent organisation, if any
  std::size_t practices = 0;
  std::int64_t population = 0;
  double pct_65_plus = 0;
  double pct_85_plus = 0;
  std::int64_t min_list = 0;
  std::int64_t max_list = 0;
  std::size_t imputed_practices = 0;
};

struct LevelSummary {
  std::string level;
  std::vector<OrganisationSummary> organisations;
  OrganisationSummary total;  // over every mapped practice
};

LevelSummary summarise_level(const Population& population, const Configuration& configuration,
                             const std::string& level);

// organisations.csv of `pco run`: every level's organisations with their size and ages.
std::string organisations_csv(const std::vector<LevelSummary>& summaries);
// practices.csv of `pco run`: each practice, its location and its organisation at every level.
std::string practices_csv(const Population& population, const Configuration& configuration);

}  // namespace pco

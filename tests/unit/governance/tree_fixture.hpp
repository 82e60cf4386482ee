#pragma once
// A small configuration built in memory: one practice of 1,000 patients per entry, each
// mapped to an organisation and its parent.

#include <string>
#include <vector>

#include "model/configuration.hpp"
#include "model/mapping.hpp"

namespace pco::test {

struct PracticePlacement {
  std::string practice;
  std::string organisation;
  std::string parent;
};

inline Configuration small_tree(Population& population,
                                const std::vector<PracticePlacement>& placements,
                                const std::string& level = "organisation",
                                const std::string& parent_level = "parent") {
  MappingTable mapping;
  mapping.levels = {level, parent_level};
  for (std::size_t i = 0; i < placements.size(); ++i) {
    Practice p;
    p.code = placements[i].practice;
    p.counts[0] = 1000;
    population.add(p);
    mapping.rows.push_back({p.code,
                            {{placements[i].organisation, ""}, {placements[i].parent, ""}},
                            "m.csv:" + std::to_string(i + 2)});
  }
  JoinReport report;
  return Configuration::build(population, mapping, report);
}

}  // namespace pco::test

#pragma once
// A synthetic economy with exact practice locations, and the design problem built on it.
#include "allocation/economy.hpp"
#include "appraisal/parameters.hpp"
#include "demand/service.hpp"
#include "design/design.hpp"
#include "synth/synthetic_economy.hpp"

namespace pco::test {

inline Economy synthetic_design_economy(std::int64_t practices) {
  auto s = generate_synthetic_economy({7, practices});
  Economy e;
  e.population = std::move(s.population);
  e.configuration = Configuration::build(e.population, s.mapping, e.join);
  e.default_level = "organisation";
  return e;
}

inline DesignRequest design_request(double min_pop, double max_pop) {
  DesignRequest r;
  r.min_pop = min_pop;
  r.max_pop = max_pop;
  r.search.restarts = 3;
  r.search.sweeps = 50;
  r.search.use_processes = false;
  return r;
}

}  // namespace pco::test

#pragma once
// k identical, independent organisations O1..Ok (two practices of 5,000 men aged 40-44 each,
// one network per practice), all in cluster C1, with one service whose moments are known.
#include <string>

#include "allocation/economy.hpp"
#include "demand/service.hpp"
#include "model/configuration.hpp"
#include "scenario/scenario.hpp"
#include "scenario_file/scenario_file.hpp"

namespace pco::test {

inline Economy identical_organisations(int k) {
  Economy e;
  MappingTable map;
  map.levels = {"network", "organisation", "cluster"};
  int line = 2;
  for (int o = 1; o <= k; ++o) {
    for (int p = 1; p <= 2; ++p) {
      Practice practice;
      practice.code = "P" + std::to_string(o) + "_" + std::to_string(p);
      practice.counts[cell_index(Sex::male, 8)] = 5000;
      e.population.add(std::move(practice));
      map.rows.push_back({"P" + std::to_string(o) + "_" + std::to_string(p),
                          {{"N" + std::to_string(o) + "_" + std::to_string(p), ""},
                           {"O" + std::to_string(o), ""},
                           {"C1", ""}},
                          "m:" + std::to_string(line++)});
    }
  }
  e.configuration = Configuration::build(e.population, map, e.join);
  e.default_level = "organisation";
  return e;
}

inline ServiceModel one_service() {
  ServiceModel m;
  m.source = "test";
  ServiceLine s;
  s.name = "spells";
  s.rates.fill(0.2);
  s.phi = 0.3;
  s.severity = Severity::gamma(2, 1500);
  m.services.push_back(s);
  return m;
}

// A scenario with the given appraisal text; the [synthetic] section only satisfies the schema
// (tests pass their own economy).
inline Scenario scenario_with(const std::string& appraisal) {
  return parse_scenario("schema_version = 1\n[synthetic]\n" + appraisal, "test.toml", ".");
}

}  // namespace pco::test

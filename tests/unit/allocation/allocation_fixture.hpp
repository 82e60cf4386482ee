#pragma once
// A three-practice economy small enough to allocate by hand: P1 (100 males 0-4) and P2 (100
// females 75-79) in organisation O1, P3 (200 males 30-34) in O2, both in region R1.

#include "allocation/economy.hpp"
#include "model/configuration.hpp"
#include "model/population.hpp"

namespace pco::test {

struct SmallEconomy {
  Population population;
  Configuration configuration;
};

inline SmallEconomy small_economy() {
  SmallEconomy e;
  const auto add = [&](const char* code, Sex sex, int band, std::int64_t n) {
    Practice p;
    p.code = code;
    p.counts[cell_index(sex, band)] = n;
    e.population.add(std::move(p));
  };
  add("P1", Sex::male, 0, 100);
  add("P2", Sex::female, 15, 100);
  add("P3", Sex::male, 6, 200);
  MappingTable map;
  map.levels = {"organisation", "region"};
  map.rows = {{"P1", {{"O1", ""}, {"R1", ""}}, "m:2"},
              {"P2", {{"O1", ""}, {"R1", ""}}, "m:3"},
              {"P3", {{"O2", ""}, {"R1", ""}}, "m:4"}};
  JoinReport report;
  e.configuration = Configuration::build(e.population, map, report);
  return e;
}

// The same economy with "organisation" as its default level, as risk and run take it.
inline Economy small_economy_with_default_level() {
  auto small = small_economy();
  Economy e;
  e.population = std::move(small.population);
  e.configuration = std::move(small.configuration);
  e.default_level = "organisation";
  return e;
}

}  // namespace pco::test

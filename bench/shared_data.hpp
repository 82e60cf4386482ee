#pragma once
// Where the benchmarks find the real NHS files (../shared/data, or $PCO_SHARED_DATA), and
// England's economy loaded once from them for the benchmarks that time work on it.

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "economy/load_economy.hpp"

namespace pco::bench {

inline std::filesystem::path shared_data(const std::string& relative) {
  const char* env = std::getenv("PCO_SHARED_DATA");
  return std::filesystem::path(env ? env : PCO_DEFAULT_SHARED_DATA_DIR) / relative;
}

// The January 2021 lists joined to the September 2020 practice -> PCN -> CCG -> STP map;
// nullptr when the files are absent.
inline const Economy* england_2020_map() {
  static const std::optional<Economy> economy = []() -> std::optional<Economy> {
    const auto population = shared_data("population/gp-reg-pat-prac-all_2021-01.csv");
    const auto map = shared_data("organisation/gp-reg-pat-prac-map_2020-09.csv");
    if (!std::filesystem::exists(population) || !std::filesystem::exists(map)) return std::nullopt;
    Scenario s;
    s.population.files.push_back(population);
    s.configuration.map = map;
    s.configuration.source = ConfigurationInputs::Source::map;
    return load_economy(s);
  }();
  return economy ? &*economy : nullptr;
}

}  // namespace pco::bench

#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/summary.hpp"

namespace pco {

std::string population_table_text(const LevelSummary& summary);
std::string population_table_csv(const LevelSummary& summary);
// {"level":…, "organisations":[{"code":…, "name":…, "practices":…, "population":…,
//  "pct_65_plus":…, "pct_85_plus":…, "min_list":…, "max_list":…}], "total":{…}}
nlohmann::json population_json(const LevelSummary& summary);

}  // namespace pco

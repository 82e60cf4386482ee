#pragma once
// A titled table that a capability hands to the report through the results store, for views
// that are tables rather than charts (governance findings, survey counts, indicators).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/table.hpp"

namespace pco {

struct TitledTable {
  std::string section;  // report section id, e.g. "governance"
  std::string title;
  TextTable table;
};

nlohmann::json table_to_json(const TextTable& table);
TextTable table_from_json(const nlohmann::json& json);

}  // namespace pco

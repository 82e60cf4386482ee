#pragma once
// What the report shows that the results store keeps ready-made: titled tables (views that are
// tables rather than charts: governance findings, survey counts, indicators) and drawn
// sections (the appraisal's). They live here, below report/, because the store reads and
// writes them.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/table.hpp"

namespace pco {

struct ReportSection {
  std::string id;     // anchor, e.g. "map"
  std::string title;  // heading and table-of-contents entry
  std::string html;   // body
  bool open = false;  // shown expanded
};

struct TitledTable {
  std::string section;  // report section id, e.g. "governance"
  std::string title;
  TextTable table;
};

nlohmann::json table_to_json(const TextTable& table);
TextTable table_from_json(const nlohmann::json& json);

}  // namespace pco

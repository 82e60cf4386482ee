#pragma once
// A practice-to-organisation mapping as read from a file, before it is checked against a
// population and turned into a Configuration.

#include <string>
#include <vector>

namespace pco {

struct OrgRef {
  std::string code;
  std::string name;
};

struct MappingRow {
  std::string practice;
  std::vector<OrgRef> orgs;  // one per level, bottom-up, matching MappingTable::levels
  std::string source;        // "file:line"
};

struct MappingTable {
  std::vector<std::string> levels;  // bottom-up level names, e.g. network, ccg, stp, region
  std::vector<MappingRow> rows;
  std::string source_file;
};

}  // namespace pco

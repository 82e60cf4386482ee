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
  // Effective dates (ISO YYYY-MM-DD, both days included); empty: open-ended.
  std::string valid_from;
  std::string valid_to;
};

struct MappingTable {
  std::vector<std::string> levels;  // bottom-up level names, e.g. network, ccg, stp, region
  std::vector<MappingRow> rows;
  std::string source_file;
  bool dated = false;  // some row has a valid_from or valid_to
};

}  // namespace pco

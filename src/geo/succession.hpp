#pragma once
// Which organisations of one set of boundaries became which of another (e.g. the 135 CCGs of
// April 2020 and the 106 of April 2021): each old area's successor is the new area holding most
// of it; a new area with several predecessors is a merger. The result can be written as the
// merges of an [[appraisal.alternative]], so a real reorganisation is appraised as pco would have
// appraised it beforehand.

#include <string>
#include <unordered_map>
#include <vector>

#include "geo/areas.hpp"
#include "readers/population_file.hpp"

namespace pco {

// ONS code -> (ODS code, name), from a lookup such as ref_ccg20.csv (CCG20CD,CCG20CDH,CCG20NM):
// the column whose heading ends in "CDH" is the ODS code, the one ending in "CD" the ONS code,
// the one ending in "NM" the name.
struct CodeLookup {
  std::unordered_map<std::string, std::pair<std::string, std::string>> by_ons;
};
CodeLookup read_code_lookup(const TextFile& file);

struct Successor {
  std::string code;  // after the change (ODS code when a lookup was given)
  std::string name;
  std::vector<std::pair<std::string, double>> predecessors;  // old code, share of it that went here
};

struct SuccessionPlan {
  std::vector<Successor> merged;     // new areas with two or more predecessors
  std::vector<Successor> unchanged;  // one predecessor, its code kept or renamed
  // Old areas of which at least `split_share` went elsewhere than their main successor.
  std::vector<AreaSuccession> split;
  std::size_t before_count = 0;
  std::size_t after_count = 0;
};

// `min_share`: an old area whose largest share in any new area is below this is reported as
// split (and still assigned to its main successor).
SuccessionPlan plan_successions(const AreaIndex& before, const AreaIndex& after,
                                const CodeLookup* before_codes, const CodeLookup* after_codes,
                                double split_share = 0.05, int samples = 400);

// The merges as TOML for [[appraisal.alternative]] (or [[configuration.merge]] with `level`).
std::string succession_toml(const SuccessionPlan& plan, const std::string& alternative_name,
                            const std::string& level);

}  // namespace pco

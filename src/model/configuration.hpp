#pragma once
// A configuration: which organisation each practice belongs to at each named level
// (network -> organisation -> cluster/region, any depth), plus federations. Configurations
// change often, so they are built from mappings and edited by merges, moves and federations.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/mapping.hpp"
#include "model/population.hpp"

namespace pco {

struct Organisation {
  std::string code;
  std::string name;
  int parent = -1;                   // index in the level above; -1 at the top
  std::vector<std::size_t> members;  // population indices of its practices, ascending
};

struct Level {
  std::string name;
  std::vector<Organisation> organisations;
  std::unordered_map<std::string, std::size_t> index;

  const Organisation* find(std::string_view code) const;
};

// Organisations that stay separate but share functions and/or a risk pool.
struct Federation {
  std::string code;
  std::string name;
  std::string level;                          // level of its member organisations
  std::vector<std::string> members;           // organisation codes
  std::vector<std::string> shared_functions;  // e.g. management, commissioning, public_health
  bool shared_risk_pool = false;
};

// What happened when a population was joined to a mapping.
struct JoinReport {
  std::vector<ExcludedPractice> unmapped;         // in the population but not in the mapping
  std::size_t mapped_without_patients = 0;        // mapping rows whose practice has no list
  std::vector<MappingRow> rows_without_patients;  // those rows (for comparing configurations)
  std::vector<std::string> mapping_levels;        // the mapping's levels, bottom-up
  std::vector<std::string> warnings;              // e.g. networks that straddle two organisations
};

class Configuration {
 public:
  // Joins `population` to `mapping`. Problems that make the tree unusable (a practice mapped
  // twice, an empty code, a cycle) throw InputError listing all of them; practices of the
  // population missing from the mapping are left out and listed in `report`.
  static Configuration build(const Population& population, const MappingTable& mapping,
                             JoinReport& report);

  const std::vector<Level>& levels() const { return levels_; }
  std::optional<std::size_t> level_index(std::string_view name) const;
  const Level& level(std::string_view name) const;  // throws UsageError listing the levels
  std::size_t practice_count() const { return membership_.empty() ? 0 : membership_[0].size(); }
  // Organisation index of a practice at a level, or -1 when the practice is not mapped.
  int member_of(std::size_t level, std::size_t practice) const {
    return membership_[level][practice];
  }
  bool is_mapped(std::size_t practice) const {
    return !membership_.empty() && membership_[0][practice] >= 0;
  }
  const std::vector<Federation>& federations() const { return federations_; }

  // Edits. Each throws UsageError naming the unknown code or level.
  void merge(std::string_view level, const std::vector<std::string>& codes,
             const std::string& new_code, const std::string& new_name);
  void move_practice(const Population& population, std::string_view practice_code,
                     std::string_view level, std::string_view to_org);
  void add_federation(Federation federation);
  // Moves the given practices (population indices) to organisation `to_code` at `level`,
  // creating it (named `to_name`) when the level has none of that code. The levels above follow
  // the organisation's other practices where it has some, else keep the practices' own.
  void transfer(std::string_view level, const std::vector<std::size_t>& practices,
                const std::string& to_code, const std::string& to_name);

 private:
  void rebuild_level(std::size_t level);
  void recompute_parents(JoinReport* report);

  std::vector<Level> levels_;
  std::vector<std::vector<int>> membership_;  // [level][practice] -> organisation or -1
  std::vector<Federation> federations_;
};

}  // namespace pco

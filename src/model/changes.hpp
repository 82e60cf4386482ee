#pragma once
// What changed between two configurations (e.g. the same scenario as of two dates): practices
// that moved between organisations at a level, opened (mapped only in the later one) or closed
// (mapped only in the earlier one), each with its registered patients.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/configuration.hpp"
#include "model/population.hpp"

namespace pco {

enum class ChangeKind : std::uint8_t { moved, opened, closed };
std::string_view change_label(ChangeKind kind);

struct PracticeChange {
  ChangeKind kind = ChangeKind::moved;
  std::string practice;
  std::string name;
  std::string from;  // organisation before ("" when opened)
  std::string to;    // organisation after ("" when closed)
  std::int64_t patients = 0;
  bool in_population = true;  // false: the practice has no list in the population file
};

struct ChangeFlow {
  std::size_t practices = 0;
  std::int64_t patients = 0;
};

struct ConfigurationChanges {
  std::string level_before;  // the level compared in each configuration (aliases allowed:
  std::string level_after;   // ccg ~ sub_icb, stp ~ icb)
  std::vector<PracticeChange> changes;  // moved, then opened, then closed; by practice code
  std::map<std::pair<std::string, std::string>, ChangeFlow> flows;  // (from, to) of the moves
  std::size_t unchanged = 0;
  std::size_t count(ChangeKind kind) const;
  std::int64_t patients(ChangeKind kind) const;
};

// The level of `configuration` that corresponds to `level`: itself, or its alias (ccg and
// sub_icb, stp and icb name the same tier before and after July 2022). Throws UsageError
// listing the levels when there is neither.
std::string matching_level(const Configuration& configuration, const std::string& level);

// Both configurations are of the same population (the practices are matched by code). Practices
// the mappings name but the population has no list for (`JoinReport::rows_without_patients`)
// are compared from their mapping rows (edits such as merges do not reach them) and listed
// with in_population = false.
ConfigurationChanges compare_configurations(const Population& population,
                                            const Configuration& before,
                                            const JoinReport& before_join,
                                            const Configuration& after,
                                            const JoinReport& after_join, const std::string& level);

}  // namespace pco

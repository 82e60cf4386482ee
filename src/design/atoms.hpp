#pragma once
// The atoms a design groups: practices, or the organisations of a level (networks, or any
// level kept whole), each with its population, the exact mean and variance of its annual cost
// under the demand model, its location and the organisation it belongs to now.
#include <cstdint>
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "demand/service.hpp"
#include "model/population.hpp"

namespace pco {

struct Atom {
  std::string code;
  std::vector<std::size_t> practices;  // population indices
  std::int64_t population = 0;
  double mean_cost = 0;      // £/yr, closed form Σ E N · E X over services
  double cost_variance = 0;  // £², Σ (E N · Var X + Var N · (E X)²)
  GeoPoint location;         // population-weighted mean of its located practices
  int current = -1;          // organisation at the comparison level (most of its people), or -1
  std::vector<int> practice_current;  // each practice's organisation at that level, or -1
  std::vector<std::int64_t> practice_population;
  // The atoms joined into this one (coterminosity); just its own code otherwise.
  std::vector<std::string> members;
  std::vector<std::string> providers;  // codes of the providers (of the rule's kind) it holds
};

struct AtomSet {
  std::string level;  // "practice" or the level whose organisations are the atoms
  std::string current_level;
  std::vector<Atom> atoms;
  std::vector<std::string> current_codes;  // organisation codes at current_level
  std::vector<std::string> left_out;       // practices with no location in any atom
};

// `level` is "practice" or a configuration level; practices the level does not map become
// atoms of their own. Every service of `model` counts, whatever level holds it (the
// organisation designed is assumed to hold the whole budget). Throws UsageError for an unknown
// level.
AtomSet build_atoms(const Economy& economy, const ServiceModel& model, const std::string& level,
                    const std::string& current_level);

// Mean and variance of the annual cost of one list (cells) over all services.
std::pair<double, double> annual_cost_moments(const ServiceModel& model, const CellCounts& counts);

}  // namespace pco

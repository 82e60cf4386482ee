#pragma once
// The weighted capitation formula: the national quantum, and per component its money, its
// age-sex cost weights, and the per-practice need index and market forces factor. Read from
// the scenario's [formula] section; docs/allocation.md gives every equation and default.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "allocation/weights.hpp"
#include "model/configuration.hpp"
#include "model/population.hpp"

namespace pco {

// The default national quantum (see docs/allocation.md for the source).
inline constexpr std::int64_t kDefaultQuantumPence = 6'340'000'000'000;

struct FormulaComponent {
  std::string name;
  std::optional<double> share;                // of the national quantum
  std::optional<std::int64_t> quantum_pence;  // its own quantum instead of a share
  WeightCurve weights;
  // Per practice of the population (same index); 1 where the files say nothing.
  std::vector<double> need;
  std::vector<double> mff;
  bool ring_fenced = false;
};

struct Formula {
  std::int64_t quantum_pence = kDefaultQuantumPence;
  std::vector<FormulaComponent> components;
};

// The components used when a scenario has no [formula] section (or one without components):
// general & acute, community, mental health, prescribing, primary medical care.
Formula default_formula(const Population& population);

// Reads [formula] from a scenario document (or returns the default formula when absent).
// Relative file paths resolve against `base_dir`. Every problem — in the TOML and in every
// weights, need and MFF file — is collected and thrown together as one InputError.
Formula read_formula(const toml::table& document, const std::string& scenario_file,
                     const std::filesystem::path& base_dir, const Population& population,
                     const Configuration& configuration);

// Each component's quantum in pence: its own quantum, or its share of the national quantum
// split by largest remainder so that share components sum exactly to the national quantum.
std::vector<std::int64_t> component_quanta(const Formula& formula);

}  // namespace pco

#pragma once
// The weighted capitation formula: the national quantum, and per component its money, its
// age-sex cost weights, and the per-practice need index and market forces factor. Read from
// the scenario's [formula] section; docs/allocation.md gives every equation and default.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "allocation/weighted_need.hpp"
#include "allocation/weights.hpp"
#include "model/configuration.hpp"
#include "model/population.hpp"

namespace pco {

// The default national quantum: £63.4bn, CCG allocations for 2013/14 (NHS England, "NHS
// allocations for 2013/14"; see docs/allocation.md).
inline constexpr std::int64_t kDefaultQuantumPence = 6'340'000'000'000;
// The registered population the default quantum served (NHS Digital list sizes, April 2013).
inline constexpr std::int64_t kDefaultQuantumPopulation = 56'025'327;

// The default quantum for a population: £63.4bn scaled by its size against 2013's registered
// population (£1,131.63 a head), so a region or a synthetic economy gets a realistic sum.
std::int64_t default_quantum_pence(std::int64_t population);

// A funding stream: money with its own quantum (NHS England's core services, primary medical
// care and running costs are separate allocations). Components share their stream's quantum.
struct FormulaStream {
  std::string name;
  std::optional<std::int64_t> quantum_pence;
  std::optional<std::int64_t> per_head_pence;  // quantum = per head x mapped population
  std::int64_t quantum = 0;                    // resolved, pence
  std::string source;                          // where the money figure comes from
};

struct FormulaComponent {
  std::string name;
  std::string stream;                         // a FormulaStream name; "" in a one-stream formula
  std::optional<double> share;                // of its stream's quantum
  std::optional<std::int64_t> quantum_pence;  // its own quantum instead of a share
  WeightCurve weights;
  // NHS England's weighted-population column used as this component's base (need already in
  // it); practices without a row of the file fall back to `weights` (see docs/allocation.md).
  std::optional<WpColumn> weighted_column;
  // Per practice of the population: the weighted population before need and cost adjustment.
  // Empty: Σ_k n(k) w(k) from the practice's age-sex cells.
  std::vector<double> base;
  // Per practice of the population (same index); 1 where the files say nothing.
  std::vector<double> need;
  std::vector<double> mff;      // the cost adjustment: market forces factor (× EACA where given)
  std::string cost_adjustment;  // how `mff` was set, for reports ("" = none / files)
  bool ring_fenced = false;
};

struct Formula {
  std::int64_t quantum_pence = kDefaultQuantumPence;  // sum of the streams' quanta
  std::vector<FormulaStream> streams;                 // empty: one stream of quantum_pence
  std::vector<FormulaComponent> components;
  std::vector<std::string> notes;  // how the input files were used, for the user
  std::string structure;           // a named structure, e.g. "nhs_2025_26"; "" for the scenario's
  std::optional<ImpliedStructure> implied;  // shares and cost adjustment implied by the file
};

// The components used when a scenario has no [formula] section (or one without components):
// general & acute, community, mental health, prescribing, primary medical care.
Formula default_formula(const Population& population);

// Reads [formula] from a scenario document (or returns the default formula when absent; with
// NHS England's weighted populations the default is the 2025/26 structure). Relative file paths
// resolve against `base_dir`. Every problem — in the TOML and in every weights, need and MFF
// file — is collected and thrown together as one InputError. `service_weights` are the cells of
// the `pco_services` curve (demand/service.hpp, default_service_weights); without them a
// component naming that curve is an error.
Formula read_formula(const toml::table& document, const std::string& scenario_file,
                     const std::filesystem::path& base_dir, const Population& population,
                     const Configuration& configuration, const WeightedNeed* weighted = nullptr,
                     const CellValues* service_weights = nullptr);

// Each component's quantum in pence: its own quantum, or its share of its stream's quantum
// split by largest remainder so that the share components of a stream sum exactly to it.
std::vector<std::int64_t> component_quanta(const Formula& formula);

// The stream each component belongs to (index into formula.streams; 0 when there are none).
std::vector<std::size_t> component_streams(const Formula& formula);

}  // namespace pco

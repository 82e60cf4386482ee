#pragma once
// NHS England's weighted populations as pco's need: each practice of the economy matched to its
// row of the weighted-populations file, and the component structure implied by the file (the
// component shares and the per-ICB cost adjustment that rebuild NHS England's overall weighted
// population from its components). docs/allocation.md ("The 2025/26 allocation structure").

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/population.hpp"
#include "readers/weighted_populations.hpp"

namespace pco {

struct WeightedNeed {
  std::shared_ptr<const WeightedPopulations> table;
  std::vector<int> row;       // per population practice: its row in table->rows, or -1
  std::vector<double> scale;  // list size / the file's projected population (1 when the
                              // population is the file itself)
  std::size_t matched = 0;
  std::int64_t matched_patients = 0;
  std::size_t file_rows_unmatched = 0;  // rows of the file for no practice of the population

  bool has(std::size_t practice) const { return row[practice] >= 0; }
  // The practice's weighted population for `column`, rescaled to its own list size.
  double weighted(std::size_t practice, WpColumn column) const;
  // The practice's need index for `column` (weighted / projected population); 1 without a row.
  double index(std::size_t practice, WpColumn column) const;
};

// Matches practices by code. `population_is_file`: the population was read from this very file,
// so weighted populations are used as they are (scale 1) and reproduce NHS England's sums exactly.
WeightedNeed match_weighted_need(std::shared_ptr<const WeightedPopulations> table,
                                 const Population& population, bool population_is_file);

// The components whose share-weighted sum, times a cost adjustment common to each ICB, rebuilds
// NHS England's overall core weighted population ("Final WP"):
//   Final(p) ≈ m(ICB of p) × Σ_c s_c × WP_c(p),  Σ_c s_c = 1,
// fitted by alternating least squares (s given m: linear least squares without intercept; m
// given s: the ICB's least-squares factor). r_squared and max_relative_error describe that fit
// with m = Σ_ICB Final / Σ_ICB Σ_c s_c WP_c. `icb_factor` is then calibrated for pco's formula,
// which shares each component's money by its own adjusted weighted population m × WP_c: with
// it every ICB's rebuilt core total equals NHS England's "Final WP" total (to 1e-13).
struct ImpliedStructure {
  std::vector<WpColumn> components;                    // the core need components, in file order
  std::vector<double> shares;                          // s_c, summing to 1
  std::unordered_map<std::string, double> icb_factor;  // m by ICB code of the file
  double r_squared = 0;           // of the practice-level fit of Final WP (1 − SSres/SStot)
  double max_relative_error = 0;  // max |fit − Final| / Final over practices with Final ≥ 1,000
  int iterations = 0;
};

// The six core components of the file: general and acute, community, mental health,
// maternity, health inequalities, prescribing.
const std::vector<WpColumn>& core_need_columns();

ImpliedStructure implied_core_structure(const WeightedPopulations& table, int max_iterations = 200,
                                        double tolerance = 1e-12);

// Solves the symmetric positive definite system A x = b (n×n, row-major) by Cholesky
// decomposition; throws UsageError when A is not positive definite.
std::vector<double> solve_spd(std::vector<double> a, std::vector<double> b);

}  // namespace pco

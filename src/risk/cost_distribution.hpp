#pragma once
// The annual cost of a budget holder: a sum of independent compound (claim count × cost per
// event) components, each computed exactly on a grid suited to its own severity, moved onto
// one common grid by a mass- and mean-preserving regrid and convolved. docs/risk-holders.md
// derives the error bounds reported here.
#include <array>
#include <compare>
#include <complex>
#include <cstddef>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "risk/aggregate.hpp"
#include "risk/fft_pool.hpp"
#include "risk/frequency.hpp"
#include "risk/severity.hpp"

namespace pco {

// Which part of each case a component pays when cases are split at a threshold T (a high-cost
// case pool): all of X, the retained min(X, T), or the excess (X − T)+.
enum class CaseLayer { whole, retained, excess };

struct CostComponent {
  std::string name;
  Frequency frequency;
  Severity severity = Severity::exponential(1);
  CaseLayer layer = CaseLayer::whole;
  double threshold = 0;  // T, for the retained and excess layers
};

// E[Y^k] (k = 1, 2) of the component's cost per case Y (X, min(X, T) or (X − T)+).
double case_moment(const CostComponent& component, int k);

struct GridSettings {
  double knots_per_sd = 64;  // common step H = sd / knots_per_sd
  // Component step h <= sqrt(Var S / E N) / steps_per_rms (and h <= H), so that the
  // discretisation adds at most 1/(4 steps_per_rms²) of the component's variance.
  double steps_per_rms = 4;
  std::size_t max_part_knots = std::size_t{1} << 17;  // wider components are split in parts
  // The severity grid ends at a cut M beyond which at most this many of the component's cases
  // are expected (unless the grid would exceed max_severity_knots); the cases beyond M are kept
  // as two atoms with their exact probability, mean and second moment.
  double severity_tail = 1e-10;
  std::size_t max_severity_knots = std::size_t{1} << 21;
};

// A discretised severity (mass exactly 1, mean exactly E X, second moment E X² plus at most
// h²/4) and what its cut changed: the probability S(M) whose shape beyond M became two atoms,
// and the variance per case lost when the tail's moments were too small to fit two atoms (one
// atom at E[X | X > M] then lacks E[X²; X > M] − S(M)·E[X | X > M]²; 0 otherwise).
struct CutSeverity {
  SeverityGrid grid;
  double cut = 0;
  double tail = 0;
  double collapsed_variance = 0;
  std::vector<std::pair<double, double>> tilts;  // severity_tilts(grid), for window bounds
  std::array<double, 3> moments{};               // Σ_j j^k f_j, k = 1, 2, 3 (grid units)
};

// (t, ln Σ_j f_j e^{tj}) at 40 tilts t (grid units) from 650/length down by factors √2: what
// Chernoff's bound on the right end of a compound with this severity needs, whatever the count.
std::vector<std::pair<double, double>> severity_tilts(const SeverityGrid& grid);

// What identifies a component's severity grid: the severity by content (never by the address of
// a copy, which a later holder's copy may reuse for another severity), the step, the cut, and
// which layer of the cases (CaseLayer, as an int) at which threshold (0 for the whole case).
struct GridKey {
  std::vector<double> severity;  // Severity::identity()
  double step = 0;
  double cut = 0;
  int layer = 0;
  double threshold = 0;
  auto operator<=>(const GridKey&) const = default;
};

// The retained or excess layer of a cut severity grid, as a component's compound uses it (the
// excess layer given a case above T, with `above` = P(excess > 0) on the grid), with its tilts.
struct LayerGrid {
  SeverityGrid grid;
  double above = 1;
  std::vector<std::pair<double, double>> tilts;
  std::array<double, 3> moments{};  // Σ_j j^k f_j, k = 1, 2, 3 (grid units)
};

// A severity grid's transform at one length n, folded onto n knots, and for a negative binomial
// count of success probability p the count-free terms of its pgf per bin:
// ln p − ½ ln|1 − qφ_k|² and arg(1 − qφ_k). A holder's pgf is then r times them (exp and
// sin/cos only), and its bins that underflow cost a multiplication.
struct GridTransform {
  std::vector<std::complex<double>> spectrum;  // φ_k, k = 0 … n/2
  std::vector<double> log_terms;
  std::vector<double> angles;
};

// What holders can share: transforms by size, severity grids by (severity, step, cut) and their
// layers, and the grids' transforms by length. Steps are powers of two (T / 2^k for a pool's
// layers) and cuts are steps times powers of two, so neighbouring holders reuse each other's
// grids; FFT lengths are powers of two, so holders of similar size reuse transforms. The caches
// are bounded (emptied when full), which changes the time taken, never a result: every entry is
// what the holder would have computed itself, bit for bit.
struct RiskWorkspace {
  FftPool ffts;
  std::map<GridKey, CutSeverity> grids;
  std::map<GridKey, LayerGrid> layers;
  std::size_t cached_knots = 0;
  // (grid, n, p of a negative binomial count or 0) → transform
  std::map<std::tuple<GridKey, std::size_t, double>, GridTransform> transforms;
  std::size_t cached_bins = 0;
};

struct CostDistribution {
  AggregateDistribution distribution;  // on the common grid; 1 − Σ pmf is grid_tail_mass
  double exact_mean = 0;               // closed form E S = Σ E N · E X
  double exact_variance = 0;           // closed form Σ (E N · Var X + Var N · (E X)²)
  // The grid's variance lies in [exact_variance − variance_deficit,
  // exact_variance + variance_error_bound] up to the transforms' rounding:
  // variance_error_bound = Σ_components (E N · h²/4 + parts · H'²/4 + regrids · H²/4) (the
  // discretisation and regrids are mean-preserving spreads); variance_deficit = Σ E N ·
  // (variance a one-atom severity tail lacks), normally 0.
  double variance_error_bound = 0;
  double variance_deficit = 0;
  // Probability the grid holds only approximately: the ends of the transforms below their
  // measured rounding noise, trimmed and put back in proportion to the kept knots (each part's
  // share counted as often as the part is convolved with itself), and the cases beyond the
  // severity cuts (E N·S(M)), kept with their exact moments but not their shape.
  double misplaced = 0;
  // The probability the grid does not hold exactly: mass beyond it plus `misplaced`. Every
  // probability read from the grid (e.g. P(S > B) summed over the knots above B) is within
  // ± grid_tail_mass of the discretised model's.
  double grid_tail_mass() const { return distribution.mass_beyond_grid() + misplaced; }
};

// E S = Σ E N · E Y of the components (closed form, £), as cost_distribution's exact_mean.
double expected_cost(const std::vector<CostComponent>& components);

// Throws UsageError when a component's severity has no finite second moment.
// `step` > 0 forces the common step (else it is chosen from the exact sd). `workspace`
// (optional) keeps transforms and severity grids for reuse across calls.
CostDistribution cost_distribution(const std::vector<CostComponent>& components,
                                   const GridSettings& settings = {}, double step = 0,
                                   RiskWorkspace* workspace = nullptr);

// The variance bounds a component adds to a CostDistribution (see there).
struct ComponentErrors {
  double variance_error_bound = 0;
  double variance_deficit = 0;
  double misplaced = 0;
};

// The compound of one component on its own step h (split into `parts` identical parts when its
// window would be too wide), moved onto `step`; adds its error bounds to `errors`.
AggregateDistribution component_on_grid(const CostComponent& component, double step,
                                        const GridSettings& settings, ComponentErrors& errors,
                                        RiskWorkspace& workspace);

// A + B on the same step with the ends trimmed where their cumulative mass is at most `trim`
// (the transform's rounding noise would otherwise keep them), the kept knots rescaled to the
// exact mass Σa·Σb (which also undoes the clamping of negative noise); adds the trimmed mass to
// `misplaced`.
AggregateDistribution convolve_accounted(const AggregateDistribution& a,
                                         const AggregateDistribution& b, double trim, FftPool& pool,
                                         double& misplaced);

}  // namespace pco

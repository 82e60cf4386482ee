#pragma once
// Reproducible multi-year Monte Carlo of every budget holder at a level: each year's total is
// drawn from the holder's exact one-year distribution (an alias table on its grid), grown,
// multiplied by common national and regional shocks, passed through a corridor and the
// carry-over rules. Every random number depends only on (seed, replicate, entity, stream), and
// every estimate is computed at the root from all replicates in replicate order, so output is
// bit-identical for any thread or process count. docs/simulation.md.
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "parallel/process_group.hpp"
#include "risk/aggregate.hpp"
#include "risk/cost_distribution.hpp"
#include "sim/simulation_settings.hpp"
#include "sim/year_rules.hpp"

namespace pco {

// A contract the holder pays through each year (docs/commissioning.md): the payment
// clamp(F + rate · (x − plan), floor, cap) on the activity x of the contract's variable element,
// drawn from its exact distribution and grown and shocked like all demand; F, plan, floor and
// cap grow with the budget (contracts are renegotiated each year at the budgets' uplift).
struct SimulationContract {
  AggregateDistribution activity;  // a point mass at 0 for a fixed payment
  double fixed = 0;
  double rate = 0;
  double plan = 0;
  double floor = -std::numeric_limits<double>::infinity();
  double cap = std::numeric_limits<double>::infinity();
};

struct SimulationHolder {
  std::string code;
  std::string name;
  std::int64_t population = 0;
  double budget = 0;  // year-1 budget, £
  int region = -1;    // index into SimulationInput::regions; -1: no regional shock
  // Exact one-year cost by chance (the compound sum); when empty, SimulationInput::distributions
  // computes it.
  AggregateDistribution distribution;
  // Relative sd of the holder's formula error (docs/risk-sources.md): a lognormal factor of mean
  // 1 drawn once per replication and kept for all its years.
  double formula_sd = 0;
  std::vector<SimulationContract> contracts;
};

// Holder h's exact one-year cost by chance, computed on the calling worker's workspace. A
// national run computes each holder's distribution as its turn comes and drops it after its
// draws, instead of holding thousands of distributions at once (and each process of an MPI run
// computes only its own holders').
using DistributionSource =
    std::function<AggregateDistribution(std::size_t holder, RiskWorkspace& workspace)>;

struct SimulationInput {
  std::string level;
  std::vector<SimulationHolder> holders;
  DistributionSource distributions;  // for the holders whose distribution is empty
  std::vector<std::string> regions;  // codes of the regional-shock groups
  YearRules rules;
};

// Per-replicate values of every holder, stored [(holder × years + year) × count + replicate]:
// for tests and small runs only (a national run never holds them; see simulate()).
struct SimulationSamples {
  std::size_t holders = 0;
  int years = 0;
  std::uint64_t first = 0;      // replicate number of the first stored replicate
  std::uint64_t count = 0;      // replicates stored
  std::vector<double> cost;     // C_y, £
  std::vector<double> outturn;  // (C_y − A_y) / B_y
  std::vector<double> deficit;  // cumulative deficit after year y, £
  std::size_t at(std::size_t h, int y, std::uint64_t r) const {
    return (h * static_cast<std::size_t>(years) + static_cast<std::size_t>(y)) * count +
           static_cast<std::size_t>(r - first);
  }
};

// Called with (holders done, holders in this process) from worker threads, serialised.
using SimulationProgress = std::function<void(std::uint64_t, std::uint64_t)>;

// Replicates [first, first + count) of every holder with `threads` threads (>= 1), all held in
// memory: the same draws as simulate() makes.
SimulationSamples simulate_replicates(const SimulationInput& input,
                                      const SimulationSettings& settings, std::uint64_t first,
                                      std::uint64_t count, int threads);

// An estimate with its Monte Carlo standard error.
struct Estimate {
  double value = 0;
  double se = 0;
};

struct HolderYear {
  std::string code;
  int year = 1;  // 1-based
  double budget = 0;
  Estimate cost_mean;
  Estimate cost_sd;
  // Quantiles of the year's cost C_y (5, 25, 50, 75, 95%): the fan chart of the report.
  std::array<Estimate, 5> cost_quantiles{};
  Estimate outturn_mean;  // (C − A) / B
  Estimate outturn_q05;
  Estimate outturn_q50;
  Estimate outturn_q95;
  Estimate outturn_q25;  // the outturn's middle half, for the dashboard's outturn fan chart
  Estimate outturn_q75;
  Estimate p_overspend;       // P(C > A)
  Estimate p_overspend_5pct;  // P(C > A + 0.05 B)
  Estimate p_any_overspend;   // P(an overspend in years 1 … year)
  Estimate deficit_mean;
  Estimate deficit_q50;
  Estimate deficit_q95;
  Estimate deficit_q99;
};

struct SimulationResults {
  std::string level;
  SimulationSettings settings;
  std::vector<std::string> holder_names;  // by holder
  std::vector<std::int64_t> populations;
  std::vector<HolderYear> rows;  // holder by holder, years in order
};

// Summaries of complete samples (first = 0, count = replications), holders split across
// `threads` threads; each holder's summary is computed in replicate order, so the result does
// not depend on `threads`.
SimulationResults summarise(const SimulationInput& input, const SimulationSettings& settings,
                            const SimulationSamples& samples, int threads = 1);

// The whole run, streamed holder by holder: each rank takes a contiguous share of the holders,
// its threads take holders one at a time, draw all of that holder's replicates (a few MB),
// summarise them and drop them, so memory does not grow with the number of holders. Rank 0
// gathers the summaries in rank order and alone gets results (other ranks get nullopt). Every
// summary depends only on its holder's draws, taken in replicate order, so the bytes are the
// same for any thread or process count, and the same as summarise(simulate_replicates(...)).
std::optional<SimulationResults> simulate(const SimulationInput& input,
                                          const SimulationSettings& settings,
                                          const ProcessGroup& group, int threads,
                                          const SimulationProgress& progress = {});

// Streams: the keying of every random number (docs/simulation.md, "Random streams").
inline constexpr std::uint64_t kCostStream = 1;
inline constexpr std::uint64_t kShockStream = 2;
// Contract k of a holder draws from stream kContractStream + k of the holder's entity.
inline constexpr std::uint64_t kContractStream = std::uint64_t{1} << 32;
inline constexpr std::uint64_t kFormulaStream = 3;
inline constexpr std::uint64_t kNationalShockEntity = std::uint64_t{1} << 62;
inline constexpr std::uint64_t kRegionalShockEntity = (std::uint64_t{1} << 62) + 1;  // + region

// The p-quantiles x_(⌈N p⌉) of `values` (reordered, not fully sorted), each with its
// order-statistic standard error: half the distance between the order statistics at
// N p ± √(N p (1 − p)) (a 68% binomial interval for the rank).
std::vector<Estimate> quantile_estimates(std::vector<double>& values,
                                         const std::vector<double>& ps);

}  // namespace pco

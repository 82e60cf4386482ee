// Exact risk: the FFT path from a practice (λ = 10 claims) to a national pool (λ = 10^6), the
// split recursion beside it, and the Monte Carlo path in events per second, with a
// vectorised reference Monte Carlo of the same model (reference_mc.hpp) for the ratio.

#include <array>

#include <benchmark/benchmark.h>

#include "reference_mc.hpp"
#include "risk/aggregate.hpp"
#include "risk/alias_table.hpp"
#include "risk/monte_carlo.hpp"

namespace {

using namespace pco;

const SeverityGrid& gamma_grid() {
  // Gamma(2, 1) rounded on h = 0.5 up to 40: 80 knots, P(X > 39.75) ≈ 2e-16.
  static const SeverityGrid grid =
      discretize(Severity::gamma(2, 1), 0.5, 40, DiscretizeMethod::rounding);
  return grid;
}

const SeverityGrid& heavy_grid() {
  // A heavy tail on a long grid: lognormal(7, 1.5) costs (mean ≈ £3,300) on £25 steps to
  // £1.6m: 65,536 knots.
  static const SeverityGrid grid =
      discretize(Severity::lognormal(7, 1.5), 25, 25.0 * 65536, DiscretizeMethod::unbiased);
  return grid;
}

void run_fft(benchmark::State& state, const SeverityGrid& severity) {
  const auto frequency = Frequency::poisson(static_cast<double>(state.range(0)));
  std::size_t points = 0;
  for (auto _ : state) {
    const auto d = compound_fft(frequency, severity);
    points = d.size();
    benchmark::DoNotOptimize(d.pmf.data());
  }
  state.counters["grid_points"] = static_cast<double>(points);
}

void BM_CompoundFft(benchmark::State& state) {
  run_fft(state, gamma_grid());
}
BENCHMARK(BM_CompoundFft)
    ->Arg(10)
    ->Arg(1000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);

void BM_CompoundRecursive(benchmark::State& state) {
  const auto frequency = Frequency::poisson(static_cast<double>(state.range(0)));
  for (auto _ : state)
    benchmark::DoNotOptimize(compound_recursive(frequency, gamma_grid()).pmf.data());
}
BENCHMARK(BM_CompoundRecursive)
    ->Arg(10)
    ->Arg(1000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);

void BM_CompoundFftHeavyTail(benchmark::State& state) {
  run_fft(state, heavy_grid());
}
BENCHMARK(BM_CompoundFftHeavyTail)->Arg(100)->Arg(10000)->Unit(benchmark::kMillisecond);

// λ = 100 claims per replication, below the split-Poisson threshold (4 × 80 knots), so every
// claim is drawn: one alias-table draw per event.
constexpr double kMcLambda = 100;
constexpr std::uint64_t kMcReplications = 20000;

void BM_MonteCarloEvents(benchmark::State& state) {
  const auto frequency = Frequency::poisson(kMcLambda);
  std::uint64_t events = 0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    const auto result = compound_monte_carlo(frequency, gamma_grid(), {kMcReplications, seed++});
    events += result.events;
    benchmark::DoNotOptimize(result.mean);
  }
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MonteCarloEvents)->Unit(benchmark::kMillisecond);

void BM_ReferenceMonteCarloEvents(benchmark::State& state) {
  std::uint64_t events = 0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    const auto result =
        pco::bench::reference_monte_carlo(kMcLambda, gamma_grid(), kMcReplications, seed++);
    events += result.events;
    benchmark::DoNotOptimize(result.totals.data());
  }
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReferenceMonteCarloEvents)->Unit(benchmark::kMillisecond);

// Issue 16's Monte Carlo row: Poisson 50 claims of lognormal(7, 1.5) rounded on £50 steps to
// £200,000 (4,000 knots), every claim drawn (λ is below the split threshold), 2 million
// replications per iteration. The argument is the thread count; the result is the same bytes
// for any count (tested), so the ratio of the two rows is the scaling.
const SeverityGrid& practice_grid() {
  static const SeverityGrid grid =
      discretize(Severity::lognormal(7, 1.5), 50, 200000, DiscretizeMethod::rounding);
  return grid;
}

void BM_MonteCarloPractice(benchmark::State& state) {
  const auto frequency = Frequency::poisson(50);
  std::uint64_t events = 0;
  for (auto _ : state) {
    const auto result = compound_monte_carlo(frequency, practice_grid(),
                                             {2'000'000, 1, static_cast<int>(state.range(0))});
    events += result.events;
    benchmark::DoNotOptimize(result.mean);
  }
  // Claims per iteration: time per claim is real_time (or cpu_time) / events.
  state.counters["events"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_MonteCarloPractice)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The floor under any per-claim Monte Carlo on this grid: one Philox word and one alias lookup
// per claim from a single stream, no counts, no per-replication streams, no totals.
void BM_AliasTableLimit(benchmark::State& state) {
  std::vector<double> weights = practice_grid().pmf;
  const AliasTable table(weights);
  RandomStream random(1, 2, 3, 4);
  constexpr std::size_t kDraws = 10'000'000;
  std::array<std::uint64_t, 64> words;
  std::uint64_t sum = 0;
  for (auto _ : state) {
    for (std::size_t done = 0; done < kDraws; done += words.size()) {
      random.next_u64s(words.data(), words.size());
      for (auto w : words)
        sum += table.sample_word(w);
    }
  }
  benchmark::DoNotOptimize(sum);
  state.counters["events"] = static_cast<double>(kDraws);
}
BENCHMARK(BM_AliasTableLimit)->Unit(benchmark::kMillisecond)->UseRealTime();

// Issue 16's national pool in one call (discretising, the window, planning and running the
// transforms): Poisson 20,000 claims of lognormal(7, 1.2) rounded on £100 steps to £1m.
void BM_NationalPool(benchmark::State& state) {
  const auto frequency = Frequency::poisson(20000);
  std::size_t points = 0;
  for (auto _ : state) {
    const auto grid =
        discretize(Severity::lognormal(7, 1.2), 100, 1'000'000, DiscretizeMethod::rounding);
    const auto d = compound_fft(frequency, grid);
    points = d.size();
    benchmark::DoNotOptimize(d.pmf.data());
  }
  state.counters["grid_points"] = static_cast<double>(points);
}
BENCHMARK(BM_NationalPool)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

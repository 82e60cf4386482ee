// Exact risk: the FFT path from a practice (λ = 10 claims) to a national pool (λ = 10^6), the
// split recursion beside it, and the Monte Carlo path in events per second, with a
// vectorised reference Monte Carlo of the same model (reference_mc.hpp) for the ratio.

#include <benchmark/benchmark.h>

#include "reference_mc.hpp"
#include "risk/aggregate.hpp"
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

}  // namespace

BENCHMARK_MAIN();

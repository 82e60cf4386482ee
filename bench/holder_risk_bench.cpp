// Every budget holder's risk on the real 2020 map (networks, CCGs and STPs, each holding the
// whole default England service model), and the size curve. Loading the files is done once,
// outside the timed loop.

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include <benchmark/benchmark.h>

#include "allocation/economy.hpp"
#include "demand/service.hpp"
#include "holders/holder_risk.hpp"
#include "holders/size_curve.hpp"
#include "shared_data.hpp"

namespace {

const pco::Economy* england() {
  return pco::bench::england_2020_map();
}

void BM_HolderRisk(benchmark::State& state, std::vector<std::string> levels) {
  const auto* economy = england();
  if (economy == nullptr) {
    state.SkipWithError("shared data absent");
    return;
  }
  const auto model = pco::default_service_model();
  pco::HolderRiskOptions options;
  options.levels = levels;
  options.hold_all = true;
  options.threads = static_cast<unsigned>(state.range(0));
  std::size_t holders = 0;
  for (auto _ : state) {
    const auto r = pco::compute_holder_risk(*economy, model, std::nullopt, options);
    holders = r.holders.size();
    benchmark::DoNotOptimize(r.holders.data());
  }
  state.counters["holders"] = static_cast<double>(holders);
  state.counters["holders_per_s"] =
      benchmark::Counter(static_cast<double>(holders) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

void BM_SizeCurve(benchmark::State& state) {
  const auto model = pco::default_service_model();
  for (auto _ : state)
    benchmark::DoNotOptimize(
        pco::size_curve(model, pco::default_size_curve_populations(), 0.0).data());
}

}  // namespace

// Argument: worker threads. Wall time (UseRealTime) shows the scaling; CPU time is the
// calling thread's only.
BENCHMARK_CAPTURE(BM_HolderRisk, all_three_levels, {"network", "ccg", "stp"})
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kSecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_HolderRisk, ccg, {"ccg"})
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kSecond)
    ->Iterations(1);
BENCHMARK(BM_SizeCurve)->Unit(benchmark::kSecond)->Iterations(1);

BENCHMARK_MAIN();

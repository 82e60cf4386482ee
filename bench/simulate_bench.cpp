// The multi-year simulation on the real national configuration (2021 lists, 2020 map, every
// CCG holding the default England service model): 10,000 replications × 5 years with 1 and 2
// threads, and the same workload drawn event by event in the vectorised reference style of
// bench/reference_mc.hpp for a side-by-side ratio. Building the exact distributions is done
// once, outside the timed loop (its cost is BM_HolderRisk/ccg in pco_holder_risk_bench).

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include <benchmark/benchmark.h>

#include "allocation/economy.hpp"
#include "demand/service.hpp"
#include "holders/holder_risk.hpp"
#include "reference_mc.hpp"
#include "risk/discretize.hpp"
#include "shared_data.hpp"
#include "sim/simulation.hpp"
#include "sim/simulation_input.hpp"

namespace {

const pco::Economy* england() {
  return pco::bench::england_2020_map();
}

pco::SimulationSettings workload() {
  pco::SimulationSettings s;
  s.replications = 10000;
  s.years = 5;
  s.level = "ccg";
  s.hold_all = true;
  s.shock_cv = 0.02;
  s.budget_growth = 0.03;
  s.demand_growth = 0.035;
  s.overspend_repay_cap = 0.01;
  s.underspend_keep_cap = 0.005;
  return s;
}

const pco::SimulationInput* national_input() {
  static const std::optional<pco::SimulationInput> input =
      []() -> std::optional<pco::SimulationInput> {
    const auto* economy = england();
    if (economy == nullptr) return std::nullopt;
    return pco::build_simulation_input(*economy, pco::default_service_model(), std::nullopt, {},
                                       workload());
  }();
  return input ? &*input : nullptr;
}

void BM_Simulate(benchmark::State& state) {
  const auto* input = national_input();
  if (input == nullptr) {
    state.SkipWithError("shared data absent");
    return;
  }
  const auto settings = workload();
  const auto threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    const auto results = pco::simulate(*input, settings, pco::ProcessGroup::world(), threads);
    benchmark::DoNotOptimize(results->rows.data());
  }
  const double reps = static_cast<double>(settings.replications * state.iterations());
  state.counters["holders"] = static_cast<double>(input->holders.size());
  state.counters["reps_per_s"] = benchmark::Counter(reps, benchmark::Counter::kIsRate);
  state.counters["reps_per_s_per_core"] =
      benchmark::Counter(reps / threads, benchmark::Counter::kIsRate);
}

// The vectorised reference draws every event: per holder and service, Poisson counts for each
// replicate-year, all claim uniforms as one array, costs by a sorted search of the severity
// CDF. Nationally that is ~1.6 billion events per replicate-year, so it is timed on every
// 15th CCG for one replicate-year and scaled by population to the national workload.
void BM_ReferenceVectorised(benchmark::State& state) {
  const auto* economy = england();
  if (economy == nullptr) {
    state.SkipWithError("shared data absent");
    return;
  }
  const auto model = pco::default_service_model();
  std::vector<const pco::ServiceLine*> services;
  std::vector<pco::SeverityGrid> grids;
  for (const auto& s : model.services) {
    services.push_back(&s);
    const double mean = s.severity.mean();
    grids.push_back(
        pco::discretize(s.severity, mean / 32, 64 * mean, pco::DiscretizeMethod::unbiased));
  }
  const auto groups = pco::holder_groups(*economy, "ccg");
  std::int64_t sampled_people = 0;
  std::int64_t all_people = 0;
  std::vector<std::vector<pco::CostComponent>> components;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::int64_t people = 0;
    for (auto p : groups[g].practices)
      people += economy->population.practices()[p].list_size();
    all_people += people;
    if (g % 15 != 0) continue;
    sampled_people += people;
    components.push_back(pco::holder_components(*economy, services, groups[g].practices, {}));
  }
  std::uint64_t events = 0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    for (const auto& holder : components)
      for (std::size_t k = 0; k < holder.size(); ++k) {
        const auto r =
            pco::bench::reference_monte_carlo(holder[k].frequency.mean(), grids[k], 1, seed++);
        events += r.events;
        benchmark::DoNotOptimize(r.totals.data());
      }
  }
  const auto settings = workload();
  const double scale = static_cast<double>(all_people) / static_cast<double>(sampled_people);
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["people_share"] = 1 / scale;
  // Seconds the national 10,000 × 5 workload would take at this rate: elapsed per iteration
  // × population scale × replicate-years.
  const double replicate_years = static_cast<double>(settings.replications) * settings.years;
  state.counters["national_workload_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) / (scale * replicate_years),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

}  // namespace

BENCHMARK(BM_Simulate)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_ReferenceVectorised)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

BENCHMARK_MAIN();

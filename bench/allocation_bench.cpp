// Allocating all practices of England (January 2021 lists joined to the September 2020
// practice -> PCN -> CCG -> STP -> region map) by the default five-component formula: the
// national formula pass, each level's targets, indicative practice budgets, and the whole
// run to every level. Loading is outside the timed loops (see load_bench.cpp for it).

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include <benchmark/benchmark.h>

#include "allocation/allocate.hpp"
#include "allocation/formula.hpp"
#include "model/configuration.hpp"
#include "readers/mapping_file.hpp"
#include "readers/population_file.hpp"
#include "shared_data.hpp"

namespace {

using pco::bench::shared_data;

struct England {
  pco::Population population;
  pco::Configuration configuration;
  pco::Formula formula;
};

// Loaded once: nullptr when the shared data is absent.
const England* england() {
  static const std::optional<England> e = []() -> std::optional<England> {
    const auto pop = shared_data("population/gp-reg-pat-prac-all_2021-01.csv");
    const auto map = shared_data("organisation/gp-reg-pat-prac-map_2020-09.csv");
    if (!std::filesystem::exists(pop) || !std::filesystem::exists(map)) return std::nullopt;
    auto source = pco::read_population_files({pop});
    England out;
    out.population = std::move(source.population);
    pco::JoinReport report;
    out.configuration =
        pco::Configuration::build(out.population, pco::read_mapping_file(map), report);
    out.formula = pco::default_formula(out.population);
    return out;
  }();
  return e ? &*e : nullptr;
}

bool skip(benchmark::State& state) {
  if (england() != nullptr) return false;
  state.SkipWithError("shared data absent");
  return true;
}

void BM_PracticeTargets(benchmark::State& state) {
  if (skip(state)) return;
  const auto& e = *england();
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        pco::compute_practice_targets(e.formula, e.population, e.configuration));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(e.population.size()));
}

void BM_LevelTargets(benchmark::State& state, const char* level) {
  if (skip(state)) return;
  const auto& e = *england();
  const auto targets = pco::compute_practice_targets(e.formula, e.population, e.configuration);
  for (auto _ : state)
    benchmark::DoNotOptimize(pco::allocate_level(targets, e.population, e.configuration, level));
}

void BM_IndicativeBudgets(benchmark::State& state, const char* level) {
  if (skip(state)) return;
  const auto& e = *england();
  const auto targets = pco::compute_practice_targets(e.formula, e.population, e.configuration);
  auto allocation = pco::allocate_level(targets, e.population, e.configuration, level);
  // Allocations that differ from targets, so every budget is re-split by largest remainder.
  std::vector<std::int64_t> totals;
  for (const auto& o : allocation.organisations)
    totals.push_back(o.target_pence + 12345);
  pco::set_allocations(allocation, totals);
  for (auto _ : state)
    benchmark::DoNotOptimize(pco::indicative_budgets(allocation, targets));
}

// Formula once, then targets and indicative budgets at every level of the tree.
void BM_AllPracticesToAllLevels(benchmark::State& state) {
  if (skip(state)) return;
  const auto& e = *england();
  for (auto _ : state) {
    const auto targets = pco::compute_practice_targets(e.formula, e.population, e.configuration);
    for (const auto& level : e.configuration.levels()) {
      const auto a = pco::allocate_level(targets, e.population, e.configuration, level.name);
      benchmark::DoNotOptimize(pco::indicative_budgets(a, targets));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(e.population.size()));
}

BENCHMARK(BM_PracticeTargets)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LevelTargets, network, "network")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LevelTargets, ccg, "ccg")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LevelTargets, region, "region")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_IndicativeBudgets, ccg, "ccg")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AllPracticesToAllLevels)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

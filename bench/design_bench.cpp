// Designing England: the 6,655 mapped practices of the January 2021 lists (September 2020
// map, postcode-district locations) into 40 organisations of 0.5-2.5m people. Times the
// neighbour graph (projection, Delaunay, Voronoi cells, shared edges) and one restart of the
// search (METIS seed + annealing to convergence at the default 1000 sweeps), and reports the
// objective reached. Loading is outside the timed loops.
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <benchmark/benchmark.h>

#include "demand/service.hpp"
#include "design/design.hpp"
#include "economy/load_economy.hpp"
#include "scenario_file/scenario_file.hpp"
#include "shared_data.hpp"

namespace {

using pco::bench::shared_data;

pco::DesignRequest request() {
  pco::DesignRequest r;
  r.atoms = "practice";
  r.min_pop = 500000;
  r.max_pop = 2500000;
  r.current_level = "stp";
  r.search.parts = 40;
  r.search.restarts = 1;
  r.search.use_processes = false;
  return r;
}

// Loaded once: nullptr when the shared data is absent.
const pco::DesignProblem* england() {
  static const std::optional<pco::DesignProblem> p = []() -> std::optional<pco::DesignProblem> {
    const auto pop = shared_data("population/gp-reg-pat-prac-all_2021-01.csv");
    const auto map = shared_data("organisation/gp-reg-pat-prac-map_2020-09.csv");
    const auto districts = shared_data("geography/postcode-districts.csv");
    if (!std::filesystem::exists(pop) || !std::filesystem::exists(map)) return std::nullopt;
    const auto file = std::filesystem::temp_directory_path() /
                      ("pco_design_bench_" + std::to_string(::getpid()) + ".toml");
    std::ofstream(file) << "schema_version = 1\n[population]\nfiles = [\"" << pop.string()
                        << "\"]\npostcode_districts = \"" << districts.string()
                        << "\"\n[configuration]\nmap = \"" << map.string() << "\"\n";
    const auto scenario = pco::load_scenario(file);
    std::filesystem::remove(file);
    static const auto economy = pco::load_economy(scenario);
    static const auto model = pco::default_service_model();
    return pco::design_problem(economy, model, request(), 0, pco::AppraisalParameters{});
  }();
  return p ? &*p : nullptr;
}

void BM_NeighbourGraph(benchmark::State& state) {
  const auto* p = england();
  if (!p) {
    state.SkipWithError("shared data absent");
    return;
  }
  std::vector<pco::PlanePoint> points = p->graph.points;
  for (auto _ : state)
    benchmark::DoNotOptimize(pco::neighbour_graph(points));
  state.counters["atoms"] = static_cast<double>(points.size());
  state.counters["edges"] = static_cast<double>(p->graph.edges.size());
}

void BM_DesignOneRestart(benchmark::State& state) {
  const auto* p = england();
  if (!p) {
    state.SkipWithError("shared data absent");
    return;
  }
  auto options = request().search;
  options.sweeps = static_cast<double>(state.range(0));
  pco::DesignOutcome outcome;
  for (auto _ : state)
    outcome = pco::optimise(*p, options);
  state.counters["sweeps"] = options.sweeps;
  state.counters["seed_objective"] = outcome.restarts[0].seed_total;
  state.counters["objective"] = outcome.restarts[0].best_total;
}

}  // namespace

BENCHMARK(BM_NeighbourGraph)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DesignOneRestart)
    ->Arg(0)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(5000)
    ->Arg(20000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_MAIN();

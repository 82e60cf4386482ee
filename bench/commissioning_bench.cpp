// Providers and contracts on the real files: reading the April 2026 RTT extract zipped as
// published, and the whole contracts analysis of England's 42 ICBs under the 2025/26 NHS Payment
// Scheme (docs/commissioning.md). Loading the population is done once, outside the timed loop.

#include <filesystem>
#include <optional>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "commissioning/commissioning_run.hpp"
#include "demand/service_scenario.hpp"
#include "economy/load_economy.hpp"
#include "readers/rtt_extract.hpp"
#include "scenario_file/scenario_file.hpp"
#include "shared_data.hpp"

namespace {

std::optional<pco::Scenario> england_scenario() {
  using pco::bench::shared_data;
  const auto rtt = shared_data("providers/rtt-full-extract_2026-04.csv.zip");
  if (!std::filesystem::exists(rtt)) return std::nullopt;
  return pco::parse_scenario(
      fmt::format("schema_version = 1\n[population]\nfiles = [\"{}\"]\n"
                  "postcode_districts = \"{}\"\n[configuration]\nmap = \"{}\"\n"
                  "level = \"icb\"\n[commissioning]\ntrusts = \"{}\"\nrtt = \"{}\"\n"
                  "default_payment = \"nhsps2025\"\n",
                  shared_data("population/gp-reg-pat-prac-all_2021-01.csv").string(),
                  shared_data("geography/postcode-districts.csv").string(),
                  shared_data("organisation/gp-reg-pat-prac-map_2026-01.csv").string(),
                  shared_data("providers/etr_2026-07.csv").string(), rtt.string()),
      "england.toml", ".");
}

void BM_ReadRttExtract(benchmark::State& state) {
  const auto path = pco::bench::shared_data("providers/rtt-full-extract_2026-04.csv.zip");
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("shared data absent");
    return;
  }
  std::size_t rows = 0;
  for (auto _ : state) {
    const auto rtt = pco::read_rtt_extract(path);
    rows = rtt.rows;
    benchmark::DoNotOptimize(rtt.counts.data());
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 81624872);
}

void BM_ContractsEngland(benchmark::State& state) {
  const auto scenario = england_scenario();
  if (!scenario) {
    state.SkipWithError("shared data absent");
    return;
  }
  const auto model = pco::read_service_model(*scenario);
  const auto economy = pco::load_economy(*scenario);
  pco::CommissioningRunOptions options;
  options.risk.threads = static_cast<unsigned>(state.range(0));
  std::size_t contracts = 0;
  for (auto _ : state) {
    const auto run = pco::run_commissioning(*scenario, economy, model, std::nullopt, options);
    contracts = run.set.contracts.size();
    benchmark::DoNotOptimize(run.state.contracts.data());
  }
  state.counters["contracts"] = static_cast<double>(contracts);
}

}  // namespace

BENCHMARK(BM_ReadRttExtract)->Unit(benchmark::kMillisecond)->Iterations(3);
// Argument: worker threads; wall time shows the scaling.
BENCHMARK(BM_ContractsEngland)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();

BENCHMARK_MAIN();

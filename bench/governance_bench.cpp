// Indicator roll-up over every English practice: the practice -> network -> CCG -> STP ->
// region tree of September 2020 joined to the January 2021 registered lists, with synthetic
// numerators and denominators per practice. Setup (loading the files) is outside the timing.

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "governance/indicators.hpp"
#include "model/configuration.hpp"
#include "readers/mapping_file.hpp"
#include "readers/population_file.hpp"
#include "shared_data.hpp"

namespace {

using pco::bench::shared_data;

struct National {
  pco::Population population;
  pco::Configuration configuration;
};

const National* national() {
  static const National* loaded = []() -> const National* {
    const auto pop = shared_data("population/gp-reg-pat-prac-all_2021-01.csv");
    const auto map = shared_data("organisation/gp-reg-pat-prac-map_2020-09.csv");
    if (!std::filesystem::exists(pop) || !std::filesystem::exists(map)) return nullptr;
    auto* n = new National;
    n->population = pco::read_population_files({pop}).population;
    pco::JoinReport report;
    n->configuration =
        pco::Configuration::build(n->population, pco::read_mapping_file(map), report);
    return n;
  }();
  return loaded;
}

const National* national_or_skip(benchmark::State& state) {
  const auto* n = national();
  if (n == nullptr) state.SkipWithError("shared data absent");
  return n;
}

std::vector<pco::IndicatorDefinition> definitions(int count) {
  std::vector<pco::IndicatorDefinition> defs;
  for (int k = 0; k < count; ++k)
    defs.push_back({fmt::format("i{}", k), "indicator", k % 2 == 0, 0.5, 0.6, 100, "%"});
  return defs;
}

// Denominator: the list; numerator: a deterministic share of it between 30% and 70%.
std::vector<pco::IndicatorObservation> observations(const pco::Population& population,
                                                    int indicators) {
  std::vector<pco::IndicatorObservation> obs;
  for (int k = 0; k < indicators; ++k) {
    for (std::size_t p = 0; p < population.size(); ++p) {
      const auto& pr = population.practices()[p];
      const double share = 0.3 + 0.4 * std::fmod(0.6180339887 * static_cast<double>(p + 7 * k), 1);
      const double den = static_cast<double>(pr.list_size());
      obs.push_back({pr.code, static_cast<std::size_t>(k), std::round(den * share), den});
    }
  }
  return obs;
}

void BM_IndicatorRollupEngland(benchmark::State& state) {
  const auto* n = national_or_skip(state);
  if (n == nullptr) return;
  const int indicators = static_cast<int>(state.range(0));
  const auto defs = definitions(indicators);
  const auto obs = observations(n->population, indicators);
  for (auto _ : state)
    benchmark::DoNotOptimize(pco::roll_up_indicators(n->population, n->configuration, defs, obs));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(obs.size()));
  state.counters["practices"] = static_cast<double>(n->population.size());
}

void BM_ParseIndicatorValuesEngland(benchmark::State& state) {
  const auto* n = national_or_skip(state);
  if (n == nullptr) return;
  const int indicators = static_cast<int>(state.range(0));
  const auto defs = definitions(indicators);
  std::string text = "practice,indicator,numerator,denominator\n";
  for (const auto& o : observations(n->population, indicators))
    text += fmt::format("{},{},{},{}\n", o.practice, defs[o.indicator].code, o.numerator,
                        o.denominator);
  for (auto _ : state)
    benchmark::DoNotOptimize(pco::parse_indicator_values(text, "values.csv", defs));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}

BENCHMARK(BM_IndicatorRollupEngland)->Arg(1)->Arg(10)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseIndicatorValuesEngland)->Arg(10)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

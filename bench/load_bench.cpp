// Loading the national files: MB/s and seconds per file, with two references measured in the
// same run — reading the bytes, and tokenising the CSV without interpreting it — so the
// reader's own cost shows as a ratio.

#include <cstdlib>
#include <filesystem>
#include <string>

#include <benchmark/benchmark.h>

#include "core/csv.hpp"
#include "core/text.hpp"
#include "model/configuration.hpp"
#include "readers/mapping_file.hpp"
#include "readers/ods_practices.hpp"
#include "readers/population_file.hpp"
#include "shared_data.hpp"

namespace {

using pco::bench::shared_data;

const char* const kTotals = "population/gp-reg-pat-prac-all_2021-01.csv";
const char* const kListSize = "population/patient-list-size_2013-04.csv";
const char* const kMap = "organisation/gp-reg-pat-prac-map_2020-09.csv";
const char* const kOds = "organisation/epraccur_2019-12.csv";

bool skip_without(benchmark::State& state, const std::filesystem::path& path) {
  if (std::filesystem::exists(path)) return false;
  state.SkipWithError(("shared data absent: " + path.string()).c_str());
  return true;
}

void BM_ReadBytes(benchmark::State& state, const char* file) {
  const auto path = shared_data(file);
  if (skip_without(state, path)) return;
  for (auto _ : state)
    benchmark::DoNotOptimize(pco::read_text_file(path));
  state.SetBytesProcessed(state.iterations() * std::filesystem::file_size(path));
}

void BM_TokeniseCsv(benchmark::State& state, const char* file) {
  const auto path = shared_data(file);
  if (skip_without(state, path)) return;
  for (auto _ : state) {
    const auto text = pco::read_text_file(path);
    pco::DiagnosticList problems;
    pco::CsvParser parser(text, path.string(), problems);
    pco::CsvRecord record;
    std::size_t fields = 0;
    while (parser.next(record))
      fields += record.fields.size();
    benchmark::DoNotOptimize(fields);
  }
  state.SetBytesProcessed(state.iterations() * std::filesystem::file_size(path));
}

void BM_LoadPopulation(benchmark::State& state, const char* file) {
  const auto path = shared_data(file);
  if (skip_without(state, path)) return;
  for (auto _ : state)
    benchmark::DoNotOptimize(pco::read_population_files({path}));
  state.SetBytesProcessed(state.iterations() * std::filesystem::file_size(path));
}

void BM_LoadMap(benchmark::State& state) {
  const auto path = shared_data(kMap);
  if (skip_without(state, path)) return;
  for (auto _ : state)
    benchmark::DoNotOptimize(pco::read_mapping_file(path));
  state.SetBytesProcessed(state.iterations() * std::filesystem::file_size(path));
}

void BM_LoadOds(benchmark::State& state) {
  const auto path = shared_data(kOds);
  if (skip_without(state, path)) return;
  for (auto _ : state) {
    benchmark::DoNotOptimize(pco::parse_epraccur({path.string(), pco::read_text_file(path)}));
  }
  state.SetBytesProcessed(state.iterations() * std::filesystem::file_size(path));
}

// The whole national load: population + map + join into a configuration.
void BM_LoadNationalConfiguration(benchmark::State& state) {
  const auto pop_path = shared_data(kTotals);
  const auto map_path = shared_data(kMap);
  if (skip_without(state, pop_path) || skip_without(state, map_path)) return;
  for (auto _ : state) {
    const auto source = pco::read_population_files({pop_path});
    const auto map = pco::read_mapping_file(map_path);
    pco::JoinReport report;
    benchmark::DoNotOptimize(pco::Configuration::build(source.population, map, report));
  }
  state.SetBytesProcessed(state.iterations() * (std::filesystem::file_size(pop_path) +
                                                std::filesystem::file_size(map_path)));
}

BENCHMARK_CAPTURE(BM_ReadBytes, totals_2021, kTotals)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TokeniseCsv, totals_2021, kTotals)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadPopulation, totals_2021, kTotals)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadBytes, list_size_2013, kListSize)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TokeniseCsv, list_size_2013, kListSize)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadPopulation, list_size_2013, kListSize)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TokeniseCsv, map_2020, kMap)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadMap)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TokeniseCsv, epraccur_2019, kOds)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadOds)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadNationalConfiguration)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

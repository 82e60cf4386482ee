// Appraising the four configurations of examples/appraisal/real2020.toml on the real 2020 map
// (135 CCGs; 42 STPs; federations within STPs with a risk pool; two Lancashire mergers): the
// whole appraisal (four exact risk runs over every organisation, 200 parameter draws, the
// tornado), and building the four configurations alone. Loading the national files is outside
// the timed loops.

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include <benchmark/benchmark.h>

#include "appraisal/appraisal.hpp"
#include "core/text.hpp"
#include "demand/service_scenario.hpp"
#include "economy/load_economy.hpp"
#include "scenario_file/scenario_file.hpp"

namespace {

std::filesystem::path data_dir() {
  const char* env = std::getenv("PCO_SHARED_DATA");
  return std::filesystem::path(env ? env : PCO_DEFAULT_SHARED_DATA_DIR);
}

struct Real {
  pco::Scenario scenario;
  pco::Economy economy;
  pco::ServiceModel model;
  std::vector<pco::CandidateConfiguration> candidates;
};

const Real* real() {
  static const std::optional<Real> r = []() -> std::optional<Real> {
    if (!std::filesystem::exists(data_dir() / "README.md")) return std::nullopt;
    const std::filesystem::path example =
        std::filesystem::path(__FILE__).parent_path().parent_path() /
        "examples/appraisal/real2020.toml";
    auto text = pco::read_text_file(example);
    // The example names the data relative to itself; point it at PCO_SHARED_DATA instead.
    const std::string relative = "../../../shared/data";
    for (auto at = text.find(relative); at != std::string::npos; at = text.find(relative))
      text.replace(at, relative.size(), data_dir().string());
    Real out;
    out.scenario = pco::parse_scenario(text, example.string(), example.parent_path());
    out.economy = pco::load_economy(out.scenario);
    out.model = pco::read_service_model(out.scenario);
    out.candidates = pco::read_candidates(out.scenario, out.economy);
    return out;
  }();
  return r ? &*r : nullptr;
}

// The loaded example, or nullptr after marking the benchmark skipped.
const Real* real_or_skip(benchmark::State& state) {
  const auto* r = real();
  if (r == nullptr) state.SkipWithError("shared data absent");
  return r;
}

void BM_AppraiseFourConfigurations(benchmark::State& state) {
  const auto* r = real_or_skip(state);
  if (r == nullptr) return;
  for (auto _ : state)
    benchmark::DoNotOptimize(pco::appraise(r->scenario, r->economy, r->model));
}
BENCHMARK(BM_AppraiseFourConfigurations)->Unit(benchmark::kSecond)->Iterations(1);

void BM_BuildCandidates(benchmark::State& state) {
  const auto* r = real_or_skip(state);
  if (r == nullptr) return;
  for (auto _ : state)
    benchmark::DoNotOptimize(pco::read_candidates(r->scenario, r->economy));
}
BENCHMARK(BM_BuildCandidates)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

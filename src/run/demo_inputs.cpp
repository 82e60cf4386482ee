// `pco demo`'s inputs: the synthetic economy, its governance inputs and a scenario whose
// allocation and service model describe the same money (docs/synthetic.md, "The demo's
// money"). The formula's age-sex weights are the default service model's cost per person in
// each cell, and each component's quantum is the model's national expected cost of the services
// it funds, rounded to £100,000; last year's allocations (the pace-of-change baseline) scatter
// around the fair shares, so that organisations start away from target.
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "allocation/rounding.hpp"
#include "core/random.hpp"
#include "core/text.hpp"
#include "demand/service.hpp"
#include "run/run_job.hpp"
#include "synth/synthetic_economy.hpp"
#include "synth/synthetic_governance.hpp"

namespace pco {

namespace {

const SyntheticOptions kDemoEconomy{1, 1500};

// Pace of change of the demo: last year's money grows by this to this year's quantum.
constexpr double kGrowth = 0.03;
// Spread of last year's allocations around the fair shares (lognormal sd): historical
// allocations that moved toward target over years still differ by a few per cent.
constexpr double kBaselineSpread = 0.03;
constexpr std::uint64_t kBaselineStream = 6;  // docs/synthetic.md, "Determinism"
// Quanta are rounded to this many pence (£100,000).
constexpr std::int64_t kRounding = 10'000'000;

struct DemoComponent {
  std::string name;
  std::string file;
  std::vector<std::string> services;
  CellValues weights{};  // £ per person-year in each cell
  double expected_cost = 0;
  std::int64_t quantum_pence = 0;
};

// The formula's components, grouped as NHS allocations group the money: hospital and community
// health services, prescribing, primary medical care. A service the grouping does not name is
// hospital and community.
std::vector<DemoComponent> demo_components(const SyntheticEconomy& economy) {
  std::vector<DemoComponent> c = {
      {"hospital_and_community", "weights_hospital_and_community.csv", {}, {}, 0, 0},
      {"prescribing", "weights_prescribing.csv", {}, {}, 0, 0},
      {"primary_medical_care", "weights_primary_medical_care.csv", {}, {}, 0, 0}};
  for (const auto& s : default_service_model().services) {
    auto& component = s.name == "prescribing" ? c[1] : s.name == "primary_medical" ? c[2] : c[0];
    component.services.push_back(s.name);
    const double mean = s.severity.mean();
    for (int k = 0; k < kCells; ++k)
      component.weights[static_cast<std::size_t>(k)] += s.rates[static_cast<std::size_t>(k)] * mean;
  }
  for (auto& component : c) {
    for (const auto& p : economy.population.practices())
      for (int k = 0; k < kCells; ++k)
        component.expected_cost += static_cast<double>(p.counts[static_cast<std::size_t>(k)]) *
                                   component.weights[static_cast<std::size_t>(k)];
    component.quantum_pence =
        std::llround(component.expected_cost * 100 / static_cast<double>(kRounding)) * kRounding;
  }
  return c;
}

std::string weights_csv(const DemoComponent& c) {
  std::string out = "sex,age_band,weight\n";
  for (int k = 0; k < kCells; ++k)
    out += fmt::format("{},{},{:.6f}\n", cell_sex(k) == Sex::male ? "M" : "F",
                       age_band_label(cell_band(k)), c.weights[static_cast<std::size_t>(k)]);
  return out;
}

// Last year's allocations: this year's money shrunk by the growth, shared in proportion to each
// organisation's fair share scattered by a lognormal of sd kBaselineSpread, whole pence.
std::string baseline_csv(const SyntheticEconomy& economy,
                         const std::vector<DemoComponent>& components) {
  std::int64_t quantum = 0;
  for (const auto& c : components)
    quantum += c.quantum_pence;
  std::map<std::string, long double> fair;  // organisation → expected cost, £
  std::vector<std::string> order;
  const auto& practices = economy.population.practices();
  for (std::size_t i = 0; i < practices.size(); ++i) {
    const auto& code = economy.mapping.rows[i].orgs[1].code;
    if (!fair.count(code)) order.push_back(code);
    for (const auto& c : components)
      for (int k = 0; k < kCells; ++k)
        fair[code] += static_cast<long double>(practices[i].counts[static_cast<std::size_t>(k)]) *
                      c.weights[static_cast<std::size_t>(k)];
  }
  std::vector<long double> weights;
  for (std::size_t o = 0; o < order.size(); ++o) {
    RandomStream rng(kDemoEconomy.seed, kBaselineStream, o);
    weights.push_back(fair[order[o]] * std::exp(kBaselineSpread * rng.normal() -
                                                kBaselineSpread * kBaselineSpread / 2));
  }
  const auto last_year =
      largest_remainder(std::llround(static_cast<double>(quantum) / (1 + kGrowth)), weights);
  std::string out = "code,allocation_pence\n";
  for (std::size_t o = 0; o < order.size(); ++o)
    out += fmt::format("{},{}\n", order[o], last_year[o]);
  return out;
}

std::string pounds_text(std::int64_t pence) {
  return fmt::format("£{}", with_thousands(pence / 100));
}

}  // namespace

std::string demo_scenario_text() {
  const auto economy = generate_synthetic_economy(kDemoEconomy);
  const auto components = demo_components(economy);
  double expected = 0;
  std::int64_t quantum = 0;
  for (const auto& c : components) {
    expected += c.expected_cost;
    quantum += c.quantum_pence;
  }
  std::string formula = fmt::format(
      R"toml(# The money: the allocation and the service model describe the same money. Each
# component's age-sex weights are the default service model's cost per person in each cell
# (weights_*.csv), and its quantum is the model's national expected cost of the services it
# funds on this economy, rounded to £100,000: in all {} against an expected cost of {}
# (they agree within {:.4f}%). Budgets are then the allocation (docs/risk-holders.md).
[formula]
)toml",
      pounds_text(quantum), pounds_text(std::llround(expected * 100)),
      100 * std::abs(static_cast<double>(quantum) / 100 - expected) / expected);
  for (const auto& c : components) {
    std::string services;
    for (const auto& s : c.services)
      services += (services.empty() ? "" : ", ") + s;
    formula += fmt::format(
        "\n[[formula.component]]\nname = \"{}\"\nquantum_pence = {}  # {}: {}\n"
        "weights_file = \"{}\"\n",
        c.name, c.quantum_pence, pounds_text(c.quantum_pence), services, c.file);
  }
  return R"toml(# The demo: pco's main job on the synthetic economy (docs/synthetic.md), written by
# `pco demo` beside the files it reads, so `pco run --scenario` on this file repeats the run.
schema_version = 1
name = "pco demo: synthetic economy"
description = "1,500 synthetic practices in networks, organisations and regions"
seed = 20261127

[population]
files = ["practices.csv"]
locations = "locations.csv"

[configuration]
map = "organisations.csv"
level = "organisation"

# The report opens with the answer for one organisation (SO001, a partner in merger C) and
# draws organisations as areas of the economy's land.
[report]
focus = "SO001"
boundaries = "land.geojson"

)toml" + formula +
         fmt::format(R"toml(
# Last year's allocations (baseline.csv) lie a few per cent either side of the fair shares;
# one year of pace of change with {:g}% growth moves them toward target: everyone gets at least
# 1.5%, under-target organisations up to 3% more, over-target ones at most 2%, and nobody ends
# more than 5% below target. Illustrative values, not a published rule.
[pace]
baseline_file = "baseline.csv"
growth = {:g}
years = 1
floor = 0.015
extra = 0.03
cap = 0.02
max_below_target = 0.05
)toml",
                     100 * kGrowth, kGrowth) +
         R"toml(
[governance]
level = "organisation"
rules = "pcg1999"
members = "boards.csv"
autonomy = "autonomy.csv"
typology = "typology.csv"
survey = "survey.csv"
indicators = "indicators.csv"
indicator_values = "indicator_values.csv"

# Configurations side by side (docs/appraisal.md): the 77 organisations as they are, against
# one organisation per region, federations within each region sharing management,
# commissioning, back office and a risk pool, and a merger of two neighbours.
[appraisal]
status_quo = "organisations"
years = 10
draws = 200

[[appraisal.alternative]]
name = "A: one per region"
level = "region"

[[appraisal.alternative]]
name = "B: federations within regions"
federate_within = "region"
shared_functions = ["management", "commissioning", "back_office"]
shared_risk_pool = true

[[appraisal.alternative]]
name = "C: merge SO001 and SO002"

[[appraisal.alternative.merge]]
codes = ["SO001", "SO002"]
code = "SO001+2"
name = "SO001 and SO002 merged"

# Five years of budgets (docs/simulation.md). Illustrative values, not published figures:
# demand growing half a point faster than budgets, a bad or good year shared nationally (CV 2%)
# and by region (CV 1%), overspends repaid from next year's budget up to 1% of it, and
# underspends kept up to 0.5%.
[simulation]
years = 5
replications = 2000
budget_growth = 0.03
demand_growth = 0.035
shock_cv = 0.02
regional_shock_cv = 0.01
region_level = "region"
overspend_repay_cap = 0.01
underspend_keep_cap = 0.005
)toml";
}

std::filesystem::path write_demo_inputs(const std::filesystem::path& dir) {
  const auto economy = generate_synthetic_economy(kDemoEconomy);
  write_synthetic_economy(economy, kDemoEconomy, dir);
  write_synthetic_governance(economy, kDemoEconomy.seed, dir);
  const auto components = demo_components(economy);
  for (const auto& c : components)
    write_file_atomically(dir / c.file, weights_csv(c));
  write_file_atomically(dir / "baseline.csv", baseline_csv(economy, components));
  write_file_atomically(dir / "scenario.toml", demo_scenario_text());
  return dir / "scenario.toml";
}

}  // namespace pco

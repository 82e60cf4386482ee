#include "sim/simulation_input.hpp"

#include <map>
#include <memory>

#include <fmt/format.h>

#include "commissioning/commissioning_scenario.hpp"
#include "core/error.hpp"
#include "demand/service_scenario.hpp"
#include "sim/contract_simulation.hpp"
#include "sim/memory_check.hpp"

namespace pco {

namespace {

// The regional-shock group of each holder: the organisation at `region_level` holding most of
// the holder's registered people (a holder normally lies inside one region).
void assign_regions(const Economy& economy, const std::string& level,
                    const std::string& region_level, SimulationInput& input) {
  const auto& configuration = economy.configuration;
  const auto index = configuration.level_index(region_level);
  if (!index) configuration.level(region_level);  // throws UsageError listing the levels
  for (const auto& org : configuration.levels()[*index].organisations)
    input.regions.push_back(org.code);
  const auto groups = holder_groups(economy, level);
  const auto& practices = economy.population.practices();
  for (std::size_t h = 0; h < groups.size(); ++h) {
    std::map<int, std::int64_t> people;
    for (auto p : groups[h].practices) {
      const int region = configuration.member_of(*index, p);
      if (region >= 0) people[region] += practices[p].list_size();
    }
    std::int64_t best = -1;
    for (const auto& [region, n] : people)
      if (n > best) {
        best = n;
        input.holders[h].region = region;
      }
  }
}

}  // namespace

SimulationInput build_simulation_input(const Economy& economy, const ServiceModel& model,
                                       const std::optional<AllocationRun>& allocation,
                                       const std::vector<Arrangement>& arrangements,
                                       const SimulationSettings& settings, HolderRiskOptions risk) {
  SimulationInput input;
  input.level = resolve_level(settings.level.empty() ? economy.default_level : settings.level,
                              economy.default_level);
  input.rules.overspend_repay_cap = settings.overspend_repay_cap;
  input.rules.underspend_keep_cap = settings.underspend_keep_cap;
  if (!settings.arrangement.empty()) {
    const Arrangement* chosen = nullptr;
    for (const auto& a : arrangements)
      if (a.name == settings.arrangement) chosen = &a;
    if (chosen == nullptr)
      throw UsageError(fmt::format("no arrangement \"{}\" in the scenario", settings.arrangement));
    if (chosen->type != ArrangementType::corridor)
      throw UsageError(fmt::format(
          "arrangement \"{}\": the simulation applies corridors only; pools and top-slices are "
          "one-year transforms (see pco risk --arrangement)",
          chosen->name));
    input.rules.corridor_band = chosen->band;
    input.rules.corridor_share = chosen->share;
  }
  risk.levels = {input.level};
  risk.hold_all = settings.hold_all;
  // The simulation draws the formula error and the shocks itself: it takes each holder's chance
  // distribution, computed as the holder's turn comes (not all at once here), and formula-error
  // sd.
  auto planned = std::make_shared<std::vector<PlannedHolder>>(
      plan_holders(economy, model, allocation, risk, input.level));
  for (auto& p : *planned)
    input.holders.push_back({p.risk.code,
                             p.risk.name,
                             p.risk.population,
                             p.risk.budget,
                             -1,
                             {},
                             p.risk.formula_sd,
                             {}});
  input.distributions = [planned, grid = risk.grid](std::size_t h, RiskWorkspace& workspace) {
    return chance_distribution((*planned)[h], grid, workspace).distribution;
  };
  if (!settings.region_level.empty())
    assign_regions(economy, input.level, settings.region_level, input);
  return input;
}

std::optional<SimulationResults> simulate_economy(const Scenario& scenario, const Economy& economy,
                                                  const ServiceModel& model,
                                                  const std::optional<AllocationRun>& allocation,
                                                  const SimulationSettings& settings,
                                                  const ProcessGroup& group, int threads,
                                                  const SimulationProgress& progress) {
  check_simulation_settings(settings);
  HolderRiskOptions risk;
  const auto risk_settings = read_risk_settings(scenario);
  risk.margin = risk_settings.margin;
  risk.sources = risk_settings.sources;
  const auto arrangements = read_arrangements(scenario, model, economy);
  auto input = build_simulation_input(economy, model, allocation, arrangements, settings, risk);
  if (settings.contracts && has_commissioning(scenario)) {
    CommissioningRunOptions options;
    options.margin = risk.margin;
    options.risk.keep_distributions = true;
    options.risk.threads = static_cast<unsigned>(std::max(1, threads));
    put_contracts_in_force(input, run_commissioning(scenario, economy, model, allocation, options));
  }
  check_simulation_memory(input.regions.size() + 1, settings.years, settings.replications, threads,
                          available_memory_bytes());
  return simulate(input, settings, group, threads, progress);
}

}  // namespace pco

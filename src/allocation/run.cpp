#include "allocation/run.hpp"

#include "allocation/rounding.hpp"

namespace pco {

AllocationRun run_allocation(const toml::table& document, const std::string& scenario_file,
                             const std::filesystem::path& base_dir, const Economy& economy,
                             const std::string& level) {
  const auto formula =
      read_formula(document, scenario_file, base_dir, economy.population, economy.configuration);
  DiagnosticList problems;
  const auto pace = read_pace(document, scenario_file, base_dir, problems);
  auto pools = read_pools(document, scenario_file, problems);
  problems.throw_if_any();

  AllocationRun run;
  run.targets = compute_practice_targets(formula, economy.population, economy.configuration);
  run.level = allocate_level(run.targets, economy.population, economy.configuration, level);
  if (pace) {
    run.pace = pace->rule;
    const auto baseline = read_baseline(pace->baseline_file, run.level);
    std::vector<long double> weights;
    for (const auto& org : run.level.organisations)
      weights.push_back(static_cast<long double>(org.target_pence));
    run.pace_years = run_pace(baseline, weights, pace->rule);
    const auto& last = run.pace_years.back();
    // The targets reported are the final year's: the formula's shares of that year's money.
    for (std::size_t i = 0; i < run.level.organisations.size(); ++i) {
      auto& org = run.level.organisations[i];
      const std::vector<long double> split(org.target_components.begin(),
                                           org.target_components.end());
      org.target_components = org.target_pence > 0 ? largest_remainder(last.target[i], split)
                                                   : std::vector<std::int64_t>(split.size(), 0);
      org.target_pence = last.target[i];
    }
    set_allocations(run.level, last.after);
  }
  apply_pools(pools, run.level, run.targets.ring_fenced);
  run.pools = std::move(pools);
  return run;
}

}  // namespace pco

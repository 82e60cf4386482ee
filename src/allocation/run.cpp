#include "allocation/run.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "allocation/rounding.hpp"
#include "core/error.hpp"

namespace pco {

AllocationRun run_allocation(const toml::table& document, const std::string& scenario_file,
                             const std::filesystem::path& base_dir, const Economy& economy,
                             const std::string& level, const CellValues* service_weights) {
  const WeightedNeed* weighted = economy.weighted_need ? &*economy.weighted_need : nullptr;
  const auto formula = read_formula(document, scenario_file, base_dir, economy.population,
                                    economy.configuration, weighted, service_weights);
  DiagnosticList problems;
  const auto pace = read_pace(document, scenario_file, base_dir, problems);
  auto pools = read_pools(document, scenario_file, problems);
  problems.throw_if_any();

  AllocationRun run;
  run.notes = formula.notes;
  run.need = need_basis(economy.population, economy.configuration, weighted);
  run.structure = formula.structure;
  run.implied = formula.implied;
  run.targets = compute_practice_targets(formula, economy.population, economy.configuration);
  run.level = allocate_level(run.targets, economy.population, economy.configuration, level);
  if (pace) {
    run.pace = pace->rule;
    run.pace_stream = pace->stream;
    std::optional<std::size_t> stream;
    if (!pace->stream.empty()) {
      for (std::size_t s = 0; s < run.targets.streams.size(); ++s)
        if (run.targets.streams[s] == pace->stream) stream = s;
      if (!stream) {
        throw InputError({scenario_file, 0, 0, "pace.stream", pace->stream,
                          fmt::format("a funding stream of the formula: {}",
                                      fmt::join(run.targets.streams, ", "))});
      }
    }
    const auto in_pace = [&](std::size_t c) {
      return !stream || run.targets.component_stream[c] == *stream;
    };
    const auto baseline = read_baseline(pace->baseline_file, run.level, pace->stream);
    std::vector<long double> weights;
    for (const auto& org : run.level.organisations) {
      long double w = 0;
      for (std::size_t c = 0; c < org.target_components.size(); ++c)
        if (in_pace(c)) w += static_cast<long double>(org.target_components[c]);
      weights.push_back(w);
    }
    run.pace_years = run_pace(baseline, weights, pace->rule);
    const auto& last = run.pace_years.back();
    // The targets reported are the final year's: the formula's shares of that year's money,
    // split over the paced components in proportion to their formula targets.
    std::vector<std::int64_t> totals;
    for (std::size_t i = 0; i < run.level.organisations.size(); ++i) {
      auto& org = run.level.organisations[i];
      std::vector<long double> split;
      for (std::size_t c = 0; c < org.target_components.size(); ++c)
        split.push_back(in_pace(c) ? static_cast<long double>(org.target_components[c]) : 0.0L);
      const bool any = std::any_of(split.begin(), split.end(), [](long double v) { return v > 0; });
      const auto paced = any ? largest_remainder(last.target[i], split)
                             : std::vector<std::int64_t>(split.size(), 0);
      std::int64_t target = 0;
      for (std::size_t c = 0; c < org.target_components.size(); ++c) {
        if (in_pace(c)) org.target_components[c] = paced[c];
        target += org.target_components[c];
      }
      org.target_pence = target;
      totals.push_back(target - last.target[i] + last.after[i]);
    }
    set_allocations(run.level, totals);
    if (stream) {
      // Money of the other streams stays where the formula puts it: only the paced stream's
      // allocation moves from its target.
      for (std::size_t i = 0; i < run.level.organisations.size(); ++i) {
        auto& org = run.level.organisations[i];
        std::vector<long double> split;
        for (std::size_t c = 0; c < org.target_components.size(); ++c)
          split.push_back(in_pace(c) ? static_cast<long double>(org.target_components[c]) : 0.0L);
        const bool any =
            std::any_of(split.begin(), split.end(), [](long double v) { return v > 0; });
        const auto paced = any ? largest_remainder(last.after[i], split)
                               : std::vector<std::int64_t>(split.size(), 0);
        for (std::size_t c = 0; c < org.target_components.size(); ++c)
          org.allocation_components[c] = in_pace(c) ? paced[c] : org.target_components[c];
      }
    }
  }
  apply_pools(pools, run.level, run.targets.ring_fenced);
  run.pools = std::move(pools);
  return run;
}

}  // namespace pco

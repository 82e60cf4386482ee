#pragma once
// The sources of a budget holder's risk: its annual cost is
//   chance (the compound sum of its services) × (1 + formula error) × (1 + shared shock),
// the three independent. Formula error is the holder's own, persistent: the expected cost its
// budget rests on misses its true expected cost (need the formula cannot see); it averages out
// over practices at the practice level and not at the area level. The shared shock is a
// year-level factor common to every holder (prices, winter, epidemics). Both factors are
// lognormal with mean 1. Defaults and their published sources: docs/risk-sources.md.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pco {

struct RiskSources {
  bool chance = true;
  bool formula = true;
  bool shock = true;
  // Relative sd of one practice's true expected cost around the formula's estimate, the part
  // independent between practices (with the area part: 4.3% for one practice, Dixon et al. 2011).
  double formula_practice_sd = 0.038;
  // Relative sd of the area-level part, shared by all of a holder's practices.
  double formula_area_sd = 0.02;
  // Relative sd (CV) of the year-level factor shared by every holder.
  double shock_sd = 0.01;
  // Where a holder has no practices of its own (the size curve), its list concentration is
  // effective_list / N (at most 1): England's list-weighted mean list size Σn²/Σn, January 2021.
  double effective_list = 13133;
};

// "chance,formula,shock" (any non-empty subset, any order) into the flags of `sources`.
// Throws UsageError naming every unknown or repeated source.
void parse_sources(const std::string& list, RiskSources& sources);
// The sources switched on, "chance,formula,shock" order.
std::string sources_list(const RiskSources& sources);
// One line for the head of a table: each source with its parameters.
std::string describe_sources(const RiskSources& sources);

// The sources and their parameters as JSON ("included", each flag, each parameter and a
// one-line "description"), and back (missing keys keep their defaults).
nlohmann::json sources_to_json(const RiskSources& sources);
RiskSources sources_from_json(const nlohmann::json& json);

// Σ (n_i / N)² over a holder's practices' list sizes n_i (1 for an empty list).
double list_concentration(const std::vector<std::int64_t>& lists);
// The holder's formula error, relative sd: √(area² + practice² · concentration); 0 when the
// formula source is off.
double formula_error_sd(const RiskSources& sources, double concentration);
// The shock's relative sd; 0 when the shock source is off.
double shock_error_sd(const RiskSources& sources);

}  // namespace pco

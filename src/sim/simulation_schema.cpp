#include "sim/simulation_schema.hpp"

namespace pco {

const std::vector<KeySpec>& simulation_schema() {
  static const std::vector<KeySpec> specs = {
      {"replications", TomlKind::integer},
      {"seed", TomlKind::integer},
      {"years", TomlKind::integer},
      {"budget_growth", TomlKind::number},
      {"demand_growth", TomlKind::number},
      {"overspend_repay_cap", TomlKind::number},
      {"underspend_keep_cap", TomlKind::number},
      {"shock_cv", TomlKind::number},
      {"regional_shock_cv", TomlKind::number},
      {"region_level", TomlKind::string},
      {"level", TomlKind::string},
      {"arrangement", TomlKind::string},
      {"hold_all", TomlKind::boolean},
      {"contracts", TomlKind::boolean},
  };
  return specs;
}

}  // namespace pco

#pragma once
// The governance part of the main job: when the scenario has a [governance] section, the
// board checks, leadership, autonomy, typology, survey and indicator tables of
// `pco governance`, `pco survey` and `pco indicators`, for the report.

#include <vector>

#include "allocation/economy.hpp"
#include "scenario/scenario.hpp"
#include "store/stored_table.hpp"

namespace pco {

// Empty when the scenario has no [governance] section. Throws InputError for bad inputs.
std::vector<TitledTable> governance_tables(const Scenario& scenario, const Economy& economy,
                                           const std::string& default_level);

}  // namespace pco

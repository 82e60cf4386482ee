#pragma once
// The `[simulation]` section of a scenario (docs/simulation.md).
#include <vector>

#include "scenario/toml_check.hpp"

namespace pco {

const std::vector<KeySpec>& simulation_schema();

}  // namespace pco

#pragma once

#include <vector>

#include "scenario/toml_check.hpp"

namespace pco {

// Every key a scenario file may contain, documented in docs/scenario.md.
const std::vector<KeySpec>& scenario_schema();

}  // namespace pco

#pragma once
// The [governance] section of the scenario file (docs/scenario.md, docs/governance.md).

#include <vector>

#include "scenario/toml_check.hpp"

namespace pco {

const std::vector<KeySpec>& governance_schema();

}  // namespace pco

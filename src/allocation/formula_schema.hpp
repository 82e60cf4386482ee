#pragma once
// Scenario keys of the allocation sections: [formula], [pace] and [[pool]].

#include <vector>

#include "scenario/toml_check.hpp"

namespace pco {

const std::vector<KeySpec>& formula_schema();
const std::vector<KeySpec>& pace_schema();
const std::vector<KeySpec>& pool_schema();

}  // namespace pco

#pragma once
// Scenario keys of the demand and risk sections: [[service]], [risk] and [[arrangement]].
#include <vector>

#include "scenario/toml_check.hpp"

namespace pco {

const std::vector<KeySpec>& service_schema();
const std::vector<KeySpec>& risk_schema();

}  // namespace pco

#pragma once

#include <vector>

#include "scenario/toml_check.hpp"

namespace pco {

// [report]: boundaries = "FILE.geojson", boundary_code = "PROPERTY".
const std::vector<KeySpec>& report_schema();

}  // namespace pco

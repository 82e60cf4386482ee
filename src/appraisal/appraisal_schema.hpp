#pragma once
// The `[appraisal]` section: parameters, their ranges and the `[[appraisal.alternative]]`
// configurations compared with the status quo (docs/scenario.md, docs/appraisal.md).
#include <vector>

#include "scenario/toml_check.hpp"

namespace pco {

const std::vector<KeySpec>& appraisal_schema();

}  // namespace pco

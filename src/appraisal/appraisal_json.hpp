#pragma once
// An appraisal as JSON: what `pco appraise --json` prints and the results store keeps.

#include <nlohmann/json.hpp>

#include "appraisal/appraisal.hpp"

namespace pco {

// {"configurations":[{"name", "organisations", "metrics", "npv", "break_even_year", ...}],
//  "tornado":[...], "best", "parameters", "notes"}; money in pounds, NaN metrics as null.
nlohmann::json appraisal_json(const AppraisalResults& results);

}  // namespace pco

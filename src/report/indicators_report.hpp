#pragma once
// Tables and JSON for indicator roll-ups.

#include <string>

#include <nlohmann/json.hpp>

#include "core/table.hpp"
#include "governance/indicators.hpp"

namespace pco {

// One row per unit of `level` (every level when "all"); "not computable" where 0/0.
TextTable indicators_table(const IndicatorRollup& rollup, const std::string& level);
// The 10th..90th percentiles of each indicator at `level` (every level when "all").
TextTable indicator_deciles_table(const IndicatorRollup& rollup, const std::string& level);
nlohmann::json indicators_json(const IndicatorRollup& rollup, const std::string& level);

}  // namespace pco

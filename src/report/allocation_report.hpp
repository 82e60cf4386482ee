#pragma once
// Views of an allocation run: a table for people, CSV for spreadsheets and JSON for tools.

#include <string>

#include <nlohmann/json.hpp>

#include "allocation/run.hpp"
#include "model/population.hpp"

namespace pco {

// "1,234,567.89" from pence.
std::string pounds_text(std::int64_t pence);

std::string allocation_table_text(const AllocationRun& run);
// One row per organisation; money in pence; one column per component.
std::string allocation_table_csv(const AllocationRun& run);
// {"level", "quantum_pence", "components":[…], "organisations":[{"code", "population",
//  "weighted_population", "need_index", "target_pence", "allocation_pence",
//  "distance_from_target_pct", "components":{name: pence}, …}], "pace", "pools", "total"};
// with `practices`, each organisation also lists its practices' indicative budgets.
nlohmann::json allocation_json(const AllocationRun& run, const Population& population,
                               const std::vector<PracticeBudget>* practices);

// Indicative practice budgets, one row per practice: CSV, or a JSON array.
std::string practice_budgets_csv(const AllocationRun& run, const Population& population,
                                 const std::vector<PracticeBudget>& practices);
nlohmann::json practice_budgets_json(const AllocationRun& run, const Population& population,
                                     const std::vector<PracticeBudget>& practices);

}  // namespace pco

#pragma once
// Puts a scenario's contracts in force in the multi-year simulation (`pco simulate`): each budget
// holder then pays, each year, what it owes at tariff outside its contracts plus every contract's
// payment on its own draw of activity, so that caps and floors are applied year by year to
// grown and shocked demand. docs/commissioning.md, "Caps over several years".
#include "commissioning/commissioning_run.hpp"
#include "sim/simulation.hpp"

namespace pco {

// `run` must have been computed with ContractRiskOptions::keep_distributions, at the level the
// simulation uses (its holders in the same order). With pathway shifts, the shifted state (the
// scenario as specified) is used. Throws UsageError when the levels differ.
void put_contracts_in_force(SimulationInput& input, const CommissioningRun& run);

}  // namespace pco

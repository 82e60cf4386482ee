#pragma once
// Appraisal alternatives that change how care is bought rather than who the organisations are:
// another form of contract (`[[appraisal.alternative.contract]]`, `default_payment`), a
// care-pathway shift (`[[appraisal.alternative.pathway_shift]]`) and the level-4 move, in which
// each organisation becomes the provider of its population's community services (`level4`).
// Each keeps the status quo's organisations; what it changes is the commissioners' expected
// payments, their 99% reserves with the contracts in force and the transition costs
// (docs/appraisal.md, "Commissioning alternatives").
#include <vector>

#include "appraisal/appraisal.hpp"

namespace pco {

// True when the alternative (a table of [[appraisal.alternative]]) changes commissioning.
bool is_commissioning_alternative(const toml::table& alternative);

// The scenario as the alternative would have it: its contracts, pathway shifts and default
// payment in place of the status quo's, and for `level4` a provider per organisation with the
// organisation's community services moved to it.
Scenario commissioning_variant(const Scenario& scenario, const Economy& economy,
                               const toml::table& alternative);

// Fills contract_saving (the fall in the commissioners' expected payments, £/yr),
// contract_reserve_change (Σ max(0, VaR99 − (1 + margin) × expected payments) with the
// contracts in force, alternative − status quo) and contract_transition (the pathway shifts'
// transition costs) of each commissioning alternative (configurations in candidate order, the
// status quo first).
void add_commissioning_changes(const Scenario& scenario, const Economy& economy,
                               const ServiceModel& model,
                               std::vector<ConfigurationAppraisal>& configurations);

}  // namespace pco

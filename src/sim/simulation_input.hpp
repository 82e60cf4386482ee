#pragma once
// The budget holders of a simulation, from an economy: each holder's exact one-year cost
// distribution and budget exactly as `pco risk` computes them, its regional-shock group and
// the corridor of the chosen [[arrangement]].
#include <optional>
#include <vector>

#include "allocation/economy.hpp"
#include "allocation/run.hpp"
#include "demand/service.hpp"
#include "holders/arrangements.hpp"
#include "holders/holder_risk.hpp"
#include "scenario/scenario.hpp"
#include "sim/simulation.hpp"

namespace pco {

// `risk` holds the options for compute_holder_risk (margin, need, grid); its levels, hold_all
// and keep_distributions are set from `settings`. Throws UsageError for an unknown level,
// region level or arrangement, or an arrangement the simulation cannot apply.
SimulationInput build_simulation_input(const Economy& economy, const ServiceModel& model,
                                       const std::optional<AllocationRun>& allocation,
                                       const std::vector<Arrangement>& arrangements,
                                       const SimulationSettings& settings,
                                       HolderRiskOptions risk = {});

// The whole simulation of a scenario's economy in a process group: the holders (with the
// scenario's [risk] margin and [[arrangement]]s, and paying through its contracts when it has
// any and settings.contracts is set), each rank's share of the holders with
// `threads` threads, and the summaries at rank 0; nullopt on the other ranks.
std::optional<SimulationResults> simulate_economy(const Scenario& scenario, const Economy& economy,
                                                  const ServiceModel& model,
                                                  const std::optional<AllocationRun>& allocation,
                                                  const SimulationSettings& settings,
                                                  const ProcessGroup& group, int threads,
                                                  const SimulationProgress& progress = {});

}  // namespace pco

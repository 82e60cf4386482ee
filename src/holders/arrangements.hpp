#pragma once
// Risk-sharing arrangements ([[arrangement]] in a scenario) and each budget holder's risk with
// one in place, plus the risk of the pool or parent that takes the shared part.
// docs/risk-holders.md, "Arrangements".
#include <optional>
#include <string>
#include <vector>

#include "allocation/economy.hpp"
#include "allocation/run.hpp"
#include "demand/service.hpp"
#include "holders/holder_risk.hpp"
#include "scenario/scenario.hpp"

namespace pco {

enum class ArrangementType { high_cost_pool, top_slice, corridor, federation };

struct Arrangement {
  std::string name;
  ArrangementType type = ArrangementType::high_cost_pool;
  // Where the pool, contingency or corridor partner sits; for a federation, the level of its
  // members.
  std::string level;
  double threshold = 0;  // high-cost pool: £ per case
  double share = 0;      // top-slice: fraction of budget; corridor: parent's share of the excess
  double band = 0;       // corridor: overspend the holder bears alone, fraction of budget
  std::vector<std::string> services;  // pooled services (empty: all)
  std::vector<std::string> members;   // federation: organisation codes at `level`
  std::size_t line = 0;
  std::size_t column = 0;
};

// Reads and checks every [[arrangement]]; throws InputError listing all problems (unknown type,
// level, service or member; threshold <= 0; share outside (0, 1]; band < 0).
std::vector<Arrangement> read_arrangements(const Scenario& scenario, const ServiceModel& model,
                                           const Economy& economy);

struct ArrangementResult {
  Arrangement arrangement;
  HolderRiskResults without;      // the holders as they are
  HolderRiskResults with;         // the same holders with the arrangement
  std::vector<HolderRisk> pools;  // the pool / contingency / corridor partner / federation pool
};

ArrangementResult apply_arrangement(const Economy& economy, const ServiceModel& model,
                                    const std::optional<AllocationRun>& allocation,
                                    const HolderRiskOptions& options,
                                    const Arrangement& arrangement);

}  // namespace pco

#include "sim/contract_simulation.hpp"

#include <fmt/format.h>

#include "commissioning/grid_transform.hpp"
#include "core/error.hpp"

namespace pco {

void put_contracts_in_force(SimulationInput& input, const CommissioningRun& run) {
  if (input.level != run.set.level || input.holders.size() != run.set.holders.size())
    throw UsageError(fmt::format(
        "the scenario's contracts are held at level {}; simulate that level to put them in force "
        "([simulation] level), or simulate without them ([simulation] contracts = false, or "
        "--no-contracts)",
        run.set.level));
  const auto& state = run.after ? *run.after : run.state;
  const auto& terms = run.after ? run.terms_after : run.terms;
  for (std::size_t h = 0; h < input.holders.size(); ++h) {
    auto& holder = input.holders[h];
    if (holder.code != run.set.holders[h].code)
      throw UsageError("simulation holders and contract holders differ: " + holder.code);
    const auto& tariff = state.commissioners[h].tariff_distribution;
    holder.distribution = tariff.pmf.empty() ? point_mass(0) : tariff;
    holder.contracts.clear();
  }
  for (std::size_t k = 0; k < run.set.contracts.size(); ++k) {
    const auto& t = terms[k];
    SimulationContract c;
    c.fixed = t.fixed;
    c.rate = t.rate;
    c.plan = t.plan;
    c.floor = t.floor;
    c.cap = t.cap;
    const auto& x1 = state.contracts[k].x1;
    c.activity = t.rate != 0 && !x1.pmf.empty() ? x1 : point_mass(0);
    input.holders[run.set.contracts[k].holder].contracts.push_back(std::move(c));
  }
}

}  // namespace pco

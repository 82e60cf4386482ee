// P(provider loss) read from the grids as the continuous distributions they discretise, against
// a reference on grids 16 times finer; and the provider's totals where a contract's margin is
// exactly 0 over a range of activity (tariff = unit cost below a cap), which the provider's sum
// must keep as an atom, not read as mass near 0.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "commissioning/commissioning_run.hpp"
#include "commissioning/contract_risk.hpp"
#include "commissioning/grid_transform.hpp"
#include "demand/service_scenario.hpp"
#include "economy/load_economy.hpp"
#include "risk/measures.hpp"
#include "scenario_file/scenario_file.hpp"

namespace pco {
namespace {

constexpr double kFine = 16;  // the reference grids' knots per sd, as a multiple of the default

struct Groups {
  ServiceModel model = default_service_model();
  std::size_t service(const char* name) const {
    std::size_t s = 0;
    while (model.services[s].name != name)
      ++s;
    return s;
  }
  // The activity at tariff of `events` expected events of a service, on the default grid or on
  // one `refine` times finer.
  GroupDistribution group(const char* name, double events, double refine = 1) {
    ActivityGroup g;
    g.add(service(name), 1, events);
    GridSettings grid;
    grid.knots_per_sd *= refine;
    RiskWorkspace workspace;
    return group_distribution(model, g, severities, grid, workspace);
  }
  SeverityTable severities;
};

GroupDistribution nothing() {
  GroupDistribution none;
  none.distribution = point_mass(0);
  return none;
}

// An activity contract at tariff = unit cost (v = 1, ρ = 1) capped at `cap`: the margin is
// min(X, cap) − X, exactly 0 below the cap, so P(loss) = P(X > cap).
ContractTerms capped_at(double cap, double plan) {
  ContractTerms t;
  t.rate = 1;
  t.plan = t.fixed = plan;
  t.cap = cap;
  return t;
}

TEST(ContractLossReading, ACapBetweenKnotsIsReadInsideItsCell) {
  Groups g;
  const auto x = g.group("elective", 600);
  const auto fine = g.group("elective", 600, kFine);
  const auto& d = x.distribution;
  // A cap a quarter of a knot past the knot nearest mean + 0.3 sd: the knots alone put it at
  // the cell's edge, a quarter of a knot's mass away.
  const double near = std::round((x.mean + 0.3 * std::sqrt(x.variance)) / d.step) * d.step;
  const double cap = near + 0.25 * d.step;
  const auto r = evaluate_contract(capped_at(cap, x.mean), 1.0, false, x, nothing());
  const double reference = histogram_exceedance(fine.distribution, cap);
  const double knots_alone = exceedance(d, cap);
  // The grid read as a histogram is good to O(step²): 2.0e-4 here, where reading the knots
  // alone erred by 1.2e-3 (a quarter of the knot's mass).
  EXPECT_NEAR(r.p_loss, reference, 3e-4) << "reference on a grid 16x finer";
  EXPECT_GT(std::fabs(knots_alone - reference), 4 * std::fabs(r.p_loss - reference))
      << "knots alone " << knots_alone;
  EXPECT_NEAR(r.p_margin_zero, 1 - r.p_loss, 1e-12);  // below the cap the margin is exactly 0
}

TEST(ContractLossReading, ABlockContractReadsBothGroupsAsDistributions) {
  // A block of F for two groups of activity at ρ = 0.95: loss when 0.95 (X₁ + X₂) > F.
  Groups g;
  const auto x1 = g.group("elective", 400);
  const auto x2 = g.group("outpatient", 9000);
  const double mean = x1.mean + x2.mean;
  const double sd = std::sqrt(x1.variance + x2.variance);
  constexpr double kRho = 0.95;
  ContractTerms block;
  block.rate = 0;
  block.fixed = block.plan = kRho * (mean + 0.5 * sd);
  const auto r = evaluate_contract(block, kRho, false, x1, x2);
  // Reference: X₁ + X₂ convolved on a step of sd / (64 · 16), read at F / ρ.
  const auto fine1 = g.group("elective", 400, kFine);
  const auto fine2 = g.group("outpatient", 9000, kFine);
  const double step = sd / (GridSettings{}.knots_per_sd * kFine);
  const auto sum = sum_on_step({fine1.distribution, fine2.distribution}, step);
  const double reference = histogram_exceedance(sum, block.fixed / kRho);
  // 2.8e-4 here: the grids' own O(step²). (Reading x₁ at its knots and x₂'s survival as a step
  // function erred as much here, not more: over the knots of x₁ the threshold falls at every
  // offset within x₂'s cells and the half-knot errors cancel. Where the margin is a function
  // of x₁ alone they cannot, as above.)
  EXPECT_NEAR(r.p_loss, reference, 4e-4);
  EXPECT_GT(r.p_loss, 0.25);
  EXPECT_LT(r.p_loss, 0.4);
  EXPECT_EQ(r.p_margin_zero, 0);  // a continuous margin has no atom
}

// Two commissioners each hold an aligned contract with v = 1 and a cap with the same provider
// at tariff = unit cost: its margin is the sum of two margins, each exactly 0 below its cap,
// so P(provider loss) = 1 − (1 − p₁)(1 − p₂). Before, a provider with capped contracts at
// v = ρ had no step for its sum (the uncapped forms' margins have no variance) and reported
// P(loss) = 100%.
TEST(ContractLossReading, AProvidersSumKeepsTheAtomAtZero) {
  const char* text = R"(
schema_version = 1
[synthetic]
seed = 7
practices = 150

[[contract]]
commissioner = "SO001"
provider = "SA01"
payment = "aligned"
variable_rate = 1
cap_ratio = 1.02

[[contract]]
commissioner = "SO003"
provider = "SA01"
payment = "aligned"
variable_rate = 1
cap_ratio = 1.02
)";
  const auto scenario = parse_scenario(text, "atoms.toml", ".");
  const auto model = read_service_model(scenario);
  const auto economy = load_economy(scenario);
  const auto run = run_commissioning(scenario, economy, model, std::nullopt, {});
  ASSERT_EQ(run.state.contracts.size(), 2u);
  double no_loss = 1;
  for (const auto& c : run.state.contracts) {
    EXPECT_GT(c.p_loss, 0.05);
    EXPECT_GT(c.p_margin_zero, 0.5);
    no_loss *= 1 - c.p_loss;
  }
  const ProviderResult* provider = nullptr;
  for (const auto& p : run.state.providers)
    if (p.contracts == 2) provider = &p;
  ASSERT_NE(provider, nullptr);
  EXPECT_LT(provider->expected_margin, 0);
  EXPECT_NEAR(provider->p_loss, 1 - no_loss, 1e-5)  // 2.7e-6: both away from 0, read at 0
      << "contracts' P(loss) " << run.state.contracts[0].p_loss << ", "
      << run.state.contracts[1].p_loss;
}

}  // namespace
}  // namespace pco

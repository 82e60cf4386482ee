// The identities every payment rule must satisfy, on the synthetic economy (the same checks on
// the real map are in tests/integration/commissioning_real_data_test.cpp).
#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "commissioning/commissioning_run.hpp"
#include "commissioning/grid_transform.hpp"
#include "core/random.hpp"
#include "demand/service_scenario.hpp"
#include "economy/load_economy.hpp"
#include "risk/alias_table.hpp"
#include "risk/measures.hpp"
#include "scenario_file/scenario_file.hpp"

namespace pco {
namespace {

const char* kScenario = R"(
schema_version = 1
[synthetic]
seed = 7
practices = 150

[[contract]]
name = "tariff"
commissioner = "SO001"
provider_kind = "acute"
payment = "activity"

[[contract]]
name = "block"
commissioner = "SO002"
provider_kind = "acute"
payment = "block"

[[contract]]
name = "aligned"
commissioner = "SO003"
provider_kind = "acute"
payment = "aligned"
variable_rate = 0.3

[[contract]]
name = "capitation"
commissioner = "SO004"
provider = "SC01"
payment = "capitation"

[[contract]]
name = "year of care"
commissioner = "SO005"
provider = "SC01"
services = ["community"]
payment = "year_of_care"
prevalence = 0.1
)";

struct Fixture {
  Scenario scenario = parse_scenario(kScenario, "identities.toml", ".");
  ServiceModel model = read_service_model(scenario);
  Economy economy = load_economy(scenario);
  CommissioningRun run;
  Fixture() {
    CommissioningRunOptions options;
    options.risk.keep_distributions = true;
    run = run_commissioning(scenario, economy, model, std::nullopt, options);
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

TEST(ContractIdentities, EveryRuleSplitsTheRiskAsItShould) {
  const auto& run = fixture().run;
  std::map<std::string, int> seen;
  for (std::size_t k = 0; k < run.set.contracts.size(); ++k) {
    const auto& c = run.set.contracts[k];
    const auto& r = run.state.contracts[k];
    if (!c.spec) continue;
    ++seen[c.name];
    const double sd = r.sd_activity;
    const double tol = 1e-12 * std::max(1.0, sd);
    ASSERT_GT(sd, 0) << c.name << " " << c.commissioner;
    // Every contract here is priced at its expected activity, and what the commissioner pays the
    // provider receives.
    EXPECT_NEAR(r.expected_payment, r.expected_activity, 1e-9 * r.expected_activity) << c.name;
    if (c.name == "tariff") {
      EXPECT_NEAR(r.sd_payment, sd, tol);
      EXPECT_EQ(r.sd_margin, 0);  // tariff = unit cost (cost ratio 1)
      EXPECT_EQ(r.p_loss, 0);
      EXPECT_NEAR(r.commissioner_share, 1, 1e-12);
    } else if (c.name == "block") {
      EXPECT_EQ(r.sd_payment, 0);
      EXPECT_NEAR(r.sd_margin, sd, tol);
      EXPECT_EQ(r.commissioner_share, 0);
      EXPECT_GT(r.p_loss, 0.3);
      EXPECT_LT(r.p_loss, 0.7);
    } else if (c.name == "aligned") {
      EXPECT_NEAR(r.sd_payment, 0.3 * sd, tol);
      EXPECT_NEAR(r.sd_margin, 0.7 * sd, tol);
      EXPECT_NEAR(r.commissioner_share, 0.3, 1e-12);
      // The same on the grid, knot by knot of the activity's exact distribution.
      const auto pm = transform_moments(r.x1, [&](double x) { return r.terms.payment(x); });
      const double grid_sd = grid_moments(r.x1).sd;
      EXPECT_NEAR(std::sqrt(pm.variance), 0.3 * grid_sd, 1e-9 * grid_sd);
    } else {
      // Capitation and year of care: the commissioner's payment is certain, the provider bears
      // all of the population's activity of the services.
      EXPECT_EQ(r.sd_payment, 0);
      EXPECT_NEAR(r.sd_margin, sd, tol);
      EXPECT_EQ(r.commissioner_share, 0);
    }
  }
  EXPECT_GE(seen["tariff"], 1);
  EXPECT_GE(seen["block"], 1);
  EXPECT_GE(seen["aligned"], 1);
  EXPECT_EQ(seen["capitation"], 1);
  EXPECT_EQ(seen["year of care"], 1);
}

TEST(ContractIdentities, CapitationIsABlockAtThePopulationLevel) {
  const auto& run = fixture().run;
  for (std::size_t k = 0; k < run.set.contracts.size(); ++k) {
    const auto& c = run.set.contracts[k];
    if (c.name != "capitation") continue;
    const auto& holder = run.state.commissioners[c.holder];
    const auto& r = run.state.contracts[k];
    // It covers every service the organisation holds, wherever delivered: the provider's margin
    // varies exactly as the whole population's cost at tariff.
    EXPECT_EQ(run.set.holders[c.holder].code, "SO004");
    EXPECT_NEAR(r.sd_margin, holder.exact_sd_at_tariff, 1e-9 * holder.exact_sd_at_tariff);
    EXPECT_NEAR(r.expected_activity, holder.expected_at_tariff, 1e-9 * holder.expected_at_tariff);
    // The commissioner is left with no risk at all.
    EXPECT_EQ(holder.exact_sd_with_contracts, 0);
    EXPECT_EQ(holder.with_contracts.p_overspend_5pct, 0);
  }
}

TEST(ContractIdentities, WhatCommissionersPayProvidersReceive) {
  const auto& run = fixture().run;
  double paid = 0, received = 0, at_tariff_paid = 0, at_tariff_all = 0;
  for (const auto& h : run.state.commissioners) {
    paid += h.expected_contract_payment;
    at_tariff_paid += h.expected_tariff_payment;
    at_tariff_all += h.expected_at_tariff;
  }
  for (const auto& p : run.state.providers)
    received += p.expected_contract_income;
  EXPECT_NEAR(paid, received, 1e-12 * paid);
  // Every contract is priced at expected activity, so in expectation the commissioners pay what
  // all activity at tariff would cost.
  EXPECT_NEAR(paid + at_tariff_paid, at_tariff_all, 1e-9 * at_tariff_all);
  // Paying tariff for activity leaves the commissioner's risk as it was; every other rule takes
  // some of it off the commissioner.
  for (const auto& h : run.state.commissioners) {
    const auto& code = run.set.holders[h.holder].code;
    if (h.contracts == 0 || code == "SO001")
      EXPECT_NEAR(h.exact_sd_with_contracts, h.exact_sd_at_tariff, 1e-9 * h.exact_sd_at_tariff)
          << code;
    else
      EXPECT_LT(h.exact_sd_with_contracts, (1 - 1e-6) * h.exact_sd_at_tariff) << code;
  }
}

// Every draw settles every contract twice, once in the commissioners' books and once in the
// providers', and the two agree; each provider's margin plus its cost is what it was paid.
TEST(ContractIdentities, ConservationInEveryDraw) {
  const auto& run = fixture().run;
  const auto& contracts = run.set.contracts;
  std::vector<AliasTable> x1, x2;
  for (const auto& r : run.state.contracts) {
    x1.emplace_back(r.x1.pmf);
    x2.emplace_back(r.x2.pmf);
  }
  for (std::uint64_t draw = 0; draw < 500; ++draw) {
    std::vector<double> paid(run.set.holders.size(), 0.0);
    std::vector<double> received(run.model.providers.size(), 0.0);
    double total_cost = 0, total_margin = 0;
    for (std::size_t k = 0; k < contracts.size(); ++k) {
      RandomStream random(99, draw, k, 0);
      const auto& r = run.state.contracts[k];
      const double a = r.x1.knot(x1[k].sample(random));
      const double b = r.x2.knot(x2[k].sample(random));
      const double payment = r.terms.payment(a);
      paid[contracts[k].holder] += payment;
      received[contracts[k].provider] += payment;
      // The provider's books: its cost of care (a prime contractor pays the others at tariff).
      const double rho = run.model.providers[contracts[k].provider].cost_ratio;
      const double cost = is_prime(contracts[k].payment) ? rho * a + b : rho * (a + b);
      total_cost += cost;
      total_margin += payment - cost;
    }
    double commissioners = 0, providers = 0;
    for (const double v : paid)
      commissioners += v;
    for (const double v : received)
      providers += v;
    EXPECT_NEAR(commissioners, providers, 1e-6) << draw;
    EXPECT_NEAR(total_cost + total_margin, commissioners, 1e-6) << draw;
  }
}

TEST(ContractIdentities, ResultsDoNotDependOnThreads) {
  const auto& f = fixture();
  CommissioningRunOptions one;
  one.risk.threads = 1;
  const auto a = run_commissioning(f.scenario, f.economy, f.model, std::nullopt, one);
  const auto& b = f.run;
  ASSERT_EQ(a.state.contracts.size(), b.state.contracts.size());
  for (std::size_t k = 0; k < a.state.contracts.size(); ++k) {
    EXPECT_EQ(a.state.contracts[k].expected_payment, b.state.contracts[k].expected_payment);
    EXPECT_EQ(a.state.contracts[k].p_loss, b.state.contracts[k].p_loss);
    EXPECT_EQ(a.state.contracts[k].margin_q05, b.state.contracts[k].margin_q05);
  }
  for (std::size_t i = 0; i < a.state.providers.size(); ++i)
    EXPECT_EQ(a.state.providers[i].p_loss, b.state.providers[i].p_loss);
}

}  // namespace
}  // namespace pco

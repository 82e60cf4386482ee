// The worked pathway example (examples/pathway, docs/commissioning.md): the money moved and the
// change in the commissioner's expected cost match the hand calculation to the penny.
#include <cmath>

#include <gtest/gtest.h>

#include "commissioning/commissioning_run.hpp"
#include "demand/service_scenario.hpp"
#include "economy/load_economy.hpp"
#include "scenario_file/scenario_file.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

std::filesystem::path example(const std::string& name) {
  return std::filesystem::path(PCO_TEST_DATA_DIR) / ".." / ".." / "examples" / "pathway" / name;
}

CommissioningRun run_example(const std::string& name) {
  const auto scenario = load_scenario(example(name));
  const auto model = read_service_model(scenario);
  const auto economy = load_economy(scenario);
  return run_commissioning(scenario, economy, model, std::nullopt);
}

double expected_payment(const CommissionerResult& c) {
  return c.expected_contract_payment + c.expected_tariff_payment;
}

constexpr double kPenny = 0.005;

TEST(PathwayExample, MovesSixHundredThousandPoundsAndSavesOneHundredAndTwentyThousand) {
  const auto run = run_example("scenario.toml");
  // 100,000 people × 1.6 attendances = 160,000 a year, all at the acute trust.
  ASSERT_EQ(run.movements.size(), 1u);
  const auto& m = run.movements[0];
  EXPECT_NEAR(m.events, 4800, 1e-6);           // 3% of 160,000
  EXPECT_NEAR(m.money, 600000.00, kPenny);     // 4,800 × (0.25 × £200 + 0.75 × £100 = £125)
  EXPECT_NEAR(m.new_cost, 480000.00, kPenny);  // × 0.8 at the community clinics
  ASSERT_TRUE(run.after);
  const auto& before = run.state.commissioners[0];
  const auto& after = run.after->commissioners[0];
  // Before: 160,000 × £125 at tariff + the community block of 100,000 × £80.
  EXPECT_NEAR(expected_payment(before), 28000000.00, kPenny);
  // After: 155,200 × £125 + a block rebased to £8,000,000 + £480,000.
  EXPECT_NEAR(expected_payment(after), 27880000.00, kPenny);
  EXPECT_NEAR(expected_payment(after) - expected_payment(before), -120000.00, kPenny);
  // The moved activity now sits in the block: the commissioner's risk falls and the community
  // provider's rises.
  EXPECT_LT(after.exact_sd_with_contracts, before.exact_sd_with_contracts);
  double sd_before = 0, sd_after = 0;
  for (const auto& p : run.state.providers)
    if (run.model.providers[p.provider].code == "CX1") sd_before = p.sd_margin;
  for (const auto& p : run.after->providers)
    if (run.model.providers[p.provider].code == "CX1") sd_after = p.sd_margin;
  EXPECT_GT(sd_after, sd_before);
}

TEST(PathwayExample, WhenTheAcutePlanIsNotRebasedTheMoneyDoesNotFollow) {
  const auto run = run_example("not_rebased.toml");
  ASSERT_TRUE(run.after);
  // The aligned contract still pays its fixed £20,000,000 less half the tariff of the 4,800
  // attendances that left (£300,000), and the block rises by £480,000: +£180,000 a year.
  const double change =
      expected_payment(run.after->commissioners[0]) - expected_payment(run.state.commissioners[0]);
  EXPECT_NEAR(change, 180000.00, kPenny);
  for (std::size_t k = 0; k < run.set.contracts.size(); ++k) {
    if (run.model.providers[run.set.contracts[k].provider].code == "RXA") {
      EXPECT_NEAR(run.after->contracts[k].expected_margin, 300000.00, kPenny);
    }
  }
}

}  // namespace
}  // namespace pco

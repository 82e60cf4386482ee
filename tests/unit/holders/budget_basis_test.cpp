// One budget basis (docs/risk-holders.md, "Budgets"): with a [formula] every holder's budget is
// its allocation in pence, the same pence `pco allocate` gives, at the allocation's level, above
// it (sums) and after pace of change; the allocation is reconciled with the service model and a
// disagreement beyond kQuantumModelTolerance is a warning naming its size.
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include "../../scratch_dir.hpp"
#include "../allocation/allocation_fixture.hpp"
#include "allocation/run.hpp"
#include "holders/budget_basis.hpp"
#include "holders/holder_risk.hpp"

namespace pco {
namespace {

Economy fixture() {
  return test::small_economy_with_default_level();
}

ServiceLine line(const char* name, double rate, double mean, const char* level) {
  ServiceLine s;
  s.name = name;
  s.rates.fill(rate);
  s.phi = 0.5;
  s.severity = Severity::gamma(2, mean / 2);
  s.level = level;
  return s;
}

// 400 people: spells 0.3 × £2,000 = £240,000; drugs 2 × £50 = £40,000 a year nationally.
ServiceModel model(const char* drugs_level = "organisation") {
  ServiceModel m;
  m.source = "test";
  m.services.push_back(line("spells", 0.3, 2000, "organisation"));
  m.services.push_back(line("drugs", 2.0, 50, drugs_level));
  return m;
}

// Two components so that targets differ from a per-head split: prescribing weights age.
constexpr const char* kFormula = R"(
[formula]
quantum_pence = 28000000
[[formula.component]]
name = "hospital"
share = 0.7
weights = "flat"
[[formula.component]]
name = "prescribing"
share = 0.3
weights = "astro_pu_2013"
)";

AllocationRun allocate(const Economy& e, const std::string& text, const std::string& level,
                       const std::filesystem::path& base = ".") {
  return run_allocation(toml::parse(text), "scenario.toml", base, e, level);
}

TEST(BudgetBasis, BudgetsAreTheAllocationInPenceAtEveryLevel) {
  const auto e = fixture();
  const auto run = allocate(e, kFormula, "organisation");
  HolderRiskOptions options;
  options.levels = {"organisation", "region", "practice"};
  options.hold_all = true;
  const auto r = compute_holder_risk(e, model(), run, options);
  ASSERT_EQ(r.holders.size(), 2u + 1u + 3u);
  // Organisations: exactly the allocation of `pco allocate` (allocate_level), pence for pence.
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(r.holders[i].code, run.level.organisations[i].code);
    EXPECT_EQ(r.holders[i].budget_pence, run.level.organisations[i].allocation_pence);
    EXPECT_DOUBLE_EQ(r.holders[i].budget, r.holders[i].budget_pence / 100.0);
  }
  // The region: the whole quantum; practices: their targets.
  EXPECT_EQ(r.holders[2].budget_pence, 28'000'000);
  const auto region = allocate(e, kFormula, "region");
  EXPECT_EQ(r.holders[2].budget_pence, region.level.organisations[0].allocation_pence);
  for (std::size_t p = 0; p < 3; ++p) {
    std::int64_t target = 0;
    for (const auto& c : run.targets.pence)
      target += c[p];
    EXPECT_EQ(r.holders[3 + p].budget_pence, target) << p;
  }
  // The model's view stays beside it.
  EXPECT_NEAR(r.holders[2].expected_cost, 280'000, 1e-6);
  EXPECT_EQ(r.budget_source, "allocation");
}

TEST(BudgetBasis, ALevelHoldingSomeServicesGetsTheirShareOfTheAllocation) {
  const auto e = fixture();
  const auto run = allocate(e, kFormula, "organisation");
  // Spells held by organisations (£240,000 of £280,000), drugs by the region.
  const auto r = compute_holder_risk(e, model("region"), run, {});
  ASSERT_EQ(r.levels, (std::vector<std::string>{"organisation", "region"}));
  std::int64_t organisations = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    organisations += r.holders[i].budget_pence;
    // Each organisation's budget is its allocation × 240/280, within a penny.
    EXPECT_NEAR(static_cast<double>(r.holders[i].budget_pence),
                static_cast<double>(run.level.organisations[i].allocation_pence) * 240.0 / 280.0,
                1.0);
  }
  EXPECT_EQ(organisations, 24'000'000);
  EXPECT_EQ(r.holders[2].budget_pence, 4'000'000);
  // The levels' budgets add up to the allocation.
  EXPECT_EQ(organisations + r.holders[2].budget_pence, 28'000'000);
}

class BudgetBasisPace : public test::ScratchDirTest {};

TEST_F(BudgetBasisPace, AfterPaceOfChangeTheBudgetIsTheYearsAllocation) {
  const auto e = fixture();
  write("baseline.csv", "code,allocation_pence\nO1,13000000\nO2,14000000\n");
  const std::string text = std::string(kFormula) + R"(
[pace]
baseline_file = "baseline.csv"
growth = 0.03
years = 1
floor = 0.01
)";
  const auto run = allocate(e, text, "organisation", dir_);
  ASSERT_EQ(run.pace_years.size(), 1u);
  HolderRiskOptions options;
  options.levels = {"organisation", "region"};
  options.hold_all = true;
  const auto r = compute_holder_risk(e, model(), run, options);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(r.holders[i].budget_pence, run.level.organisations[i].allocation_pence);
    EXPECT_EQ(r.holders[i].budget_pence, run.pace_years[0].after[i]);
  }
  EXPECT_EQ(r.holders[2].budget_pence, run.pace_years[0].total_pence);
  EXPECT_EQ(r.reconciliation.allocation_pence, run.pace_years[0].total_pence);
}

TEST(BudgetBasis, TheAllocationIsReconciledWithTheModelAndAGapIsAWarning) {
  const auto e = fixture();
  // £280,000 against the model's £280,000: no gap, no warning.
  const auto agree =
      reconcile_budgets(e, model(), allocate(e, kFormula, "organisation"), 0.0, {}, "");
  EXPECT_TRUE(agree.from_allocation);
  EXPECT_EQ(agree.allocation_pence, 28'000'000);
  EXPECT_NEAR(agree.expected_cost, 280'000, 1e-6);
  EXPECT_NEAR(agree.gap, 0, 1e-6);
  EXPECT_FALSE(agree.warning);
  ASSERT_EQ(agree.services.size(), 2u);
  EXPECT_NEAR(agree.services[0].expected_cost, 240'000, 1e-6);
  EXPECT_EQ(agree.services[1].level, "organisation");
  // 2.9% below: within the tolerance.
  std::string near = kFormula;
  near.replace(near.find("28000000"), 8, "27188000");
  EXPECT_FALSE(reconcile_budgets(e, model(), allocate(e, near, "organisation"), 0, {}, "").warning);
  // 20% below: a warning that names both totals and the gap.
  std::string low = kFormula;
  low.replace(low.find("28000000"), 8, "22400000");
  const auto gap = reconcile_budgets(e, model(), allocate(e, low, "organisation"), 0, {}, "");
  EXPECT_NEAR(gap.gap, -56'000, 1e-6);
  EXPECT_NEAR(gap.gap_pct, -20, 1e-9);
  ASSERT_TRUE(gap.warning);
  EXPECT_NE(gap.warning->find("£224k"), std::string::npos) << *gap.warning;
  EXPECT_NE(gap.warning->find("£280k"), std::string::npos) << *gap.warning;
  EXPECT_NE(gap.warning->find("£56.0k"), std::string::npos) << *gap.warning;
  EXPECT_NE(gap.warning->find("20.0%"), std::string::npos) << *gap.warning;
}

TEST(BudgetBasis, WithoutAFormulaTheBudgetIsExpectedCostTimesOnePlusMargin) {
  const auto e = fixture();
  const auto r = reconcile_budgets(e, model(), std::nullopt, 0.02, {}, "");
  EXPECT_FALSE(r.from_allocation);
  EXPECT_FALSE(r.warning);
  EXPECT_NEAR(r.gap, 0.02 * 280'000, 1e-6);
  EXPECT_NE(r.explanation.find("expected cost × (1 + margin 0.02)"), std::string::npos)
      << r.explanation;
  HolderRiskOptions options;
  options.margin = 0.02;
  const auto h = compute_holder_risk(e, model(), std::nullopt, options);
  EXPECT_NEAR(h.holders[0].budget, h.holders[0].expected_cost * 1.02, 1e-6);
  EXPECT_EQ(h.budget_source, "expected cost x (1 + 0.02)");
}

TEST(BudgetBasis, AllocationBudgetsSplitAShareByLargestRemainder) {
  const std::vector<std::int64_t> money = {101, 202, 303, 0};
  const std::vector<std::vector<std::size_t>> holders = {{0, 1}, {2}, {3}};
  EXPECT_EQ(allocation_budgets(money, holders, 1.0), (std::vector<std::int64_t>{303, 303, 0}));
  const auto half = allocation_budgets(money, holders, 0.5);
  EXPECT_EQ(std::accumulate(half.begin(), half.end(), std::int64_t{0}), 303);
  EXPECT_EQ(half, (std::vector<std::int64_t>{152, 151, 0}));  // tie to the lower index
}

}  // namespace
}  // namespace pco

// The focus organisation's own appraisal (docs/appraisal.md, "Your organisation"): its share of
// the organisations its people end up in; the organisations' NPVs add up to the configuration's
// at the base parameters and in every parameter draw; budgets are the allocation.
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "appraisal/appraisal.hpp"
#include "test_support.hpp"
#include "unit/appraisal/appraisal_fixture.hpp"

namespace pco {
namespace {

constexpr const char* kAlternatives = R"(
[[appraisal.alternative]]
name = "merge O1 and O2"
[[appraisal.alternative.merge]]
codes = ["O1", "O2"]
code = "O12"
name = "O1 and O2"
[[appraisal.alternative]]
name = "one cluster"
level = "cluster"
[[appraisal.alternative]]
name = "federation"
federate_within = "cluster"
shared_functions = ["management", "back_office"]
shared_risk_pool = true
)";

AppraisalResults appraise_four(const std::string& extra = "") {
  const auto economy = test::identical_organisations(4);
  const auto scenario =
      test::scenario_with(extra + "[appraisal]\ndraws = 40\n" + std::string(kAlternatives));
  return appraise(scenario, economy, test::one_service());
}

TEST(OrganisationView, AMergerChangesOnlyItsPartnersAndTheSmallerPartnerMoves) {
  const auto r = appraise_four();
  const auto& merger = r.configurations[1];
  ASSERT_EQ(merger.organisations.size(), 4u);
  const auto& o1 = merger.organisations[0];
  const auto& o2 = merger.organisations[1];
  const auto& o3 = merger.organisations[2];
  EXPECT_EQ(o1.successor, "O12");
  EXPECT_EQ(o1.successor_population, 20'000);
  EXPECT_TRUE(o1.changed);
  EXPECT_EQ(o1.people_moved, 0);  // O12 continues O1, the first of two equals
  EXPECT_EQ(o2.people_moved, 10'000);
  EXPECT_EQ(o1.people_reorganised, 10'000);
  // Each partner carries half of the merged organisation's management cost and reserve.
  const auto* merged = &merger.structure.organisations[0];
  for (const auto& o : merger.structure.organisations)
    if (o.code == "O12") merged = &o;
  EXPECT_NEAR(o1.management_cost_after, merged->management_cost / 2, 1e-6);
  EXPECT_NEAR(o1.reserve99_after, merged->reserve99 / 2, 1e-6);
  EXPECT_NEAR(o1.change.running_saving, o1.management_cost_before - o1.management_cost_after, 1e-6);
  EXPECT_LT(o1.p_overspend_5pct_after, o1.p_overspend_5pct_before);  // a larger pool
  // The others are untouched: no change, NPV 0, no break-even year.
  EXPECT_FALSE(o3.changed);
  EXPECT_EQ(o3.successor, "O3");
  EXPECT_DOUBLE_EQ(o3.cashflow.npv, 0.0);
  EXPECT_FALSE(o3.cashflow.break_even_year.has_value());
  EXPECT_DOUBLE_EQ(o3.npv_uncertainty.mean, 0.0);
}

TEST(OrganisationView, OrganisationsAddUpToTheConfigurationInEveryDraw) {
  const auto r = appraise_four();
  for (std::size_t i = 1; i < r.configurations.size(); ++i) {
    const auto& c = r.configurations[i];
    double npv = 0, mean = 0, transition = 0, dip = 0;
    for (const auto& v : c.organisations) {
      npv += v.cashflow.npv;
      mean += v.npv_uncertainty.mean;
      transition += v.cashflow.total_transition;
      dip += v.cashflow.total_dip;
    }
    const double scale = std::max(1.0, std::abs(c.cashflow.npv));
    EXPECT_NEAR(npv, c.cashflow.npv, 1e-9 * scale) << c.name;
    EXPECT_NEAR(transition, c.cashflow.total_transition, 1e-6) << c.name;
    EXPECT_NEAR(dip, c.cashflow.total_dip, 1e-6) << c.name;
    // Additive draw by draw, so the means add up too.
    EXPECT_NEAR(mean, c.npv_uncertainty.mean, 1e-9 * std::max(1.0, std::abs(mean))) << c.name;
  }
}

TEST(OrganisationView, BudgetsAreTheStatusQuosAllocationWithMoneyFollowingPractices) {
  // £1m shared per head over 40,000 people: each organisation £250,000.
  const auto r = appraise_four(R"([formula]
quantum_pence = 100000000
[[formula.component]]
name = "all"
share = 1
weights = "flat"
)");
  for (const auto& o : r.configurations[0].structure.organisations)
    EXPECT_DOUBLE_EQ(o.budget, 250'000.0) << o.code;
  for (const auto& o : r.configurations[1].structure.organisations)
    EXPECT_DOUBLE_EQ(o.budget, o.code == "O12" ? 500'000.0 : 250'000.0) << o.code;
  EXPECT_DOUBLE_EQ(r.configurations[2].structure.organisations[0].budget, 1'000'000.0);
  EXPECT_DOUBLE_EQ(r.configurations[1].organisations[0].budget_before, 250'000.0);
  EXPECT_FALSE(r.budget_basis.empty());
}

}  // namespace
}  // namespace pco

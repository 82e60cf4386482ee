// ReCom keeps every plan contiguous, within bounds and with the same atoms; percentiles.
#include <gtest/gtest.h>

#include "core/random.hpp"
#include "design/ensemble.hpp"
#include "unit/design/design_fixture.hpp"

namespace pco {
namespace {

TEST(DesignEnsemble, RecombinationKeepsPlansContiguousAndWithinBounds) {
  const auto economy = test::synthetic_design_economy(300);
  const auto model = default_service_model();
  auto req = test::design_request(40000, 120000);
  req.search.restarts = 1;
  const auto r = design(economy, model, req, 0, AppraisalParameters{});
  ASSERT_TRUE(r.plan.within_bounds);
  auto plan = r.outcome.assignment;
  RandomStream rng(3, 4);
  int accepted = 0;
  for (int step = 0; step < 200; ++step) {
    if (recombine(r.problem, plan, rng)) ++accepted;
    ASSERT_TRUE(parts_contiguous(r.problem.graph, plan, r.outcome.parts)) << "step " << step;
    const auto s = summarise_plan(r.problem, plan, r.outcome.parts);
    ASSERT_TRUE(s.within_bounds) << "step " << step;
    ASSERT_EQ(s.organisations.size(), static_cast<std::size_t>(r.outcome.parts));
  }
  EXPECT_GT(accepted, 100);
  EXPECT_NE(plan, r.outcome.assignment);

  // The chain is a function of the seed.
  const auto [cur, cur_parts] = current_plan(r.problem);
  const auto current = summarise_plan(r.problem, cur, cur_parts);
  const auto a =
      run_ensemble(r.problem, r.outcome.assignment, r.outcome.parts, r.plan, current, {20, 5, 9});
  const auto b =
      run_ensemble(r.problem, r.outcome.assignment, r.outcome.parts, r.plan, current, {20, 5, 9});
  ASSERT_EQ(a.metrics.size(), b.metrics.size());
  for (std::size_t i = 0; i < a.metrics.size(); ++i) {
    EXPECT_EQ(a.metrics[i].values, b.metrics[i].values);
    EXPECT_EQ(a.metrics[i].values.size(), 20u);
  }
}

TEST(DesignEnsemble, PercentileCountsTiesHalf) {
  const std::vector<double> v{1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(percentile_of(v, 0), 0);
  EXPECT_DOUBLE_EQ(percentile_of(v, 2.5), 0.5);
  EXPECT_DOUBLE_EQ(percentile_of(v, 3), 0.625);
  EXPECT_DOUBLE_EQ(percentile_of(v, 9), 1);
}

}  // namespace
}  // namespace pco

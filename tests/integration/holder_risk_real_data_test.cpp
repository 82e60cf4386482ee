// Every budget holder's risk on the real 2020 map: networks, CCGs and STPs in one run.
#include <algorithm>
#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "demand/service.hpp"
#include "economy/load_economy.hpp"
#include "holders/holder_risk.hpp"
#include "real_data.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

using RealData = test::RealDataTest;

TEST_F(RealData, EveryHolderAtThreeLevelsOfThe2020Map) {
  Scenario s;
  s.population.files.push_back(test::shared_data_dir() /
                               "population/gp-reg-pat-prac-all_2021-01.csv");
  s.configuration.map = test::shared_data_dir() / "organisation/gp-reg-pat-prac-map_2020-09.csv";
  s.configuration.source = ConfigurationInputs::Source::map;
  const auto economy = load_economy(s);
  const auto model = default_service_model();
  HolderRiskOptions options;
  options.levels = {"network", "ccg", "stp"};
  options.hold_all = true;
  // The default grid and every source of risk: what `pco risk --practices ... --map ... --level
  // network --level ccg --level stp --hold-all` prints (issue 15's acceptance test).
  const auto r = compute_holder_risk(economy, model, std::nullopt, options);

  std::map<std::string, int> count;
  std::map<std::string, double> expected;
  std::map<std::string, std::int64_t> people;
  for (const auto& h : r.holders) {
    ++count[h.level];
    expected[h.level] += h.expected_cost;
    people[h.level] += h.population;
    ASSERT_GT(h.measures.sd, 0) << h.code;
    // The grid holds all but 1e-9 of every holder's probability, ...
    EXPECT_LE(h.grid_tail_mass, 1e-9) << h.code;
    // ... its mean is the closed-form mean (to rounding) ...
    EXPECT_NEAR(h.measures.mean, h.expected_cost, 1e-9 * h.expected_cost) << h.code;
    // ... and its variance lies within the stated bounds, tiny networks included.
    const double var = h.exact_sd * h.exact_sd;
    const double grid = h.measures.sd * h.measures.sd;
    EXPECT_GE(grid, var - h.variance_deficit - 1e-9 * var) << h.code;
    EXPECT_LE(grid, var + h.variance_error_bound + 1e-9 * var) << h.code;
    EXPECT_LT(h.variance_error_bound, 0.025 * var) << h.code;
    EXPECT_LT(h.variance_deficit, 1e-3 * var) << h.code;
    // The total's sd lies between the largest source's and their sum.
    EXPECT_GE(h.measures.sd, std::max({h.sd_chance, h.sd_formula, h.sd_shock})) << h.code;
    EXPECT_LE(h.measures.sd, h.sd_chance + h.sd_formula + h.sd_shock) << h.code;
  }
  EXPECT_EQ(count["ccg"], 135);
  EXPECT_EQ(count["stp"], 42);
  EXPECT_GE(count["network"], 1252);  // plus practices without a PCN (code U), one each
  // Every level partitions the same mapped practices: same people, same expected cost.
  EXPECT_EQ(people["network"], people["ccg"]);
  EXPECT_EQ(people["ccg"], people["stp"]);
  EXPECT_NEAR(expected["network"], expected["stp"], 1e-9 * expected["stp"]);
  // Totals were spread over cells by the national profile, so the cost per head is the
  // default model's documented ≈ £1,411.5 (docs/services.md) to within the rounding of cells.
  EXPECT_NEAR(expected["ccg"] / static_cast<double>(people["ccg"]), 1411.5, 1.0);
  // The chance CV × √population is nearly constant across all 1,551 holders (CV ∝ 1/√N).
  double lo = 1e300;
  double hi = 0;
  for (const auto& h : r.holders) {
    if (h.population < 5000) continue;
    const double k = h.sd_chance / h.expected_cost * std::sqrt(static_cast<double>(h.population));
    lo = std::min(lo, k);
    hi = std::max(hi, k);
  }
  EXPECT_LT(hi / lo, 1.25);
}

}  // namespace
}  // namespace pco

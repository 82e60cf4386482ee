// Governance on the real national tree (January 2021 lists joined to the September 2020
// practice -> network -> CCG -> STP -> region map). Skips, visibly, when the files are absent.

#include <gtest/gtest.h>

#include "governance/autonomy.hpp"
#include "governance/indicators.hpp"
#include "model/configuration.hpp"
#include "readers/mapping_file.hpp"
#include "readers/population_file.hpp"
#include "real_data.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

struct National {
  Population population;
  Configuration configuration;
};

National load() {
  const auto dir = test::shared_data_dir();
  National n;
  n.population =
      read_population_files({dir / "population/gp-reg-pat-prac-all_2021-01.csv"}).population;
  JoinReport report;
  n.configuration = Configuration::build(
      n.population, read_mapping_file(dir / "organisation/gp-reg-pat-prac-map_2020-09.csv"),
      report);
  return n;
}

using GovernanceRealData = test::RealDataTest;

TEST_F(GovernanceRealData, ListSizeIndicatorRollsUpToThePublishedTotals) {
  const auto n = load();
  // Numerator: the list; denominator: twice the list. Every computable ratio is exactly 0.5
  // and each level's denominators add up to twice its registered population.
  std::vector<IndicatorObservation> obs;
  for (const auto& p : n.population.practices())
    obs.push_back(
        {p.code, 0, static_cast<double>(p.list_size()), 2.0 * static_cast<double>(p.list_size())});
  const std::vector<IndicatorDefinition> defs = {{"half", "Half", false, 0.5, {}, 1, ""}};
  const auto rollup = roll_up_indicators(n.population, n.configuration, defs, obs);
  const auto& levels = rollup.indicators.at(0).levels;
  ASSERT_EQ(levels.size(), 6u);  // practice, network, ccg, stp, region, national
  EXPECT_EQ(levels[2].level, "ccg");
  EXPECT_EQ(levels[2].units.size(), 135u);
  EXPECT_EQ(levels[3].units.size(), 42u);
  EXPECT_DOUBLE_EQ(levels.back().units[0].denominator, 2.0 * 60606345);
  double regions = 0;
  for (const auto& u : levels[4].units) {
    regions += u.denominator;
    EXPECT_DOUBLE_EQ(*u.value, 0.5);
    EXPECT_EQ(u.rag, Rag::green);
  }
  // The three practices missing from the 2020 map (4,561 patients) are in no region.
  EXPECT_DOUBLE_EQ(regions, 2.0 * (60606345 - 4561));
  // Every value ties, so every percentile is 0 and every unit is in the first decile band.
  for (const auto& u : levels[2].units) {
    EXPECT_DOUBLE_EQ(*u.percentile, 0.0);
    EXPECT_EQ(u.decile, 1);
  }
}

TEST_F(GovernanceRealData, AutonomyDecidesTheRiskPools) {
  const auto n = load();
  // Every CCG free-standing: 135 pools. Every CCG advisory (level 1): the 42 STPs hold the
  // budgets and bear the risk.
  EXPECT_EQ(AutonomyMap(n.configuration, "ccg", {}, 3).risk_pools().size(), 135u);
  const AutonomyMap advisory(n.configuration, "ccg", {}, 1);
  const auto pools = advisory.risk_pools();
  ASSERT_EQ(pools.size(), 42u);
  std::size_t practices = 0;
  for (const auto& p : pools) {
    EXPECT_EQ(p.bearer_level, "stp");
    practices += p.practices.size();
  }
  EXPECT_EQ(practices, n.population.size() - 3);
}

}  // namespace
}  // namespace pco

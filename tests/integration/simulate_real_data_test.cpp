// The simulation on the real national configuration (2021 lists, 2020 map, CCG level): for a
// one-year, per-case rule set it must agree with `pco risk`'s exact measures for every holder.
#include <cmath>

#include <gtest/gtest.h>

#include "demand/service.hpp"
#include "economy/load_economy.hpp"
#include "holders/holder_risk.hpp"
#include "real_data.hpp"
#include "sim/simulation.hpp"
#include "sim/simulation_input.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

using RealData = test::RealDataTest;

TEST_F(RealData, OneYearSimulationAgreesWithExactRiskForEveryCcg) {
  Scenario s;
  s.population.files.push_back(test::shared_data_dir() /
                               "population/gp-reg-pat-prac-all_2021-01.csv");
  s.configuration.map = test::shared_data_dir() / "organisation/gp-reg-pat-prac-map_2020-09.csv";
  s.configuration.source = ConfigurationInputs::Source::map;
  const auto economy = load_economy(s);
  const auto model = default_service_model();
  SimulationSettings settings;
  settings.level = "ccg";
  settings.hold_all = true;
  settings.years = 1;
  settings.replications = 10000;
  settings.seed = 2021;
  // Every source of risk at its defaults: the holders' formula errors and the national shock
  // ([risk] shock_sd) drawn by the simulation, mixed exactly by compute_holder_risk.
  HolderRiskOptions risk;
  risk.margin = 0.01;
  // A coarser grid than the default keeps the test quick; both sides use the same grid.
  risk.grid.knots_per_sd = 16;
  risk.grid.steps_per_rms = 2;
  const auto input = build_simulation_input(economy, model, std::nullopt, {}, settings, risk);
  risk.levels = {"ccg"};
  risk.hold_all = true;
  const auto exact = compute_holder_risk(economy, model, std::nullopt, risk);
  ASSERT_EQ(input.holders.size(), 135u);
  const auto r =
      summarise(input, settings, simulate_replicates(input, settings, 0, settings.replications, 2));
  const double n = static_cast<double>(settings.replications);
  for (std::size_t h = 0; h < exact.holders.size(); ++h) {
    const auto& m = exact.holders[h].measures;
    const auto& row = r.rows[h];
    SCOPED_TRACE(row.code);
    ASSERT_EQ(row.code, exact.holders[h].code);
    EXPECT_NEAR(row.cost_mean.value, m.mean, 4 * m.sd / std::sqrt(n));
    for (auto [p, e] : {std::pair{m.p_overspend, row.p_overspend},
                        std::pair{m.p_overspend_5pct, row.p_overspend_5pct}})
      EXPECT_NEAR(e.value, p, 4 * std::sqrt(p * (1 - p) / n) + 0.5 / n);
  }
}

}  // namespace
}  // namespace pco

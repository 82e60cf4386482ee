// The simulation engine on the synthetic economy: bit-identical for any split of the work,
// one year without shocks agrees with the exact risk measures, and a common shock gives the
// closed-form correlation. docs/simulation.md.
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "core/random.hpp"
#include "demand/service.hpp"
#include "economy/load_economy.hpp"
#include "holders/arrangements.hpp"
#include "holders/holder_risk.hpp"
#include "risk/measures.hpp"
#include "scenario_file/scenario_file.hpp"
#include "sim/simulation.hpp"
#include "sim/simulation_input.hpp"
#include "sim/simulation_report.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

Economy synthetic(int practices) {
  const auto s = parse_scenario(
      "schema_version = 1\n[synthetic]\nseed = 3\npractices = " + std::to_string(practices) + "\n",
      "s.toml", ".");
  return load_economy(s);
}

SimulationInput input_for(const Economy& economy, const SimulationSettings& settings,
                          const HolderRiskOptions& risk = {}) {
  return build_simulation_input(economy, default_service_model(), std::nullopt, {}, settings, risk);
}

TEST(Simulation, SameBytesForOneTwoAndFourThreadsAnySplitOfReplicatesAndStreamed) {
  const auto economy = synthetic(60);
  SimulationSettings settings;
  settings.replications = 300;
  settings.years = 4;
  settings.shock_cv = 0.03;
  settings.demand_growth = 0.02;
  settings.budget_growth = 0.025;
  settings.overspend_repay_cap = 0.01;
  settings.underspend_keep_cap = 0.005;
  const auto input = input_for(economy, settings);
  ASSERT_GE(input.holders.size(), 2u);
  std::string reference;
  for (int threads : {1, 2, 4}) {
    const auto samples = simulate_replicates(input, settings, 0, settings.replications, threads);
    const auto text = simulation_json(summarise(input, settings, samples, threads)).dump();
    if (threads == 1)
      reference = text;
    else
      EXPECT_EQ(text, reference) << threads << " threads";
    // The streamed run (holder by holder, never holding every holder's draws) gives the same
    // bytes as summarising all the samples.
    const auto streamed = simulate(input, settings, ProcessGroup::world(), threads);
    ASSERT_TRUE(streamed.has_value());
    EXPECT_EQ(simulation_json(*streamed).dump(), reference) << threads << " threads, streamed";
  }
  // Two processes' shares simulated apart hold exactly the replicates of the whole run.
  const auto whole = simulate_replicates(input, settings, 0, 300, 1);
  const auto tail = simulate_replicates(input, settings, 117, 183, 3);
  for (std::size_t h = 0; h < input.holders.size(); ++h)
    for (int y = 0; y < settings.years; ++y)
      for (std::uint64_t r = 117; r < 300; ++r) {
        ASSERT_EQ(whole.cost[whole.at(h, y, r)], tail.cost[tail.at(h, y, r)]);
        ASSERT_EQ(whole.deficit[whole.at(h, y, r)], tail.deficit[tail.at(h, y, r)]);
      }
}

// The input holds no distribution: each holder's is computed as its turn comes (one per worker
// in memory) and gives the same bytes as every distribution computed first and handed in, for
// any thread count (each worker's workspace caches what earlier holders made).
TEST(Simulation, DistributionsComputedAsEachHoldersTurnComesChangeNoByte) {
  const auto economy = synthetic(40);
  SimulationSettings settings;
  settings.replications = 200;
  settings.years = 3;
  settings.level = "practice";
  settings.hold_all = true;
  const auto streamed = input_for(economy, settings);
  ASSERT_GE(streamed.holders.size(), 10u);
  for (const auto& h : streamed.holders)
    EXPECT_TRUE(h.distribution.pmf.empty()) << h.code;
  ASSERT_TRUE(streamed.distributions);
  HolderRiskOptions risk;
  risk.levels = {"practice"};
  risk.hold_all = true;
  risk.keep_chance_distributions = true;
  auto exact = compute_holder_risk(economy, default_service_model(), std::nullopt, risk);
  SimulationInput given = streamed;
  given.distributions = nullptr;
  ASSERT_EQ(exact.holders.size(), given.holders.size());
  for (std::size_t h = 0; h < given.holders.size(); ++h) {
    EXPECT_EQ(given.holders[h].budget, exact.holders[h].budget);
    EXPECT_EQ(given.holders[h].formula_sd, exact.holders[h].formula_sd);
    given.holders[h].distribution = std::move(exact.holders[h].chance_distribution);
  }
  const auto reference =
      simulation_json(*simulate(given, settings, ProcessGroup::world(), 1)).dump();
  for (int threads : {1, 2, 3})
    EXPECT_EQ(simulation_json(*simulate(streamed, settings, ProcessGroup::world(), threads)).dump(),
              reference)
        << threads << " threads";
}

// One simulated year beside the exact one-year risk of the same holders (same grid, same
// sources), with the holders' distributions kept.
struct SimulatedAndExact {
  SimulationInput input;
  HolderRiskResults exact;
  SimulationResults simulated;
};
SimulatedAndExact simulate_against_exact(const Economy& economy, const SimulationSettings& settings,
                                         HolderRiskOptions risk) {
  SimulatedAndExact out;
  out.input =
      build_simulation_input(economy, default_service_model(), std::nullopt, {}, settings, risk);
  risk.levels = {out.input.level};
  risk.keep_distributions = true;
  out.exact = compute_holder_risk(economy, default_service_model(), std::nullopt, risk);
  out.simulated = summarise(out.input, settings,
                            simulate_replicates(out.input, settings, 0, settings.replications, 2));
  return out;
}

// One year with every source of risk (the defaults: each holder's formula error drawn once, the
// shared shock of [risk] shock_sd), no growth, no carry-over: each holder's year-1 cost is a
// draw of chance × formula error × shock, so the mean, sd, P(overspend) and P(overspend >= 5%)
// must match the exact measures (which mix the same factors by quadrature) within 4 standard
// errors (those of the exact value, so p near 0 is handled).
TEST(Simulation, OneYearAgreesWithTheExactMeasuresOfEveryHolder) {
  const auto economy = synthetic(120);
  SimulationSettings settings;
  settings.replications = 20000;
  settings.years = 1;
  settings.seed = 11;
  HolderRiskOptions risk;
  risk.margin = 0.01;  // budgets 1% above expected cost, so P(overspend) is well inside (0, 1)
  EXPECT_EQ(settings.shock_cv, risk.sources.shock_sd);
  const auto [input, exact, r] = simulate_against_exact(economy, settings, risk);
  ASSERT_EQ(r.rows.size(), exact.holders.size());
  const double n = static_cast<double>(settings.replications);
  for (std::size_t h = 0; h < exact.holders.size(); ++h) {
    const auto& m = exact.holders[h].measures;
    const auto& row = r.rows[h];
    SCOPED_TRACE(row.code);
    EXPECT_NEAR(row.cost_mean.value, m.mean, 4 * m.sd / std::sqrt(n));
    EXPECT_NEAR(row.cost_sd.value, m.sd, 4 * row.cost_sd.se);
    for (auto [p, e] : {std::pair{m.p_overspend, row.p_overspend},
                        std::pair{m.p_overspend_5pct, row.p_overspend_5pct}})
      EXPECT_NEAR(e.value, p, 4 * std::sqrt(p * (1 - p) / n) + 0.5 / n);
    EXPECT_EQ(row.p_any_overspend.value, row.p_overspend.value);
    EXPECT_GT(input.holders[h].formula_sd, 0.0);
  }
}

// Each year's cost is drawn anywhere in its knot's cell, as pco risk reads the grid (a
// histogram), not at the knot. On a grid of 4 knots per sd the two readings differ by several
// percentage points; with chance alone and 100,000 replicates the simulated P(overspend) must
// match the histogram reading within 4 standard errors, and the knots alone are further off.
TEST(Simulation, DrawsReadTheGridAsPcoRiskDoes) {
  const auto economy = synthetic(60);
  SimulationSettings settings;
  settings.replications = 100000;
  settings.years = 1;
  settings.seed = 13;
  settings.shock_cv = 0;
  HolderRiskOptions risk;
  risk.margin = 0.002;
  risk.sources.formula = false;
  risk.sources.shock = false;
  risk.grid.knots_per_sd = 4;
  risk.grid.steps_per_rms = 1;
  const auto [input, exact, r] = simulate_against_exact(economy, settings, risk);
  ASSERT_EQ(r.rows.size(), exact.holders.size());
  const double n = static_cast<double>(settings.replications);
  double worst_knots = 0;
  for (std::size_t h = 0; h < exact.holders.size(); ++h) {
    const auto& e = exact.holders[h];
    SCOPED_TRACE(e.code);
    ASSERT_EQ(input.holders[h].formula_sd, 0.0);
    const double p = e.measures.p_overspend;
    const double se = std::sqrt(p * (1 - p) / n) + 0.5 / n;
    EXPECT_NEAR(r.rows[h].p_overspend.value, p, 4 * se);
    worst_knots = std::max(worst_knots, std::fabs(exceedance(e.distribution, e.budget) - p) / se);
  }
  EXPECT_GT(worst_knots, 8) << "the knots alone are within 8 SE: the case tests nothing";
}

// The fan chart's cost quantiles, one year with every source of risk, against the exact quantiles
// of each holder's one-year distribution (the smallest grid knot whose CDF reaches p): within 4
// order-statistic standard errors plus one grid step (the draws lie within half a step of their
// knots).
TEST(Simulation, OneYearCostQuantilesAgreeWithTheExactDistribution) {
  const auto economy = synthetic(120);
  SimulationSettings settings;
  settings.replications = 20000;
  settings.years = 1;
  settings.seed = 12;
  const auto [input, exact, r] = simulate_against_exact(economy, settings, {});
  ASSERT_EQ(r.rows.size(), exact.holders.size());
  for (std::size_t h = 0; h < exact.holders.size(); ++h) {
    const auto& d = exact.holders[h].distribution;
    ASSERT_FALSE(d.pmf.empty());
    const auto& row = r.rows[h];
    SCOPED_TRACE(row.code);
    const double ps[] = {0.05, 0.25, 0.50, 0.75, 0.95};
    for (std::size_t k = 0; k < 5; ++k) {
      const double p = ps[k];
      const auto& e = row.cost_quantiles[k];
      double cumulative = 0;
      std::size_t i = 0;
      while (i + 1 < d.pmf.size() && (cumulative += d.pmf[i]) < p)
        ++i;
      EXPECT_GT(e.se, 0) << p;
      EXPECT_NEAR(e.value, d.knot(i), 4 * e.se + d.step) << p;
    }
    for (std::size_t k = 1; k < 5; ++k)
      EXPECT_LT(row.cost_quantiles[k - 1].value, row.cost_quantiles[k].value);
    EXPECT_LE(row.outturn_q05.value, row.outturn_q25.value);
    EXPECT_LE(row.outturn_q25.value, row.outturn_q50.value);
    EXPECT_LE(row.outturn_q50.value, row.outturn_q75.value);
    EXPECT_LE(row.outturn_q75.value, row.outturn_q95.value);
  }
}

double correlation(const SimulationSamples& s, std::size_t a, std::size_t b) {
  const auto n = s.count;
  const double* x = s.cost.data() + s.at(a, 0, 0);
  const double* y = s.cost.data() + s.at(b, 0, 0);
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

// Outturns X_i M with independent X_i (mean μ_i, sd σ_i) and a common mean-1 shock M of CV c:
// Cov = μ1 μ2 c², Var = σ²(1 + c²) + μ² c², so
// ρ = μ1 μ2 c² / √((σ1²(1 + c²) + μ1² c²)(σ2²(1 + c²) + μ2² c²)). The sample correlation's
// standard error is (1 − ρ²)/√N (Fisher); the test allows 4 of them.
// With a regional shock R of CV c_r as well (both holders in the one synthetic region), the
// shared multiplier is M R, whose CV² is (1 + c²)(1 + c_r²) − 1: the same formula with that CV.
TEST(Simulation, CommonShockGivesTheClosedFormCorrelation) {
  const auto economy = synthetic(120);
  HolderRiskOptions risk;
  risk.levels = {economy.default_level};
  parse_sources("chance", risk.sources);  // no formula error: the shock alone correlates holders
  const auto exact = compute_holder_risk(economy, default_service_model(), std::nullopt, risk);
  for (auto [national, regional] :
       {std::pair{0.01, 0.0}, std::pair{0.03, 0.0}, std::pair{0.0, 0.02}, std::pair{0.01, 0.01}}) {
    SimulationSettings settings;
    settings.replications = 40000;
    settings.years = 1;
    settings.shock_cv = national;
    settings.regional_shock_cv = regional;
    settings.region_level = "region";
    const auto input = input_for(economy, settings, risk);
    ASSERT_EQ(input.regions.size(), 1u);
    // The two largest holders.
    std::vector<std::size_t> order(input.holders.size());
    for (std::size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) {
      return input.holders[a].population > input.holders[b].population;
    });
    const auto a = order[0];
    const auto b = order[1];
    const auto samples = simulate_replicates(input, settings, 0, settings.replications, 2);
    const double c2 = (1 + national * national) * (1 + regional * regional) - 1;
    const auto var = [&](std::size_t h) {
      const auto& m = exact.holders[h].measures;
      return m.sd * m.sd * (1 + c2) + m.mean * m.mean * c2;
    };
    const double rho = exact.holders[a].measures.mean * exact.holders[b].measures.mean * c2 /
                       std::sqrt(var(a) * var(b));
    const double se = (1 - rho * rho) / std::sqrt(static_cast<double>(settings.replications));
    EXPECT_NEAR(correlation(samples, a, b), rho, 4 * se)
        << "national " << national << ", regional " << regional << ", rho = " << rho;
    EXPECT_GT(rho, 0.05);  // the test would be empty if the shock did not matter
  }
}

// Order-statistic standard errors of quantiles of a uniform sample match the asymptotic
// √(p(1 − p)/N) / f(q) with f = 1 to within 10%, and selection gives the same order statistics
// as a full sort, in any input order.
TEST(Simulation, QuantileStandardErrorOfAUniformSample) {
  const std::size_t n = 40000;
  std::vector<double> u(n);
  for (std::size_t i = 0; i < n; ++i)
    u[i] = (static_cast<double>((i * 7919) % n) + 0.5) / static_cast<double>(n);
  const std::vector<double> ps = {0.05, 0.5, 0.95, 0.99};
  const auto q = quantile_estimates(u, ps);
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const double p = ps[i];
    EXPECT_NEAR(q[i].value, p, 1.0 / static_cast<double>(n));
    const double expected = std::sqrt(p * (1 - p) / static_cast<double>(n));
    EXPECT_NEAR(q[i].se, expected, 0.1 * expected) << p;
  }
  // A small sample against the order statistics of the sorted sample by hand: N = 10, p = 0.5
  // gives x_(5), half-width √2.5 ≈ 1.58, so x_(4) and x_(7).
  std::vector<double> small = {9, 3, 7, 1, 10, 5, 2, 8, 6, 4};
  const auto m = quantile_estimates(small, {0.5});
  EXPECT_EQ(m[0].value, 5);
  EXPECT_EQ(m[0].se, (7 - 4) / 2.0);
}

// Every quantile estimate is made of the order statistics a full sort gives, whatever the
// sample's shape: heavy-tailed (most values in the lowest buckets of the histogram that
// locates the ranks), with ties, and with one extreme value.
TEST(Simulation, QuantilesAreTheOrderStatisticsOfAFullSort) {
  RandomStream random(5, 0, 0, 0);
  for (int shape = 0; shape < 3; ++shape) {
    std::vector<double> x(10000);
    for (auto& v : x) {
      const double u = (static_cast<double>(random.next_u64() >> 11) + 0.5) * 0x1p-53;
      v = shape == 0   ? std::exp(3 * normal_quantile(u))  // heavy tail
          : shape == 1 ? std::floor(u * 7)                 // ties
                       : u;
    }
    if (shape == 2) x[1234] = 1e300;  // everything else in the first bucket
    std::vector<double> sorted = x;
    std::sort(sorted.begin(), sorted.end());
    const std::vector<double> ps = {0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999};
    const auto q = quantile_estimates(x, ps);
    const double n = static_cast<double>(x.size());
    for (std::size_t i = 0; i < ps.size(); ++i) {
      const auto at = [&](double k) {
        return sorted[static_cast<std::size_t>(std::clamp<double>(std::ceil(k) - 1, 0, n - 1))];
      };
      const double half = std::sqrt(n * ps[i] * (1 - ps[i]));
      EXPECT_EQ(q[i].value, at(n * ps[i])) << shape << " " << ps[i];
      EXPECT_EQ(q[i].se, (at(n * ps[i] + half) - at(n * ps[i] - half)) / 2)
          << shape << " " << ps[i];
    }
  }
}

// A corridor [[arrangement]] applied in a one-year simulation gives the holder's exact
// one-year cost with the corridor (apply_arrangement's "with" distribution): the mean within
// 4 standard errors; a pool is refused, since the simulation applies corridors only.
TEST(Simulation, CorridorAgreesWithTheExactOneYearTransform) {
  const auto s = parse_scenario(
      "schema_version = 1\n[synthetic]\nseed = 3\npractices = 120\n"
      "[[arrangement]]\nname = \"c\"\ntype = \"corridor\"\nlevel = \"national\"\n"
      "share = 0.5\nband = 0.0\n"
      "[[arrangement]]\nname = \"p\"\ntype = \"high_cost_pool\"\nlevel = \"national\"\n"
      "threshold = 100000\n",
      "s.toml", ".");
  const auto economy = load_economy(s);
  const auto model = default_service_model();
  const auto arrangements = read_arrangements(s, model, economy);
  SimulationSettings settings;
  settings.replications = 20000;
  settings.years = 1;
  settings.arrangement = "c";
  const auto input = build_simulation_input(economy, model, std::nullopt, arrangements, settings);
  EXPECT_EQ(input.rules.corridor_share, 0.5);
  HolderRiskOptions risk;
  risk.levels = {input.level};
  const auto exact = apply_arrangement(economy, model, std::nullopt, risk, arrangements[0]);
  const auto r =
      summarise(input, settings, simulate_replicates(input, settings, 0, settings.replications, 2));
  ASSERT_EQ(r.rows.size(), exact.with.holders.size());
  for (std::size_t h = 0; h < r.rows.size(); ++h) {
    const auto& m = exact.with.holders[h].measures;
    // The corridor halves overspends, so the mean falls below the mean without it.
    EXPECT_LT(m.mean, exact.without.holders[h].measures.mean);
    EXPECT_NEAR(r.rows[h].cost_mean.value, m.mean,
                4 * m.sd / std::sqrt(static_cast<double>(settings.replications)))
        << r.rows[h].code;
  }
  settings.arrangement = "p";
  EXPECT_THROW(build_simulation_input(economy, model, std::nullopt, arrangements, settings),
               UsageError);
}

TEST(Simulation, BadSettingsAreAllListed) {
  // Loading the scenario lists them (with any other problem of the file), and so does
  // read_simulation_settings.
  const auto lines = test::input_error_lines([&] {
    read_simulation_settings(parse_scenario(
        "schema_version = 1\n[synthetic]\npractices = 10\n[simulation]\nreplications = 0\n"
        "years = 500\nshock_cv = -1\nregional_shock_cv = 0.1\n",
        "s.toml", "."));
  });
  ASSERT_EQ(lines.size(), 4u) << ::testing::PrintToString(lines);
  EXPECT_NE(lines[0].find("s.toml:5:16: simulation.replications: got \"0\""), std::string::npos)
      << lines[0];
  EXPECT_NE(lines[1].find("simulation.years: got \"500\""), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("simulation.shock_cv: got \"-1\""), std::string::npos) << lines[2];
  EXPECT_NE(lines[3].find("region_level"), std::string::npos) << lines[3];
}

TEST(Simulation, RegionalShockGroupsFollowTheRegionLevel) {
  const auto economy = synthetic(60);
  ASSERT_GE(economy.configuration.levels().size(), 2u);
  SimulationSettings settings;
  settings.region_level = economy.configuration.levels().back().name;
  settings.regional_shock_cv = 0.05;
  const auto input = input_for(economy, settings);
  EXPECT_FALSE(input.regions.empty());
  for (const auto& h : input.holders) {
    ASSERT_GE(h.region, 0) << h.code;
    EXPECT_LT(static_cast<std::size_t>(h.region), input.regions.size());
  }
  settings.region_level = "nowhere";
  EXPECT_THROW(input_for(economy, settings), UsageError);
}

}  // namespace
}  // namespace pco

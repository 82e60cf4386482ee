#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "core/random.hpp"
#include "economy/load_economy.hpp"
#include "holders/arrangements.hpp"
#include "risk/measures.hpp"
#include "scenario_file/scenario_file.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

// Four identical practices, each its own organisation, all in one region.
Economy four_organisations() {
  Economy e;
  MappingTable map;
  map.levels = {"organisation", "region"};
  for (int i = 1; i <= 4; ++i) {
    Practice p;
    p.code = "P" + std::to_string(i);
    p.counts[cell_index(Sex::male, 6)] = 2000;
    e.population.add(std::move(p));
    map.rows.push_back({"P" + std::to_string(i), {{"O" + std::to_string(i), ""}, {"R1", ""}}, "m"});
  }
  JoinReport report;
  e.configuration = Configuration::build(e.population, map, report);
  e.default_level = "organisation";
  return e;
}

constexpr double kCostlyMeanlog = 8;
constexpr double kCostlySdlog = 1.2;

ServiceModel two_services(bool with_common = true) {
  ServiceModel m;
  ServiceLine costly;
  costly.name = "costly";
  costly.rates.fill(0.05);  // 100 cases a year per organisation
  costly.phi = 0.5;
  costly.severity = Severity::lognormal(kCostlyMeanlog, kCostlySdlog);
  m.services.push_back(costly);
  if (with_common) {
    ServiceLine common;
    common.name = "common";
    common.rates.fill(0.1);
    common.phi = 1.0;
    common.severity = Severity::gamma(2, 50);
    m.services.push_back(common);
  }
  return m;
}

Arrangement arrangement(ArrangementType type) {
  Arrangement a;
  a.name = "a";
  a.type = type;
  a.level = "national";
  a.threshold = 20000;
  a.share = 0.5;
  a.band = 0.01;
  return a;
}

// Simulated annual costs of the four organisations: [organisation][service] totals, and for
// the high-cost pool the excess above T of the costly cases.
struct Year {
  double total[4][2] = {};
  double excess[4] = {};
};

Year simulate(const ServiceModel& model, std::uint64_t replication, double threshold) {
  Year y;
  for (int o = 0; o < 4; ++o) {
    RandomStream random(11, replication, static_cast<std::uint64_t>(o), 0);
    for (int s = 0; s < 2; ++s) {
      const auto f = service_frequency(model.services[static_cast<std::size_t>(s)],
                                       2000 * model.services[static_cast<std::size_t>(s)].rates[0]);
      const auto n = f.sample(random);
      for (std::uint64_t k = 0; k < n; ++k) {
        const double x =
            s == 0 ? random.lognormal(kCostlyMeanlog, kCostlySdlog) : random.gamma(2, 50);
        y.total[o][s] += x;
        if (s == 0) y.excess[o] += std::max(0.0, x - threshold);
      }
    }
  }
  return y;
}

constexpr std::uint64_t kReplications = 10000;

void expect_within_4se(double exact, std::uint64_t hits, const char* what) {
  const double n = static_cast<double>(kReplications);
  const double estimate = static_cast<double>(hits) / n;
  const double se = std::sqrt(std::max(exact * (1 - exact), 1.0 / n) / n);
  EXPECT_NEAR(estimate, exact, 4 * se) << what << ": exact " << exact << ", simulated " << estimate;
}

// Chance alone: the simulations below draw the compound sums only (the factors of the other
// sources multiply holder and pool alike and are tested in risk_sources_test.cpp).
HolderRiskOptions at_organisations() {
  HolderRiskOptions o;
  o.levels = {"organisation"};
  o.keep_distributions = true;
  parse_sources("chance", o.sources);
  return o;
}

TEST(Arrangements, HighCostPoolAgreesWithMonteCarlo) {
  const auto economy = four_organisations();
  const auto model = two_services();
  const auto a = arrangement(ArrangementType::high_cost_pool);
  const auto r = apply_arrangement(economy, model, std::nullopt, at_organisations(), a);
  ASSERT_EQ(r.pools.size(), 1u);
  const auto& o1 = r.with.holders[0];
  const auto& pool = r.pools[0];
  std::uint64_t retained_over = 0;
  std::uint64_t pool_over = 0;
  for (std::uint64_t i = 0; i < kReplications; ++i) {
    const auto y = simulate(model, i, a.threshold);
    if (y.total[0][0] + y.total[0][1] - y.excess[0] > o1.budget) ++retained_over;
    if (y.excess[0] + y.excess[1] + y.excess[2] + y.excess[3] > pool.budget) ++pool_over;
  }
  expect_within_4se(o1.measures.p_overspend, retained_over, "retained");
  expect_within_4se(pool.measures.p_overspend, pool_over, "pool");
}

// Pool + retained = total, case by case: means add, and variances add with twice the
// covariance of the two layers of the same cases,
// Cov = E N · T · E(X − T)+ + (Var N − E N) · E min(X, T) · E(X − T)+.
TEST(Arrangements, HighCostPoolConservesMeanAndVariance) {
  const auto economy = four_organisations();
  const auto model = two_services(false);
  auto a = arrangement(ArrangementType::high_cost_pool);
  a.level = "organisation";  // each organisation's own pool: the same cases, split
  const auto r = apply_arrangement(economy, model, std::nullopt, at_organisations(), a);
  const auto& whole = r.without.holders[0];
  const auto& kept = r.with.holders[0];
  const auto& pool = r.pools[0];
  EXPECT_NEAR(kept.expected_cost + pool.expected_cost, whole.expected_cost,
              1e-9 * whole.expected_cost);
  const auto f = service_frequency(model.services[0], 100);
  CostComponent low{"c", f, model.services[0].severity, CaseLayer::retained, a.threshold};
  CostComponent high{"c", f, model.services[0].severity, CaseLayer::excess, a.threshold};
  const double cov = f.mean() * a.threshold * case_moment(high, 1) +
                     (f.variance() - f.mean()) * case_moment(low, 1) * case_moment(high, 1);
  const double var = [](const HolderRisk& h) { return h.exact_sd * h.exact_sd; }(whole);
  EXPECT_NEAR(kept.exact_sd * kept.exact_sd + pool.exact_sd * pool.exact_sd + 2 * cov, var,
              1e-9 * var);
  // And the grids agree with those closed forms, within their bounds.
  for (const auto* h : {&whole, &kept, &pool}) {
    const auto m = grid_moments(h->distribution);
    EXPECT_NEAR(m.mean, h->expected_cost, 1e-6 * h->expected_cost + 1e-6);
    EXPECT_LE(m.sd * m.sd, h->exact_sd * h->exact_sd * 1.001 + h->variance_error_bound);
    EXPECT_GE(m.sd * m.sd, h->exact_sd * h->exact_sd * 0.999);
  }
}

TEST(Arrangements, TopSliceContingencyAgreesWithMonteCarlo) {
  const auto economy = four_organisations();
  const auto model = two_services();
  auto a = arrangement(ArrangementType::top_slice);
  a.share = 0.02;
  const auto r = apply_arrangement(economy, model, std::nullopt, at_organisations(), a);
  ASSERT_EQ(r.pools.size(), 1u);
  const auto& contingency = r.pools[0];
  std::uint64_t exhausted = 0;
  for (std::uint64_t i = 0; i < kReplications; ++i) {
    const auto y = simulate(model, i, 1e300);
    double claims = 0;
    for (int o = 0; o < 4; ++o)
      claims += std::max(0.0, y.total[o][0] + y.total[o][1] - r.with.holders[o].budget);
    if (claims > contingency.budget) ++exhausted;
  }
  expect_within_4se(contingency.measures.p_overspend, exhausted, "contingency exhausted");
  EXPECT_NEAR(contingency.budget, 0.02 * 4 * r.without.holders[0].budget,
              1e-9 * contingency.budget);
}

TEST(Arrangements, CorridorAgreesWithMonteCarlo) {
  const auto economy = four_organisations();
  const auto model = two_services();
  const auto a = arrangement(ArrangementType::corridor);
  const auto r = apply_arrangement(economy, model, std::nullopt, at_organisations(), a);
  const auto& o1 = r.with.holders[0];
  const double b = r.without.holders[0].budget;
  const double edge = b * (1 + a.band);
  // Exact: with a 50% corridor the holder's P(overspend) is unchanged, its 99% VaR falls.
  EXPECT_NEAR(o1.measures.p_overspend, r.without.holders[0].measures.p_overspend, 1e-12);
  std::uint64_t beyond = 0;
  double parent = 0;
  for (std::uint64_t i = 0; i < kReplications; ++i) {
    const auto y = simulate(model, i, 1e300);
    const double s = y.total[0][0] + y.total[0][1];
    const double kept = s <= edge ? s : edge + (1 - a.share) * (s - edge);
    if (kept > b * 1.05) ++beyond;
    for (int o = 0; o < 4; ++o)
      parent += a.share * std::max(0.0, y.total[o][0] + y.total[o][1] - edge);
  }
  expect_within_4se(o1.measures.p_overspend_5pct, beyond, "kept above 105%");
  // The parent's expected payment: simulated mean within 4 SE (SE from the exact sd).
  const double mean = parent / static_cast<double>(kReplications);
  const auto& partner = r.pools[0];
  EXPECT_NEAR(mean, partner.expected_cost,
              4 * partner.exact_sd / std::sqrt(static_cast<double>(kReplications)));
}

TEST(Arrangements, FederatedPoolAgreesWithMonteCarlo) {
  const auto economy = four_organisations();
  const auto model = two_services();
  auto a = arrangement(ArrangementType::federation);
  a.level = "organisation";
  a.members = {"O1", "O2", "O3", "O4"};
  a.services = {"costly"};
  const auto r = apply_arrangement(economy, model, std::nullopt, at_organisations(), a);
  ASSERT_EQ(r.pools.size(), 1u);
  const auto& pool = r.pools[0];
  std::uint64_t over = 0;
  for (std::uint64_t i = 0; i < kReplications; ++i) {
    const auto y = simulate(model, i, 1e300);
    if (y.total[0][0] + y.total[1][0] + y.total[2][0] + y.total[3][0] > pool.budget) ++over;
  }
  expect_within_4se(pool.measures.p_overspend, over, "federated pool");
  // Members keep only the common service.
  EXPECT_EQ(r.with.holders[0].services.size(), 2u);  // names listed as held
  EXPECT_LT(r.with.holders[0].expected_cost, r.without.holders[0].expected_cost);
}

// Independent identical members: the pool of k has CV 1/√k of one member's.
TEST(Arrangements, FederatedPoolOfKIdenticalHasCvOneOverRootK) {
  const auto economy = four_organisations();
  const auto model = two_services(false);
  for (std::size_t k : {2u, 4u}) {
    auto a = arrangement(ArrangementType::federation);
    a.level = "organisation";
    for (std::size_t i = 1; i <= k; ++i)
      a.members.push_back("O" + std::to_string(i));
    const auto r = apply_arrangement(economy, model, std::nullopt, at_organisations(), a);
    const double one = r.without.holders[0].measures.cv;
    EXPECT_NEAR(r.pools[0].measures.cv, one / std::sqrt(static_cast<double>(k)), 0.01 * one) << k;
    EXPECT_NEAR(r.pools[0].exact_sd / r.pools[0].expected_cost,
                r.without.holders[0].exact_sd / r.without.holders[0].expected_cost /
                    std::sqrt(static_cast<double>(k)),
                1e-12);
  }
}

TEST(Arrangements, ScenarioErrorsAreAllListed) {
  const auto s = parse_scenario(
      "schema_version = 1\n[synthetic]\npractices = 10\n"
      "[[arrangement]]\nname = \"a\"\ntype = \"high_cost_pool\"\nlevel = \"ccg\"\nthreshold = 0\n"
      "[[arrangement]]\nname = \"b\"\ntype = \"pool\"\nlevel = \"national\"\n"
      "[[arrangement]]\nname = \"c\"\ntype = \"corridor\"\nlevel = \"national\"\nshare = 1.5\n"
      "services = [\"nothing\"]\n",
      "s.toml", ".");
  const auto economy = load_economy(s);
  const auto model = default_service_model();
  const auto lines = test::input_error_lines([&] { read_arrangements(s, model, economy); });
  for (const auto& l : lines)
    SCOPED_TRACE(l);
  ASSERT_EQ(lines.size(), 5u) << ::testing::PrintToString(lines);
  EXPECT_NE(lines[0].find("s.toml:7:9: arrangement[0].level: got \"ccg\", expected a level that "
                          "exists: practice, organisation, national"),
            std::string::npos)
      << lines[0];
  EXPECT_NE(lines[1].find("s.toml:8:13: arrangement[0].threshold: got \"0\", expected a "
                          "threshold per case > 0"),
            std::string::npos)
      << lines[1];
  EXPECT_NE(lines[2].find("arrangement[1].type: got \"pool\""), std::string::npos) << lines[2];
  EXPECT_NE(lines[3].find("arrangement[2].share: got \"1.5\""), std::string::npos) << lines[3];
  EXPECT_NE(lines[4].find("arrangement[2].services: got \"nothing\""), std::string::npos)
      << lines[4];
}

}  // namespace
}  // namespace pco

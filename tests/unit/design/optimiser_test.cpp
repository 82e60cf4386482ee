// The design search on a synthetic economy: contiguity and bounds of every organisation, the
// objective never worse than the seed, the same plan for any thread count, the incremental
// objective equal to a fresh evaluation, and the cost moments equal to the risk engine's.
#include <map>
#include <set>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "appraisal/appraisal.hpp"
#include "core/random.hpp"
#include "holders/holder_risk.hpp"
#include "readers/mapping_file.hpp"
#include "scenario_file/scenario_file.hpp"
#include "unit/design/design_fixture.hpp"

namespace pco {
namespace {

const ServiceModel& model() {
  static const ServiceModel m = default_service_model();
  return m;
}

const Economy& economy() {
  static const Economy e = test::synthetic_design_economy(300);
  return e;
}

TEST(DesignAtoms, CostMomentsMatchTheRiskEngine) {
  // Second method: the risk engine's closed-form moments of a holder of three practices.
  const auto& e = economy();
  std::vector<const ServiceLine*> services;
  for (const auto& s : model().services)
    services.push_back(&s);
  const std::vector<std::size_t> three{0, 1, 2};
  const auto cost = cost_distribution(holder_components(e, services, three, {}));
  double mean = 0, variance = 0;
  for (const auto p : three) {
    const auto [m, v] = annual_cost_moments(model(), e.population.practices()[p].counts);
    mean += m;
    variance += v;
  }
  EXPECT_NEAR(mean / cost.exact_mean, 1.0, 1e-12);
  EXPECT_NEAR(variance / cost.exact_variance, 1.0, 1e-12);
}

TEST(DesignObjective, IncrementalTotalEqualsAFreshEvaluation) {
  const auto req = test::design_request(40000, 120000);
  const auto p = design_problem(economy(), model(), req, 0, AppraisalParameters{});
  ASSERT_NE(p.reference.risk, 1.0);  // the normalised objective is the one checked
  const int parts = choose_parts(p.total_population, p.min_pop, p.max_pop);
  PlanState state(p, metis_seed(p, parts, 3), parts);
  RandomStream rng(5, 1, 2);
  for (int i = 0; i < 500; ++i) {
    const auto a = static_cast<std::size_t>(rng.below(p.atoms.atoms.size()));
    const int to = static_cast<int>(rng.below(static_cast<std::uint64_t>(parts)));
    if (state.size(state.assignment()[a]) <= 1) continue;
    const double predicted = state.total() + state.delta(a, to);
    state.move(a, to);
    const PlanState fresh(p, state.assignment(), parts, state.matching());
    ASSERT_NEAR(state.total(), fresh.total(), 1e-9 * std::max(1.0, std::abs(fresh.total())));
    ASSERT_NEAR(predicted, fresh.total(), 1e-9 * std::max(1.0, std::abs(fresh.total())));
  }
}

TEST(DesignObjective, TermsAreNormalisedByTheSeedOfRestartZeroForEveryRestart) {
  auto req = test::design_request(40000, 120000);
  req.weights = parse_weights("risk=2,cost=0.5,engagement=1,disruption=3,compactness=1.5");
  const double weight_sum = 2 + 0.5 + 1 + 3 + 1.5;
  const auto r = design(economy(), model(), req, 0, AppraisalParameters{});
  const auto& p = r.problem;
  // Closed form: in the reference plan every term is weight × 1, so the total is Σ weights.
  const auto seed = restart_seed(p, r.outcome.parts, req.search.seed, 0);
  const PlanState reference(p, seed, r.outcome.parts);
  const auto raw = reference.terms();
  ASSERT_GT(raw.disruption, 0);
  ASSERT_GT(raw.engagement, 0);
  EXPECT_EQ(p.reference.risk, raw.risk);
  EXPECT_EQ(p.reference.compactness, raw.compactness);
  const auto w = weighted_terms(p, raw);
  EXPECT_NEAR(w.risk, 2, 1e-12);
  EXPECT_NEAR(w.cost, 0.5, 1e-12);
  EXPECT_NEAR(w.engagement, 1, 1e-12);
  EXPECT_NEAR(w.disruption, 3, 1e-12);
  EXPECT_NEAR(w.compactness, 1.5, 1e-12);
  EXPECT_NEAR(reference.total(), weight_sum + kBoundsWeight * raw.bounds, 1e-12 * weight_sum);
  // Every restart is judged on that one scale: restart 0's seed scores Σ weights, the others'
  // seeds whatever they score relative to it.
  ASSERT_EQ(r.outcome.restarts.size(), 3u);
  EXPECT_NEAR(r.outcome.restarts[0].seed_total, reference.total(), 1e-12 * weight_sum);
  for (std::size_t k = 1; k < r.outcome.restarts.size(); ++k) {
    const auto other = restart_seed(p, r.outcome.parts, req.search.seed, k);
    EXPECT_NEAR(r.outcome.restarts[k].seed_total, PlanState(p, other, r.outcome.parts).total(),
                1e-12 * weight_sum);
  }
  // The summary's weighted terms add up to the total.
  const auto& t = r.plan.weighted;
  EXPECT_NEAR(t.risk + t.cost + t.engagement + t.disruption + t.compactness + t.bounds,
              r.plan.terms.total, 1e-9 * weight_sum);
}

TEST(DesignObjective, ATermWhoseReferenceIsZeroEntersUnnormalised) {
  DesignProblem p;
  p.weights = parse_weights("disruption=2");
  ObjectiveTerms raw;
  raw.risk = 0.01;
  raw.cost = 0.02;
  raw.engagement = 0;  // every organisation large
  raw.disruption = 0;  // no current configuration
  raw.compactness = 0.5;
  set_reference(p, raw);
  EXPECT_EQ(p.reference.risk, 0.01);
  EXPECT_EQ(p.reference.engagement, 1);
  EXPECT_EQ(p.reference.disruption, 1);
  ObjectiveTerms later = raw;
  later.risk = 0.02;
  later.disruption = 0.25;
  const auto w = weighted_terms(p, later);
  EXPECT_DOUBLE_EQ(w.risk, 2);
  EXPECT_DOUBLE_EQ(w.cost, 1);
  EXPECT_DOUBLE_EQ(w.engagement, 0);
  EXPECT_DOUBLE_EQ(w.disruption, 0.5);
  EXPECT_DOUBLE_EQ(w.compactness, 1);
}

TEST(DesignSearch, EveryOrganisationIsContiguousAndWithinBounds) {
  const auto req = test::design_request(40000, 120000);
  const auto r = design(economy(), model(), req, 0, AppraisalParameters{});
  EXPECT_TRUE(parts_contiguous(r.problem.graph, r.outcome.assignment, r.outcome.parts));
  std::vector<std::int64_t> pop(static_cast<std::size_t>(r.outcome.parts), 0);
  for (std::size_t a = 0; a < r.problem.atoms.atoms.size(); ++a)
    pop[static_cast<std::size_t>(r.outcome.assignment[a])] += r.problem.atoms.atoms[a].population;
  for (const auto n : pop) {
    EXPECT_GE(n, 40000);
    EXPECT_LE(n, 120000);
  }
  EXPECT_TRUE(r.plan.contiguous);
  EXPECT_TRUE(r.plan.within_bounds);
  EXPECT_EQ(r.plan.terms.bounds, 0);
}

TEST(DesignSearch, ObjectiveIsNeverWorseThanTheSeed) {
  auto req = test::design_request(40000, 120000);
  req.search.restarts = 4;
  const auto r = design(economy(), model(), req, 0, AppraisalParameters{});
  ASSERT_EQ(r.outcome.restarts.size(), 4u);
  for (const auto& restart : r.outcome.restarts)
    EXPECT_LE(restart.best_total, restart.seed_total) << "restart " << restart.restart;
  // The annealing does improve on METIS for this objective (it does not see compactness or
  // disruption).
  const auto& chosen = r.outcome.restarts[static_cast<std::size_t>(r.outcome.chosen_restart)];
  EXPECT_LT(chosen.best_total, chosen.seed_total);
  const PlanState seed(r.problem, r.outcome.seed_assignment, r.outcome.parts);
  const PlanState best(r.problem, r.outcome.assignment, r.outcome.parts, seed.matching());
  EXPECT_LE(best.total(), seed.total());
}

// When the current configuration is itself a valid plan (contiguous, within bounds), one extra
// restart anneals from it, so the design never scores worse than what exists.
TEST(DesignSearch, NeverWorseThanAValidCurrentConfiguration) {
  auto req = test::design_request(1, 1e12);
  req.atoms = "network";
  const auto probe = design_problem(economy(), model(), req, 0, AppraisalParameters{});
  const auto [current, parts] = current_plan(probe);
  const auto sizes = summarise_plan(probe, current, parts);
  ASSERT_TRUE(sizes.contiguous);
  req.min_pop = 1e12;
  req.max_pop = 0;
  for (const auto& o : sizes.organisations) {
    req.min_pop = std::min(req.min_pop, static_cast<double>(o.population));
    req.max_pop = std::max(req.max_pop, static_cast<double>(o.population));
  }
  const auto r = design(economy(), model(), req, 0, AppraisalParameters{});
  ASSERT_EQ(r.outcome.restarts.size(), static_cast<std::size_t>(req.search.restarts) + 1);
  const auto& from_current = r.outcome.restarts.back();
  const auto current_total = PlanState(r.problem, current, parts).total();
  EXPECT_NEAR(from_current.seed_total, current_total, 1e-12);
  EXPECT_LE(from_current.best_total, from_current.seed_total);
  EXPECT_LE(r.plan.terms.total, current_total + 1e-9);
  EXPECT_TRUE(r.plan.contiguous);
  EXPECT_TRUE(r.plan.within_bounds);
}

TEST(DesignSearch, SamePlanForOneTwoAndFourThreads) {
  auto req = test::design_request(40000, 120000);
  req.search.restarts = 4;
  std::vector<std::vector<int>> plans;
  for (const int threads : {1, 2, 4}) {
    req.search.threads = threads;
    const auto r = design(economy(), model(), req, 0, AppraisalParameters{});
    plans.push_back(r.outcome.assignment);
  }
  EXPECT_EQ(plans[0], plans[1]);
  EXPECT_EQ(plans[0], plans[2]);
}

TEST(DesignSearch, NetworksAsAtomsAndKeptWholeLevels) {
  auto req = test::design_request(40000, 120000);
  req.atoms = "network";
  const auto r = design(economy(), model(), req, 0, AppraisalParameters{});
  const auto& config = economy().configuration;
  const auto net = *config.level_index("network");
  std::map<int, std::set<int>> parts_of_network;
  for (std::size_t a = 0; a < r.problem.atoms.atoms.size(); ++a)
    for (const auto p : r.problem.atoms.atoms[a].practices)
      parts_of_network[config.member_of(net, p)].insert(r.outcome.assignment[a]);
  for (const auto& [network, parts] : parts_of_network)
    EXPECT_EQ(parts.size(), 1u) << "network " << network;
  EXPECT_TRUE(r.plan.contiguous);
  EXPECT_TRUE(r.plan.within_bounds);

  // Keeping the current organisations whole: every designed organisation is a union of them.
  req.keep_whole = "organisation";
  req.min_pop = 150000;
  req.max_pop = 400000;
  const auto w = design(economy(), model(), req, 0, AppraisalParameters{});
  EXPECT_EQ(w.problem.atoms.atoms.size(), config.level("organisation").organisations.size());
  EXPECT_TRUE(w.plan.within_bounds);
  const auto org = *config.level_index("organisation");
  std::map<int, std::set<int>> parts_of_org;
  for (std::size_t a = 0; a < w.problem.atoms.atoms.size(); ++a)
    for (const auto p : w.problem.atoms.atoms[a].practices)
      parts_of_org[config.member_of(org, p)].insert(w.outcome.assignment[a]);
  for (const auto& [o, parts] : parts_of_org)
    EXPECT_EQ(parts.size(), 1u) << "organisation " << o;
}

TEST(DesignSearch, MembershipRoundTripsThroughTheAppraisal) {
  const auto req = test::design_request(40000, 120000);
  const auto r = design(economy(), model(), req, 0, AppraisalParameters{});
  const auto csv = membership_csv(economy(), r.problem, r.outcome.assignment);
  const auto mapping = parse_membership({"designed.csv", csv});
  JoinReport report;
  CandidateConfiguration designed;
  designed.name = "designed";
  designed.level = "organisation";
  designed.configuration = Configuration::build(economy().population, mapping, report);
  EXPECT_TRUE(report.unmapped.empty());
  const auto& level = designed.configuration.level("organisation");
  EXPECT_EQ(level.organisations.size(), static_cast<std::size_t>(r.outcome.parts));
  // Every practice is in the organisation its atom was assigned.
  for (std::size_t a = 0; a < r.problem.atoms.atoms.size(); ++a)
    for (const auto p : r.problem.atoms.atoms[a].practices) {
      const auto& org =
          level.organisations[static_cast<std::size_t>(designed.configuration.member_of(
              *designed.configuration.level_index("organisation"), p))];
      EXPECT_EQ(org.code, fmt::format("D{:03d}", r.outcome.assignment[a] + 1));
    }
  // The appraisal's population and expected cost per organisation agree with the design's.
  CandidateConfiguration sq;
  sq.name = "status quo";
  sq.level = "organisation";
  sq.configuration = economy().configuration;
  sq.status_quo = true;
  const auto scenario = parse_scenario("schema_version = 1\n[synthetic]\n", "t.toml", ".");
  const auto s = configuration_structure(scenario, economy(), model(), designed, sq);
  ASSERT_EQ(s.organisations.size(), r.plan.organisations.size());
  for (const auto& o : s.organisations) {
    const auto k = static_cast<std::size_t>(std::stoi(o.code.substr(1)) - 1);
    EXPECT_EQ(o.population, r.plan.organisations[k].population);
    EXPECT_NEAR(o.expected_cost / r.plan.organisations[k].expected_cost, 1.0, 1e-9);
  }
  // One definition of "moved": the appraisal of the designed membership counts the practices
  // and people the design says it moves (issue 17: it was 543 against 1,420 for one change).
  EXPECT_GT(r.plan.practices_moved, 0u);
  EXPECT_EQ(s.practices_moved, r.plan.practices_moved);
  EXPECT_EQ(s.people_moved, r.plan.people_moved);
  EXPECT_GE(s.people_reorganised, s.people_moved);
}

TEST(DesignSearch, BoundsNoCountCanMeetAreRejected) {
  EXPECT_EQ(choose_parts(1000, 100, 300), 5);
  EXPECT_EQ(choose_parts(1000, 400, 600), 2);
  EXPECT_THROW(choose_parts(1000, 600, 900), UsageError);
  EXPECT_THROW(choose_parts(1000, 0, 900), UsageError);
  EXPECT_EQ(choose_parts(1000, 100, 300, 4), 4);
  EXPECT_THROW(choose_parts(1000, 100, 300, 11), UsageError);
  EXPECT_THROW(parse_weights("risk=-1"), UsageError);
  EXPECT_THROW(parse_weights("speed=1"), UsageError);
  const auto w = parse_weights("risk=2, compactness=0.5");
  EXPECT_EQ(w.risk, 2);
  EXPECT_EQ(w.compactness, 0.5);
  EXPECT_EQ(w.cost, 1);
}

}  // namespace
}  // namespace pco

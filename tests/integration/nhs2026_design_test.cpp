// The NHS of 2026 on the real files: the April 2026 mergers as dated transfers (42 ICBs on
// 2026-03-31, 36 on 2026-04-01) with every new ICB's weighted population the exact sum of its
// practices'; the moves between the 2020 and 2026 maps; the April 2021 CCG mergers derived from
// the boundaries; the trust list classified by its waiting lists; and ICB clusters designed by
// the published rules (at least a million people, every county and unitary authority in one
// organisation, two acute trusts each), with the rule that makes --keep-whole icb infeasible.

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "allocation/run.hpp"
#include "core/text.hpp"
#include "design/design.hpp"
#include "economy/load_economy.hpp"
#include "geo/succession.hpp"
#include "model/changes.hpp"
#include "readers/rtt_activity.hpp"
#include "readers/trusts.hpp"
#include "real_data.hpp"
#include "scenario_file/scenario_file.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

// examples/icb2026/icb2026.toml, whose paths are relative to the checkout beside ../shared.
Scenario icb2026(const std::string& as_of) {
  auto s = load_scenario(std::filesystem::path(PCO_TEST_DATA_DIR) /
                         "../../examples/icb2026/icb2026.toml");
  s.population.files = {test::shared_data("allocation/practice-weighted-populations_2025-26.csv")};
  s.population.postcode_districts = test::shared_data("geography/postcode-districts.csv");
  s.configuration.map = test::shared_data("organisation/gp-reg-pat-prac-map_2026-01.csv");
  for (auto& t : s.configuration.transfers)
    if (t.areas_file) t.areas_file = test::shared_data("geography/ctyua23_dec2023_uk_bsc.geojson");
  s.configuration.as_of = as_of;
  return s;
}

std::set<std::string> codes(const Economy& e, const std::string& level) {
  std::set<std::string> out;
  for (const auto& o : e.configuration.level(level).organisations)
    out.insert(o.code);
  return out;
}

using Nhs2026RealData = test::RealDataTest;

TEST_F(Nhs2026RealData, TheAprilMergersTakeTheIcbsFrom42To36) {
  const auto before = load_economy(icb2026("2026-03-31"));
  const auto after = load_economy(icb2026("2026-04-01"));
  EXPECT_EQ(codes(before, "icb").size(), 42u);
  const auto now = codes(after, "icb");
  EXPECT_EQ(now.size(), 36u);
  for (const auto* created : {"Z9B2Z", "S9B9J", "S1Y5D", "S0E4D", "D7T5G", "T6Y0W"})
    EXPECT_TRUE(now.count(created)) << created;
  for (const auto* gone :
       {"QMJ", "QRV", "QNX", "QXU", "QNQ", "QUE", "QHG", "QM7", "QU9", "QH8", "QJG", "QMM"})
    EXPECT_FALSE(now.count(gone)) << gone;
  // Every April 2026 ICB's weighted population per component is the exact sum of its
  // practices' rows of NHS England's file (summed here independently, in practice order).
  const auto run = run_allocation(toml::table{}, "", ".", after, "icb");
  const auto& table = *after.weighted_need->table;
  const auto& columns = core_need_columns();
  for (const auto& o : run.level.organisations) {
    std::vector<long double> sums(columns.size(), 0.0L);
    for (const auto p : o.practices)
      for (std::size_t c = 0; c < columns.size(); ++c)
        sums[c] += table.find(after.population.practices()[p].code)
                       ->wp[static_cast<std::size_t>(columns[c])];
    for (std::size_t c = 0; c < columns.size(); ++c)
      EXPECT_EQ(o.component_weighted[c], sums[c]) << o.code << " " << wp_column_key(columns[c]);
  }
  // The changes between the two dates: only moves, 1,619 practices.
  const auto changes = compare_configurations(after.population, before.configuration, before.join,
                                              after.configuration, after.join, "icb");
  EXPECT_EQ(changes.count(ChangeKind::moved), 1619u);
  EXPECT_EQ(changes.count(ChangeKind::opened) + changes.count(ChangeKind::closed), 0u);
  // Frimley splits along the Berkshire boundary: 40 practices to Thames Valley, 26 to Surrey
  // and Sussex.
  EXPECT_EQ((changes.flows.at({"QNQ", "S0E4D"}).practices), 40u);
  EXPECT_EQ((changes.flows.at({"QNQ", "S9B9J"}).practices), 26u);
}

TEST_F(Nhs2026RealData, MovesBetweenThe2020And2026Maps) {
  Scenario s;
  s.population.files = {test::shared_data("population/gp-reg-pat-prac-all_2021-01.csv")};
  s.configuration.source = ConfigurationInputs::Source::map;
  s.configuration.map_series = {
      {"2020-09-01", test::shared_data("organisation/gp-reg-pat-prac-map_2020-09.csv")},
      {"2026-01-01", test::shared_data("organisation/gp-reg-pat-prac-map_2026-01.csv")}};
  s.configuration.as_of = "2020-12-31";
  const auto before = load_economy(s);
  s.configuration.as_of = "2026-03-31";
  const auto after = load_economy(s);
  EXPECT_TRUE(before.configuration.level_index("stp"));
  EXPECT_TRUE(after.configuration.level_index("icb"));
  const auto changes = compare_configurations(after.population, before.configuration, before.join,
                                              after.configuration, after.join, "icb");
  EXPECT_EQ(changes.level_before, "stp");
  EXPECT_EQ(changes.level_after, "icb");
  // The July 2022 boundary changes: West Birmingham to Birmingham and Solihull, Bassetlaw to
  // Nottinghamshire, Glossop to Derbyshire.
  EXPECT_EQ((changes.flows.at({"QUA", "QHL"}).practices), 24u);
  EXPECT_EQ((changes.flows.at({"QUA", "QHL"}).patients), 188638);
  EXPECT_EQ((changes.flows.at({"QF7", "QT1"}).practices), 9u);
  EXPECT_EQ((changes.flows.at({"QOP", "QJ2"}).practices), 4u);
  EXPECT_EQ(changes.count(ChangeKind::moved), 39u);
  EXPECT_EQ(changes.count(ChangeKind::closed), 553u);
}

TEST_F(Nhs2026RealData, The2021CcgMergersFromTheBoundaries) {
  const auto load = [](const std::string& path) {
    const auto p = data(path);
    return AreaIndex(parse_geojson_boundaries({p.string(), read_text_file(p)}));
  };
  const auto lookup = [](const std::string& path) {
    const auto p = data(path);
    return read_code_lookup({p.string(), read_text_file(p)});
  };
  const auto before_codes = lookup("geography/ref_ccg20.csv");
  const auto after_codes = lookup("geography/ref_ccg21.csv");
  const auto plan =
      plan_successions(load("geography/ccg20_apr2020_en_buc.geojson"),
                       load("geography/ccg21_apr2021_en_bsc.geojson"), &before_codes, &after_codes);
  EXPECT_EQ(plan.before_count, 135u);
  EXPECT_EQ(plan.after_count, 106u);
  ASSERT_EQ(plan.merged.size(), 9u);
  std::size_t merged = 0;
  for (const auto& m : plan.merged)
    merged += m.predecessors.size();
  EXPECT_EQ(merged, 38u);  // 135 - 38 + 9 = 106
  EXPECT_EQ(plan.unchanged.size(), 97u);
  EXPECT_EQ(plan.merged.front().code, "A3A8R");  // North East London, from seven CCGs
  EXPECT_EQ(plan.merged.front().predecessors.size(), 7u);
}

TEST_F(Nhs2026RealData, TrustsAreClassifiedByTheirWaitingLists) {
  auto trusts = read_etr_file(test::shared_data("providers/etr_2026-07.csv"));
  const auto activity =
      read_rtt_activity_file(test::shared_data("providers/rtt-full-extract_2026-04.csv.zip"));
  // 529 provider organisations in the extract, 528 of them with an incomplete pathway.
  EXPECT_EQ(activity.providers.size(), 528u);
  classify_trusts_by_activity(trusts, activity);
  std::map<TrustKind, std::size_t> kinds;
  std::map<std::string, TrustKind> by_code;
  for (const auto& t : open_trusts(trusts))
    if (!t.icb.empty()) {
      ++kinds[t.kind];
      by_code[t.code] = t.kind;
    }
  EXPECT_EQ(by_code.at("R0A"), TrustKind::acute);          // Manchester University
  EXPECT_EQ(by_code.at("RHQ"), TrustKind::acute);          // Sheffield: no return, a hospital
  EXPECT_EQ(by_code.at("RP6"), TrustKind::specialist);     // Moorfields
  EXPECT_EQ(by_code.at("RV5"), TrustKind::mental_health);  // South London and Maudsley
  EXPECT_EQ(by_code.at("RRU"), TrustKind::ambulance);
  EXPECT_EQ(by_code.at("RNU"), TrustKind::other);  // Oxford Health: no waiting list
  std::size_t agree = 0, total = 0;
  for (const auto& t : open_trusts(trusts))
    if (!t.icb.empty()) {
      ++total;
      agree += classify_trust(t.name) == t.kind ? 1 : 0;
    }
  std::cout << "the name alone gives the same kind for " << agree << " of " << total << "\n";
  std::cout << "open English trusts:";
  for (const auto& [kind, n] : kinds)
    std::cout << " " << trust_kind_label(kind) << " " << n;
  std::cout << "\n";
  // Measured (docs/population.md): of the 199 open English trusts, 116 acute, 20 specialist,
  // 23 mental health, 11 community, 10 ambulance, 19 other.
  EXPECT_EQ(kinds[TrustKind::acute], 116u);
}

DesignRequest rules_request(const std::string& atoms, double min_area_share) {
  DesignRequest r;
  r.atoms = atoms;
  r.min_pop = 1'000'000;
  r.max_pop = 5'000'000;
  r.current_level = "icb";
  r.search.restarts = 2;
  r.search.sweeps = 300;
  r.search.seed = 2026;
  r.search.use_processes = false;
  r.rules.coterminous = test::shared_data("geography/ctyua23_dec2023_uk_bsc.geojson");
  r.rules.min_area_share = min_area_share;
  return r;
}

TEST_F(Nhs2026RealData, TwentySixClustersByThePublishedRules) {
  const auto economy = load_economy(icb2026("2026-04-01"));
  auto request = rules_request("practice", 0);
  request.search.parts = 26;
  auto trusts = read_etr_file(test::shared_data("providers/etr_2026-07.csv"));
  classify_trusts_by_activity(
      trusts,
      read_rtt_activity_file(test::shared_data("providers/rtt-full-extract_2026-04.csv.zip")));
  locate_trusts(trusts,
                parse_postcode_districts(
                    {test::shared_data("geography/postcode-districts.csv").string(),
                     read_text_file(test::shared_data("geography/postcode-districts.csv"))}));
  for (auto& t : open_trusts(trusts))
    if (!t.icb.empty()) request.rules.providers.push_back(t);
  request.rules.min_providers = 2;
  const auto r = design(economy, default_service_model(), request, 0, AppraisalParameters{});
  EXPECT_EQ(r.outcome.parts, 26);
  EXPECT_TRUE(r.infeasible.empty());
  EXPECT_TRUE(r.plan.violations.empty());
  EXPECT_TRUE(r.plan.contiguous);
  // Checked independently of the rules code: each organisation's people and acute trusts, and
  // every county and unitary authority's practices in one organisation.
  std::vector<std::int64_t> people(26, 0);
  std::map<int, std::set<int>> parts_of_area;
  for (std::size_t a = 0; a < r.problem.atoms.atoms.size(); ++a) {
    const auto& atom = r.problem.atoms.atoms[a];
    people[static_cast<std::size_t>(r.outcome.assignment[a])] += atom.population;
    for (const auto q : atom.practices)
      parts_of_area[r.problem.practice_area[q].area].insert(r.outcome.assignment[a]);
  }
  for (const auto n : people) {
    EXPECT_GE(n, 1'000'000);
    EXPECT_LE(n, 5'000'000);
  }
  for (const auto& [area, parts] : parts_of_area)
    EXPECT_EQ(parts.size(), 1u) << (area >= 0 ? r.problem.area_names[static_cast<std::size_t>(area)]
                                              : std::string("unplaced"));
  for (const auto& o : r.plan.organisations)
    EXPECT_GE(o.providers.size(), 2u) << o.code;
}

TEST_F(Nhs2026RealData, WholeIcbsCannotMeetCountyCoterminosity) {
  const auto economy = load_economy(icb2026("2026-03-31"));
  auto request = rules_request("practice", 0.02);
  request.keep_whole = "icb";
  request.search.sweeps = 10;
  request.search.restarts = 1;
  const auto r = design(economy, default_service_model(), request, 0, AppraisalParameters{});
  // Essex spans three ICBs, Suffolk two and Redbridge another: keeping every county whole
  // joins five whole ICBs of the East and north-east London into one block of 7.6 million.
  bool east = false;
  for (const auto& v : r.infeasible) {
    EXPECT_EQ(v.rule, "coterminous");
    if (v.detail.find("QH8") != std::string::npos && v.detail.find("QJG") != std::string::npos) {
      east = true;
      EXPECT_NE(v.detail.find("7,557,264 people"), std::string::npos) << v.detail;
    }
  }
  EXPECT_TRUE(east);
}

}  // namespace
}  // namespace pco

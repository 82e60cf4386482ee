#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "economy/load_economy.hpp"
#include "geo/organisation_areas.hpp"
#include "model/configuration.hpp"
#include "readers/mapping_file.hpp"
#include "scenario/scenario.hpp"
#include "scenario_file/scenario_file.hpp"
#include "synth/synthetic_economy.hpp"
#include "synth/synthetic_land.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

const SyntheticEconomy& default_economy() {
  static const SyntheticEconomy economy = generate_synthetic_economy({1, 1500});
  return economy;
}

std::map<std::string, std::int64_t> population_by(const SyntheticEconomy& e, std::size_t level) {
  std::map<std::string, std::int64_t> out;
  for (std::size_t i = 0; i < e.mapping.rows.size(); ++i)
    out[e.mapping.rows[i].orgs[level].code] += e.population.practices()[i].list_size();
  return out;
}

double share_65_plus(const Practice& p) {
  std::int64_t old = 0;
  for (int c = 0; c < kCells; ++c)
    if (band_lower_age(cell_band(c)) >= 65) old += p.counts[c];
  return static_cast<double>(old) / static_cast<double>(p.list_size());
}

TEST(SyntheticEconomy, SameSeedGivesIdenticalFilesAndAnotherSeedDoesNot) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("pco_synth_" + std::to_string(::getpid()));
  write_synthetic_economy(generate_synthetic_economy({7, 300}), {7, 300}, dir / "a");
  write_synthetic_economy(generate_synthetic_economy({7, 300}), {7, 300}, dir / "b");
  write_synthetic_economy(generate_synthetic_economy({8, 300}), {8, 300}, dir / "c");
  for (const auto* name : {"practices.csv", "organisations.csv", "locations.csv", "land.geojson"}) {
    EXPECT_EQ(slurp(dir / "a" / name), slurp(dir / "b" / name)) << name;
    EXPECT_NE(slurp(dir / "a" / name), slurp(dir / "c" / name)) << name;
  }
  std::filesystem::remove_all(dir);
}

// The land outline keeps every practice on land (for several seeds and sizes), is read back by
// the boundaries reader from land.geojson, and its organisations tile it.
TEST(SyntheticEconomy, EveryPracticeIsOnTheLandAndOrganisationsTileIt) {
  for (const std::uint64_t seed : {1u, 7u, 42u}) {
    const auto e = generate_synthetic_economy({seed, 600});
    const auto ring = synthetic_land_outline(seed);
    Boundary land{"LAND", "land", {ring}};
    std::vector<LocatedPractice> located;
    for (std::size_t i = 0; i < e.population.size(); ++i)
      located.push_back({*e.population.practices()[i].location, e.mapping.rows[i].orgs[1].code,
                         e.population.practices()[i].list_size()});
    const auto areas = organisation_areas(located, {land});
    EXPECT_EQ(areas.outside_land, 0u) << seed;
    double total = 0;
    for (const auto& a : areas.areas)
      total += a.area_km2;
    EXPECT_NEAR(total, areas.land_area_km2, 1e-6 * areas.land_area_km2) << seed;
    // A box of 3.04° × about 4.1° at 52.5°N: roughly 340 km × 280 km.
    EXPECT_GT(areas.land_area_km2, 80'000);
    EXPECT_LT(areas.land_area_km2, 110'000);
  }
  const auto text = land_geojson(synthetic_land_outline(1), "LAND", "Synthetic land");
  const auto read = parse_geojson_boundaries({"land.geojson", text});
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].code, "LAND");
  EXPECT_EQ(read[0].rings[0].size(), synthetic_land_outline(1).size());
}

// Calibration targets from the Jan 2021 national file: median list 7,930, 4.4% of practices
// under 2,500, a long right tail (99th percentile 30,179). Tolerances allow for 1,500 draws.
TEST(SyntheticEconomy, ListSizesFollowTheNationalSpread) {
  const auto& e = default_economy();
  std::vector<std::int64_t> lists;
  for (const auto& p : e.population.practices())
    lists.push_back(p.list_size());
  std::sort(lists.begin(), lists.end());
  ASSERT_EQ(lists.size(), 1500u);
  const auto median = lists[lists.size() / 2];
  EXPECT_GT(median, 7000);
  EXPECT_LT(median, 9000);
  const auto small = std::count_if(lists.begin(), lists.end(), [](auto n) { return n < 2500; });
  EXPECT_GE(small, 15);   // at least 1%
  EXPECT_LE(small, 120);  // at most 8%
  EXPECT_GT(lists.back(), 25000);
  EXPECT_LT(lists.front(), 1500);  // a few single-handed-sized lists
}

TEST(SyntheticEconomy, GroupsHaveTheRequestedSizes) {
  const auto& e = default_economy();
  ASSERT_EQ(e.mapping.levels, (std::vector<std::string>{"network", "organisation", "region"}));
  for (const auto& [code, pop] : population_by(e, 0)) {
    EXPECT_GE(pop, 20000) << code;
    EXPECT_LE(pop, 65000) << code;
  }
  const auto orgs = population_by(e, 1);
  EXPECT_GE(orgs.size(), 55u);
  EXPECT_LE(orgs.size(), 110u);
  for (const auto& [code, pop] : orgs) {
    EXPECT_GE(pop, 90000) << code;
    EXPECT_LE(pop, 270000) << code;
  }
  EXPECT_EQ(population_by(e, 2).size(), 7u);
}

TEST(SyntheticEconomy, NetworksNestInOrganisationsAndOrganisationsInRegions) {
  const auto& e = default_economy();
  std::map<std::string, std::set<std::string>> parents[2];
  for (const auto& row : e.mapping.rows) {
    parents[0][row.orgs[0].code].insert(row.orgs[1].code);
    parents[1][row.orgs[1].code].insert(row.orgs[2].code);
  }
  for (const auto& level : parents)
    for (const auto& [code, up] : level)
      EXPECT_EQ(up.size(), 1u) << code << " straddles";
}

TEST(SyntheticEconomy, AgeStructuresDifferByPlace) {
  const auto& e = default_economy();
  std::map<PlaceKind, std::pair<double, int>> sums;
  for (std::size_t i = 0; i < e.kinds.size(); ++i) {
    auto& s = sums[e.kinds[i]];
    s.first += share_65_plus(e.population.practices()[i]);
    ++s.second;
  }
  const auto mean = [&](PlaceKind k) { return sums[k].first / sums[k].second; };
  ASSERT_GT(sums[PlaceKind::urban].second, 20);
  ASSERT_GT(sums[PlaceKind::coastal].second, 20);
  EXPECT_GT(mean(PlaceKind::coastal), 1.5 * mean(PlaceKind::urban));
  EXPECT_GT(mean(PlaceKind::rural), mean(PlaceKind::suburban));
  // The whole economy stays close to the national share of 65+ (about 18% in 2021).
  const auto total = e.population.total_counts();
  std::int64_t old = 0;
  for (int c = 0; c < kCells; ++c)
    if (band_lower_age(cell_band(c)) >= 65) old += total[c];
  const double share = static_cast<double>(old) / static_cast<double>(pco::total(total));
  EXPECT_GT(share, 0.14);
  EXPECT_LT(share, 0.23);
}

TEST(SyntheticEconomy, WrittenFilesReadBackToTheSameEconomy) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("pco_synth_rt_" + std::to_string(::getpid()));
  const auto generated = generate_synthetic_economy({3, 200});
  write_synthetic_economy(generated, {3, 200}, dir);
  const auto from_files = load_economy(load_scenario(dir / "scenario.toml"));

  Scenario embedded;
  embedded.synthetic = SyntheticInputs{3, 200};
  embedded.configuration.source = ConfigurationInputs::Source::synthetic;
  const auto in_memory = load_economy(embedded);

  ASSERT_EQ(from_files.population.size(), 200u);
  ASSERT_EQ(in_memory.population.size(), 200u);
  for (std::size_t i = 0; i < 200; ++i) {
    const auto& a = from_files.population.practices()[i];
    const auto* b = in_memory.population.find(a.code);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(a.counts, b->counts) << a.code;
    ASSERT_TRUE(a.location && b->location);
    EXPECT_NEAR(a.location->lat, b->location->lat, 1e-6);
  }
  for (const auto* level : {"network", "organisation", "region"}) {
    const auto& x = from_files.configuration.level(level);
    const auto& y = in_memory.configuration.level(level);
    ASSERT_EQ(x.organisations.size(), y.organisations.size()) << level;
    for (const auto& org : x.organisations) {
      const auto* other = y.find(org.code);
      ASSERT_NE(other, nullptr) << org.code;
      EXPECT_EQ(org.name, other->name);
      std::set<std::string> ma, mb;
      for (auto m : org.members)
        ma.insert(from_files.population.practices()[m].code);
      for (auto m : other->members)
        mb.insert(in_memory.population.practices()[m].code);
      EXPECT_EQ(ma, mb) << org.code;
    }
  }
  EXPECT_TRUE(from_files.join.unmapped.empty());
  EXPECT_TRUE(from_files.join.warnings.empty());
  std::filesystem::remove_all(dir);
}

TEST(SyntheticEconomy, OutOfRangeSizeIsAUsageError) {
  EXPECT_THROW(generate_synthetic_economy({1, 5}), UsageError);
  EXPECT_THROW(generate_synthetic_economy({1, 20001}), UsageError);
}

TEST(LevelColumnsMapping, ReadsLevelsFromTheHeader) {
  const auto table = parse_level_columns(
      {"m.csv", "practice,network,network_name,organisation\nP1,N1,North net,O1\nP2,N2,,O1\n"});
  EXPECT_EQ(table.levels, (std::vector<std::string>{"network", "organisation"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].orgs[0].name, "North net");
  EXPECT_EQ(table.rows[1].orgs[1].code, "O1");
}

TEST(LevelColumnsMapping, MisplacedNameColumnAndMissingCodesAreListedTogether) {
  const auto lines = test::input_error_lines([] {
    parse_level_columns({"m.csv", "practice,network,organisation_name\nP1,N1,x\n"});
  });
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0],
            "m.csv:1:3: header: got \"organisation_name\", expected a name column straight "
            "after the code column organisation");
  const auto rows = test::input_error_lines([] {
    parse_level_columns({"m.csv", "practice,network,organisation\nP1,,O1\n,N2,O1\n"});
  });
  ASSERT_EQ(rows.size(), 2u);
}

}  // namespace
}  // namespace pco

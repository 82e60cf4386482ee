// NHS England's weighted-population layouts (2022/23, 2023/24-2024/25, 2025/26 with a BOM and
// renamed, emptied columns), the trust list (etr) and the RTT activity that tells acute trusts
// from the others: small hand-made files with every value checked, and bad input reported at once.

#include <gtest/gtest.h>

#include "core/text.hpp"
#include "readers/population_file.hpp"
#include "readers/rtt_activity.hpp"
#include "readers/trusts.hpp"
#include "readers/weighted_populations.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

TextFile fixture(const std::string& name) {
  const auto path = test::test_data("readers/" + name);
  return {path.string(), read_text_file(path)};
}

TEST(WeightedPopulations, The2022LayoutKeepsEveryColumn) {
  const auto t = parse_weighted_populations(fixture("wp_2022-23_small.csv"));
  EXPECT_EQ(t.layout, "2022/23");
  EXPECT_EQ(t.year, "2022/23");
  ASSERT_EQ(t.rows.size(), 3u);
  const auto& a = t.rows[0];
  EXPECT_EQ(a.code, "P0001");
  EXPECT_EQ(a.name, "Alpha Surgery, East");  // quoted comma
  EXPECT_EQ(a.pcn, "N001");
  EXPECT_EQ(a.sub_icb, "00A");
  EXPECT_EQ(a.icb, "Q01");
  EXPECT_EQ(a.icb_name, "ICB One");
  EXPECT_EQ(a.region, "Y63");
  EXPECT_EQ(a.utla, "E06000001");
  EXPECT_EQ(a.patients, 1000);
  EXPECT_DOUBLE_EQ(a.population, 1010.5);
  ASSERT_TRUE(a.location);
  EXPECT_DOUBLE_EQ(a.location->lat, 54.5);
  EXPECT_DOUBLE_EQ(a.wp[static_cast<std::size_t>(WpColumn::general_and_acute)], 1200);
  EXPECT_DOUBLE_EQ(a.wp[static_cast<std::size_t>(WpColumn::core_overall)], 1150);
  EXPECT_DOUBLE_EQ(a.wp[static_cast<std::size_t>(WpColumn::primary_medical_care_overall)], 1020);
  // An empty maternity field reads as 0 and is noted.
  EXPECT_DOUBLE_EQ(t.rows[1].wp[static_cast<std::size_t>(WpColumn::maternity)], 0);
  ASSERT_EQ(t.notes.size(), 1u);
  EXPECT_NE(t.notes[0].find("1 practices have an empty 'Mat WP' field"), std::string::npos);
  EXPECT_DOUBLE_EQ(t.total(WpColumn::general_and_acute), 1200 + 1800 + 3001.5);
  EXPECT_EQ(t.find("P0003")->icb, "Q02");
  EXPECT_EQ(t.find("NOPE"), nullptr);
}

TEST(WeightedPopulations, TheMiddleLayoutHasEmptyPatientsPcnAndLoc) {
  const auto t = parse_weighted_populations(fixture("wp_2024-25_small.csv"));
  EXPECT_EQ(t.layout, "2023/24-2024/25");
  EXPECT_EQ(t.year, "2024/25");  // from the file name: the header still says pop 2022/23
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_FALSE(t.rows[0].patients);
  EXPECT_TRUE(t.rows[0].pcn.empty());
  EXPECT_DOUBLE_EQ(t.rows[1].population, 2005.0);
}

TEST(WeightedPopulations, The2025LayoutWithAByteOrderMarkAndRenamedColumns) {
  const auto t = parse_weighted_populations(fixture("wp_2025-26_small.csv"));
  EXPECT_EQ(t.layout, "2025/26");
  EXPECT_EQ(t.year, "2025/26");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].code, "P0001");  // the BOM is not part of the first heading
  EXPECT_EQ(t.rows[0].icb_name, "NHS ICB One");
  EXPECT_EQ(t.rows[0].lad, "E06000001");
  EXPECT_TRUE(t.rows[0].utla.empty());
  EXPECT_DOUBLE_EQ(t.rows[1].wp[static_cast<std::size_t>(WpColumn::mental_health)], 2120);
}

TEST(WeightedPopulations, AsAPopulationListsAreRoundedAndImputedWithTheFilesLevels) {
  const auto source = read_population({fixture("wp_2025-26_small.csv")});
  EXPECT_EQ(source.format, PopulationFormat::weighted_populations);
  const auto& pop = source.population;
  ASSERT_EQ(pop.size(), 2u);  // DELTA's 0.3 people round to 0: left out and listed
  ASSERT_EQ(pop.excluded.size(), 1u);
  EXPECT_EQ(pop.excluded[0].code, "P0004");
  EXPECT_EQ(pop.practices()[0].list_size(), 1030);
  EXPECT_EQ(pop.practices()[1].list_size(), 2010);
  EXPECT_TRUE(pop.practices()[0].imputed_structure);
  ASSERT_TRUE(pop.practices()[0].location);
  EXPECT_FALSE(pop.practices()[0].location_is_approximate);
  ASSERT_TRUE(source.embedded_mapping);
  EXPECT_EQ(source.embedded_mapping->levels, (std::vector<std::string>{"icb", "region"}));
  const auto full = read_population({fixture("wp_2022-23_small.csv")});
  EXPECT_EQ(full.embedded_mapping->levels,
            (std::vector<std::string>{"network", "sub_icb", "icb", "region"}));
}

TEST(WeightedPopulations, BadRowsAreAllReported) {
  const auto lines =
      test::input_error_lines([] { parse_weighted_populations(fixture("wp_bad.csv")); });
  const auto f = test::test_data("readers/wp_bad.csv").string();
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], f +
                          ":3:1: Practice_Code: got \"P0001\", expected each practice once (first "
                          "at " +
                          f + ":2)");
  EXPECT_EQ(lines[1], f + ":4:8: G&A WP: got \"abc\", expected a number from 0 to 100000000");
  EXPECT_EQ(lines[2], f + ":5:7: Population: got \"-5\", expected a number from 0 to 10000000");
  EXPECT_EQ(lines[3], f + ":5:4: Latitude: got \"95\", expected a number from -90 to 90");
  EXPECT_EQ(lines[4], f + ":5:6: ICB: got \"\", expected an ICB code");
}

TEST(WeightedPopulations, ColumnsParseByKeyOrHeading) {
  EXPECT_EQ(parse_wp_column("mental_health"), WpColumn::mental_health);
  EXPECT_EQ(parse_wp_column("Final PMC WP"), WpColumn::primary_medical_care_overall);
  EXPECT_EQ(parse_wp_column("health ineq wp"), WpColumn::health_inequalities);
  EXPECT_FALSE(parse_wp_column("dental"));
}

TEST(Trusts, TheEtrLayoutWithDatesKindsAndLocations) {
  auto trusts = parse_etr(fixture("etr_small.csv"));
  ASSERT_EQ(trusts.size(), 5u);
  EXPECT_EQ(trusts[0].code, "RAA");
  EXPECT_EQ(trusts[0].icb, "Q01");
  EXPECT_EQ(trusts[0].region, "Y63");
  EXPECT_EQ(trusts[0].open_date, "1994-04-01");
  EXPECT_EQ(trusts[0].kind, TrustKind::acute);
  EXPECT_EQ(trusts[1].kind, TrustKind::mental_health);
  EXPECT_EQ(trusts[2].kind, TrustKind::ambulance);
  EXPECT_EQ(trusts[3].kind, TrustKind::specialist);
  EXPECT_EQ(trusts[3].close_date, "2020-03-31");
  EXPECT_TRUE(trusts[3].open_on("2020-03-31"));
  EXPECT_FALSE(trusts[3].open_on("2020-04-01"));
  EXPECT_EQ(open_trusts(trusts).size(), 4u);
  EXPECT_EQ(open_trusts(trusts, "2019-01-01").size(), 5u);
  const PostcodeDistricts districts = {{"AB1", {54.5, -1.3}}, {"CD1", {51.5, -0.1}}};
  const auto unplaced = locate_trusts(trusts, districts);
  EXPECT_EQ(unplaced, (std::vector<std::string>{"RAB", "RAE"}));
  ASSERT_TRUE(trusts[2].location);
  EXPECT_DOUBLE_EQ(trusts[2].location->lat, 51.5);
}

TEST(Trusts, BadRowsAreAllReported) {
  const auto lines = test::input_error_lines([] { parse_etr(fixture("etr_bad.csv")); });
  const auto f = test::test_data("readers/etr_bad.csv").string();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], f + ":2:1: code: got \"RAA\", expected each trust once (first at line 1)");
  EXPECT_EQ(lines[1],
            f + ":3:11: open date: got \"1994040\", expected a date as CCYYMMDD or nothing");
  EXPECT_NE(lines[2].find(f + ":4:"), std::string::npos) << lines[2];
}

TEST(Trusts, RttActivityTellsAcuteFromSpecialistAndOther) {
  const auto activity = parse_rtt_activity(fixture("rtt_small.csv"));
  EXPECT_EQ(activity.period, "RTT-April-2026");
  ASSERT_EQ(activity.providers.size(), 3u);
  // Part_2 rows only, without the C_999 total: 150 + 120.
  EXPECT_EQ(activity.providers.at("RAA").incomplete, 270);
  EXPECT_EQ(activity.providers.at("RAE").by_function.at("C_100"), 105);
  auto trusts = parse_etr(fixture("etr_small.csv"));
  const auto without = classify_trusts_by_activity(trusts, activity, {100, 2});
  EXPECT_EQ(without, (std::vector<std::string>{"RAB", "RAC"}));
  EXPECT_EQ(trusts[0].kind, TrustKind::acute);          // 2 functions of >= 100
  EXPECT_EQ(trusts[1].kind, TrustKind::mental_health);  // no RTT rows: its name
  EXPECT_EQ(trusts[2].kind, TrustKind::ambulance);
  EXPECT_EQ(trusts[3].kind, TrustKind::specialist);  // its name; 90 pathways
  EXPECT_EQ(trusts[4].kind, TrustKind::specialist);  // one function of 105 pathways
}

}  // namespace
}  // namespace pco

// Integration tests on the real NHS files in ../shared/data. They skip, visibly, when the
// files are absent. The expected figures are the published totals of each file.

#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "model/configuration.hpp"
#include "model/summary.hpp"
#include "readers/locations.hpp"
#include "readers/mapping_file.hpp"
#include "readers/ods_practices.hpp"
#include "readers/population_file.hpp"
#include "real_data.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

using RealData = test::RealDataTest;

TEST_F(RealData, Totals2021GivesThePublishedCounts) {
  const auto s = read_population_files({data("population/gp-reg-pat-prac-all_2021-01.csv")});
  EXPECT_EQ(s.population.size(), 6658u);
  EXPECT_EQ(s.population.total_patients(), 60606345);
  EXPECT_EQ(s.population.extract_date, "2021-01-01");
  EXPECT_TRUE(s.population.excluded.empty());
  // The file names each practice's CCG: 135 of them.
  JoinReport report;
  const auto c = Configuration::build(s.population, *s.embedded_mapping, report);
  EXPECT_EQ(c.level("ccg").organisations.size(), 135u);
}

TEST_F(RealData, Totals2021JoinedToThe2020MapGives135CcgsAnd42Stps) {
  const auto s = read_population_files({data("population/gp-reg-pat-prac-all_2021-01.csv")});
  const auto map = read_mapping_file(data("organisation/gp-reg-pat-prac-map_2020-09.csv"));
  JoinReport report;
  const auto c = Configuration::build(s.population, map, report);
  EXPECT_EQ(c.level("ccg").organisations.size(), 135u);
  EXPECT_EQ(c.level("stp").organisations.size(), 42u);
  EXPECT_EQ(c.level("region").organisations.size(), 7u);
  // Three practices opened after the map was extracted and so fail to join.
  std::set<std::string> unmapped;
  std::int64_t unmapped_patients = 0;
  for (const auto& u : report.unmapped) {
    unmapped.insert(u.code);
    unmapped_patients += s.population.find(u.code)->list_size();
  }
  EXPECT_EQ(unmapped, (std::set<std::string>{"Y06592", "Y06659", "Y06810"}));
  EXPECT_EQ(unmapped_patients, 4561);
  EXPECT_EQ(report.mapped_without_patients, 53u);
  // 15 networks straddle two CCGs; practices keep their own CCG.
  EXPECT_EQ(report.warnings.size(), 15u);
  const auto summary = summarise_level(s.population, c, "stp");
  EXPECT_EQ(summary.total.population, 60606345 - 4561);
  EXPECT_EQ(summary.total.practices, 6655u);
}

TEST_F(RealData, ListSize2013GivesThePublishedTotal) {
  const auto s = read_population_files({data("population/patient-list-size_2013-04.csv")});
  EXPECT_EQ(s.population.total_patients(), 56025327);
  EXPECT_EQ(s.population.size(), 8068u);
  EXPECT_EQ(s.population.excluded.size(), 9754u - 8068u);
  JoinReport report;
  const auto c = Configuration::build(s.population, *s.embedded_mapping, report);
  EXPECT_EQ(c.level("pco").organisations.size(), 221u);
  EXPECT_EQ(c.level("area_team").organisations.size(), 31u);
  EXPECT_EQ(c.level("region").organisations.size(), 7u);
  // The spread keeps each 9-band count: the national male 75+ total is the file's.
  std::int64_t male_75_plus = 0;
  for (const auto& p : s.population.practices()) {
    for (int b = 15; b < kAgeBands; ++b)
      male_75_plus += p.counts[cell_index(Sex::male, b)];
  }
  EXPECT_EQ(male_75_plus, 1777363);
}

TEST_F(RealData, ListSize2015Reads) {
  const auto s = read_population_files({data("population/patient-list-size_2015-04.csv")});
  EXPECT_EQ(s.population.total_patients(), 57024156);
  EXPECT_EQ(s.population.size(), 7835u);
}

TEST_F(RealData, QuinarySamplesReadCellByCell) {
  for (const auto* f : {"population/gp-reg-pat-prac-quin-age_2017-09_sample.csv",
                        "population/gp-reg-pat-prac-quin-age_2017-10_sample.csv"}) {
    const auto s = read_population_files({data(f)});
    EXPECT_EQ(s.population.size(), 4u) << f;
    for (const auto& p : s.population.practices())
      EXPECT_FALSE(p.imputed_structure);
  }
  const auto s =
      read_population_files({data("population/gp-reg-pat-prac-quin-age_2017-09_sample.csv")});
  EXPECT_EQ(s.population.find("B85010")->list_size(), 6939);
}

TEST_F(RealData, EpraccurFilesRead) {
  const auto path = data("organisation/epraccur_2019-12.csv");
  const auto records = parse_epraccur({path.string(), read_text_file(path)});
  EXPECT_EQ(records.size(), 14357u);
  std::size_t gp = 0, active = 0;
  for (const auto& r : records) {
    gp += r.prescribing_setting == kOdsGpPracticeSetting ? 1 : 0;
    active += r.status == PracticeStatus::active ? 1 : 0;
  }
  EXPECT_EQ(gp, 8204u);
  EXPECT_EQ(active, 11474u);
  const auto old = data("organisation/epraccur_2015.csv");
  EXPECT_EQ(parse_epraccur({old.string(), read_text_file(old)}).size(), 12705u);
}

TEST_F(RealData, EveryPracticeOf2021IsPlacedByItsPostcodeDistrict) {
  auto s = read_population_files({data("population/gp-reg-pat-prac-all_2021-01.csv")});
  const auto path = data("geography/postcode-districts.csv");
  const auto districts = parse_postcode_districts({path.string(), read_text_file(path)});
  const auto report = locate_by_postcode_district(s.population, districts);
  EXPECT_EQ(report.located, 6658u);
  EXPECT_TRUE(report.unlocated.empty());
  for (const auto& p : s.population.practices()) {
    // England lies within these bounds.
    EXPECT_GT(p.location->lat, 49.8);
    EXPECT_LT(p.location->lat, 55.9);
  }
}

TEST_F(RealData, PopulationCommandJsonOnTheRealFiles) {
  const auto r = test::run_cli(
      "population --practices " + data("population/gp-reg-pat-prac-all_2021-01.csv").string() +
      " --map " + data("organisation/gp-reg-pat-prac-map_2020-09.csv").string() +
      " --level stp --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["level"], "stp");
  EXPECT_EQ(json["organisations"].size(), 42u);
  EXPECT_EQ(json["total"]["population"], 60606345 - 4561);
  EXPECT_EQ(json["total"]["practices"], 6655);
  EXPECT_EQ(json["unmapped_practices"], 3);
  std::int64_t sum = 0;
  for (const auto& o : json["organisations"]) {
    for (const auto* key : {"code", "name", "practices", "population", "pct_65_plus", "pct_85_plus",
                            "min_list", "max_list"}) {
      EXPECT_TRUE(o.contains(key)) << key;
    }
    sum += o["population"].get<std::int64_t>();
  }
  EXPECT_EQ(sum, 60606345 - 4561);
}

}  // namespace
}  // namespace pco

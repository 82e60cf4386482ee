#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "readers/locations.hpp"
#include "readers/ods_practices.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

std::string ods_row(const std::string& code, const std::string& status, const std::string& setting,
                    const std::string& close = "") {
  return "\"" + code +
         "\",\"THE SURGERY\",\"Y63\",\"Q74\",\"A\",\"B\",\"TOWN\",\"COUNTY\",\"\",\"TS18 1HU\","
         "\"19740401\",\"" +
         close + "\",\"" + status +
         "\",\"B\",\"00K\",\"20130401\",\"\",\"01642\",\"\",\"\",\"\","
         "\"0\",\"\",\"00K\",\"\",\"" +
         setting + "\",\"\"\n";
}

TEST(Epraccur, ReadsTheKeptColumns) {
  const auto records = parse_epraccur(
      {"e.csv", ods_row("A81001", "A", "4") + ods_row("A81003", "C", "4", "20171031")});
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].code, "A81001");
  EXPECT_EQ(records[0].postcode, "TS18 1HU");
  EXPECT_EQ(records[0].status, PracticeStatus::active);
  EXPECT_EQ(records[0].commissioner, "00K");
  EXPECT_EQ(records[0].prescribing_setting, 4);
  EXPECT_EQ(records[0].open_date, "1974-04-01");
  EXPECT_EQ(records[1].status, PracticeStatus::closed);
  EXPECT_EQ(records[1].close_date, "2017-10-31");
  const auto mapping = ods_commissioner_mapping(records, "e.csv");
  EXPECT_EQ(mapping.levels, std::vector<std::string>{"commissioner"});
  EXPECT_EQ(mapping.rows.size(), 2u);
}

TEST(Epraccur, MalformedRowsAreAllReported) {
  const auto lines = test::input_error_lines([] {
    parse_epraccur({"e.csv", ods_row("A1", "A", "4") + ods_row("A2", "X", "4") +
                                 ods_row("A3", "A", "four") + ods_row("A1", "A", "4") +
                                 "\"A4\",\"SHORT\"\n" + ods_row("A5", "A", "4", "2017")});
  });
  EXPECT_EQ(lines,
            (std::vector<std::string>{
                "e.csv:2:13: status: got \"X\", expected A, C, D or P",
                "e.csv:3:26: prescribing setting: got \"four\", expected a prescribing setting "
                "code 0-99 or nothing",
                "e.csv:4:1: code: got \"A1\", expected each organisation once (first at line 1)",
                "e.csv:5: got \"A4,SHORT\", expected 27 comma-separated fields, found 2",
                "e.csv:6:12: close date: got \"2017\", expected a date as CCYYMMDD or nothing"}));
}

TEST(Epraccur, EmptyFileIsReported) {
  EXPECT_EQ(test::input_error_lines([] {
              parse_epraccur({"e.csv", ""});
            }),
            std::vector<std::string>{"e.csv: got \"\", expected at least one practice row"});
}

TEST(Locations, OutwardCodes) {
  EXPECT_EQ(outward_code("TS18 1HU"), "TS18");
  EXPECT_EQ(outward_code("ts181hu"), "TS18");
  EXPECT_EQ(outward_code("M1 1AA"), "M1");
  EXPECT_EQ(outward_code("EC1A1BB"), "EC1A");
}

TEST(Locations, DistrictCentroidsWithDeterministicSpread) {
  const auto districts = parse_postcode_districts(
      {"d.csv",
       "Postcode,Latitude,Longitude,Easting\nTS18,54.56,-1.32,1\nBF1,,,\nTS25,54.67,-1.22,2\n"});
  EXPECT_EQ(districts.size(), 2u);  // BF1 has no coordinates and is left out
  Population pop;
  for (const auto* code : {"B", "A", "C"}) {
    Practice p;
    p.code = code;
    p.postcode = std::string(code) == "C" ? "ZZ9 9ZZ" : "TS18 1HU";
    p.counts[0] = 1;
    pop.add(p);
  }
  const auto report = locate_by_postcode_district(pop, districts);
  EXPECT_EQ(report.located, 2u);
  EXPECT_EQ(report.unlocated, std::vector<std::string>{"C"});
  // The first practice in code order sits on the centroid; the next 0.5 km away.
  const auto& a = *pop.find("A")->location;
  const auto& b = *pop.find("B")->location;
  EXPECT_DOUBLE_EQ(a.lat, 54.56);
  EXPECT_DOUBLE_EQ(a.lon, -1.32);
  const double dy = (b.lat - a.lat) * 111.32;
  const double dx = (b.lon - a.lon) * 111.32 * std::cos(54.56 * std::numbers::pi / 180);
  EXPECT_NEAR(std::hypot(dx, dy), 0.5, 1e-9);
  EXPECT_TRUE(pop.find("A")->location_is_approximate);
}

TEST(Locations, ExactFileAndItsErrors) {
  const auto points = parse_practice_locations({"l.csv", "practice,lat,lon\nP1,51.5,-0.1\n"});
  EXPECT_DOUBLE_EQ(points.at("P1").lat, 51.5);
  EXPECT_EQ(test::input_error_lines([] {
              parse_practice_locations(
                  {"l.csv", "practice,lat,lon\nP1,51.5,0\nP2,95,0\nP3,51,west\nP1,50,0\n"});
            }),
            (std::vector<std::string>{
                "l.csv:3:2: lat: got \"95\", expected a number from -90 to 90",
                "l.csv:4:3: lon: got \"west\", expected a number from -180 to 180",
                "l.csv:5:1: practice: got \"P1\", expected each practice once (first at line 2)"}));
}

}  // namespace
}  // namespace pco

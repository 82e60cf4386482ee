// Organisation areas on England's real map, against an independent reference: the 6,554
// practices of NHS England's 2022/23 weighted-population file (exact latitude/longitude, ICB of
// each practice) drawn as Voronoi areas clipped to England's outline (the union of the seven
// NHS England regions, ONS January 2024) and dissolved per ICB, compared with the ONS ICB
// boundaries of April 2023. The practice-built shapes cannot be the official ones (practices
// near a border serve people across it), so the test asks that each ICB's shape mostly covers
// its official area.
#include <algorithm>
#include <map>
#include <numeric>

#include <gtest/gtest.h>

#include "core/csv.hpp"
#include "core/text.hpp"
#include "geo/organisation_areas.hpp"
#include "readers/geojson_boundaries.hpp"
#include "real_data.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

std::vector<Boundary> boundaries(const std::string& name) {
  const auto path = test::shared_data_dir() / "geography" / name;
  return parse_geojson_boundaries({path.string(), read_text_file(path)});
}

using OrganisationAreasRealData = test::RealDataTest;

TEST_F(OrganisationAreasRealData, IcbAreasFromPracticesCoverTheOfficialIcbBoundaries) {
  const auto file =
      test::shared_data_dir() / "allocation" / "practice-weighted-populations_2022-23.csv";
  const auto text = read_text_file(file);
  DiagnosticList problems;
  CsvParser csv(text, file.string(), problems);
  CsvRecord row;
  ASSERT_TRUE(csv.next(row));
  const CsvHeader header(row);
  const auto lat = *header.find({"Latitude"});
  const auto lon = *header.find({"Longitude"});
  const auto icb = *header.find({"ICS22"});
  const auto patients = *header.find({"Patients"});
  std::vector<LocatedPractice> practices;
  while (csv.next(row)) {
    if (row.fields[lat].empty() || row.fields[lon].empty()) continue;
    practices.push_back({{std::stod(row.fields[lat]), std::stod(row.fields[lon])},
                         row.fields[icb],
                         row.fields[patients].empty() ? 0 : std::stoll(row.fields[patients])});
  }
  ASSERT_GT(practices.size(), 6500u);

  const auto regions = boundaries("nhser24_jan2024_en_bsc.geojson");
  ASSERT_EQ(regions.size(), 7u);
  const auto areas = organisation_areas(practices, regions);
  // England's land area is 130,310 km² (ONS Standard Area Measurements, extent of the realm
  // less inland water: about 130,300); the super-generalised outline differs by well under 1%.
  EXPECT_NEAR(areas.land_area_km2, 130'300, 0.01 * 130'300);
  ASSERT_EQ(areas.areas.size(), 42u);
  double total = 0;
  for (const auto& a : areas.areas)
    total += a.area_km2;
  // The 42 shapes tile the land: they add up to it, less the cells of practices in the sea
  // (none expected) and rounding.
  EXPECT_NEAR(total, areas.land_area_km2, 1e-6 * areas.land_area_km2);
  EXPECT_EQ(areas.outside_land, 0u);

  // Official ICB boundaries, E54 codes mapped to the practices' ODS Q codes.
  std::map<std::string, std::string> ods;
  {
    const auto path = test::shared_data_dir() / "organisation" / "icb24_names_codes.csv";
    const auto codes = read_text_file(path);
    CsvParser p(codes, path.string(), problems);
    ASSERT_TRUE(p.next(row));
    while (p.next(row))
      ods[row.fields[0]] = row.fields[1];
  }
  std::map<std::string, std::vector<AreaPolygon>> official;
  for (const auto& b : boundaries("icb23_apr2023_en_bsc.geojson")) {
    // Rings even-odd as the library does for land: build the ICB's land from its boundary.
    official[ods.at(b.code)] = land_from_boundaries({b});
  }
  std::vector<double> covered;  // share of each official ICB area inside its practice shape
  for (const auto& a : areas.areas) {
    const auto& o = official.at(a.code);
    covered.push_back(intersection_area_km2(a.polygons, o) / area_km2(o));
  }
  std::sort(covered.begin(), covered.end());
  const double median = covered[covered.size() / 2];
  // Observed: median 0.93, lowest 0.84.
  EXPECT_GT(median, 0.85);
  EXPECT_GT(covered.front(), 0.75);
  RecordProperty("median_cover", std::to_string(median));
  RecordProperty("lowest_cover", std::to_string(covered.front()));
}

}  // namespace
}  // namespace pco

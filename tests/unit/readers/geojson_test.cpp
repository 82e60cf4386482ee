#include <gtest/gtest.h>

#include "core/text.hpp"
#include "readers/geojson_boundaries.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

TEST(GeojsonBoundaries, ReadsPolygonsAndMultiPolygonsWithOnsStyleProperties) {
  const auto boundaries = parse_geojson_boundaries({"b.geojson",
                                                    R"({"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"ccg20cd":"E38000001","ccg20nm":"NHS A CCG"},
         "geometry":{"type":"Polygon","coordinates":[[[0,51],[1,51],[1,52],[0,51]]]}},
        {"type":"Feature","properties":{"code":"X2","name":"Two"},
         "geometry":{"type":"MultiPolygon","coordinates":[[[[0,50],[1,50],[0,49],[0,50]]],
                                                          [[[2,50],[3,50],[2,49],[2,50]]]]}}]})"});
  ASSERT_EQ(boundaries.size(), 2u);
  EXPECT_EQ(boundaries[0].code, "E38000001");
  EXPECT_EQ(boundaries[0].name, "NHS A CCG");
  ASSERT_EQ(boundaries[0].rings.size(), 1u);
  EXPECT_DOUBLE_EQ(boundaries[0].rings[0][1].lon, 1.0);
  EXPECT_DOUBLE_EQ(boundaries[0].rings[0][2].lat, 52.0);
  EXPECT_EQ(boundaries[1].code, "X2");
  EXPECT_EQ(boundaries[1].rings.size(), 2u);
}

TEST(GeojsonBoundaries, EveryBadFeatureIsReportedAtOnce) {
  const auto lines = test::input_error_lines([] {
    parse_geojson_boundaries({"b.geojson",
                              R"({"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"no code"},
           "geometry":{"type":"Polygon","coordinates":[[[0,51],[1,51],[0,51]]]}},
          {"type":"Feature","properties":{"code":"P"},
           "geometry":{"type":"Point","coordinates":[0,51]}},
          3]})"});
  });
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "b.geojson: features[0].properties: got \"\", expected a code property "
                       "(code, or a name ending in cd)",
                       "b.geojson: features[1].geometry: got \"Point\", expected a Polygon or "
                       "MultiPolygon with [longitude, latitude] positions",
                       "b.geojson: features[2]: got \"\", expected a Feature object"}));
}

TEST(GeojsonBoundaries, NotJsonOrNotAFeatureCollectionIsOneClearProblem) {
  EXPECT_EQ(test::input_error_lines([] {
              parse_geojson_boundaries({"b.geojson", "{oops"});
            }),
            (std::vector<std::string>{
                "b.geojson: got \"\", expected a GeoJSON file (the text is not valid JSON)"}));
  EXPECT_EQ(test::input_error_lines([] {
              parse_geojson_boundaries({"b.geojson", R"({"type":"Feature"})"});
            }),
            (std::vector<std::string>{"b.geojson: type: got \"Feature\", expected a GeoJSON "
                                      "FeatureCollection with a features array"}));
  EXPECT_EQ(test::input_error_lines([] {
              parse_geojson_boundaries({"b.geojson", R"({"type":"FeatureCollection",
                "features":[]})"});
            }).size(),
            1u);
}

TEST(GeojsonBoundaries, TheRealCcgBoundariesOf2020) {
  PCO_REQUIRE_SHARED_DATA();
  const auto path = test::shared_data_dir() / "geography" / "ccg20_apr2020_en_buc.geojson";
  const auto boundaries = parse_geojson_boundaries({path.string(), read_text_file(path)});
  ASSERT_EQ(boundaries.size(), 135u);
  EXPECT_EQ(boundaries[0].code, "E38000004");
  EXPECT_EQ(boundaries[0].name, "NHS Barking and Dagenham CCG");
}

}  // namespace
}  // namespace pco

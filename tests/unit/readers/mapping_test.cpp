#include <gtest/gtest.h>

#include "readers/mapping_file.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

const std::string kMap2020 =
    "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME,"
    "ONS_CCG_CODE,CCG_CODE,CCG_NAME,ONS_STP_CODE,STP_CODE,STP_NAME,ONS_COMM_REGION_CODE,"
    "COMM_REGION_CODE,COMM_REGION_NAME\n";
const std::string kMapIcb =
    "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME,"
    "ONS_SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ONS_ICB_CODE,ICB_CODE,"
    "ICB_NAME,ONS_COMM_REGION_CODE,COMM_REGION_CODE,COMM_REGION_NAME\n";

TEST(PracticeMap, Reads2020LayoutAndGivesUnassignedPracticesTheirOwnNetwork) {
  const auto t = read_mapping(
      {"m.csv", kMap2020 +
                    "GP,01-Sep-20,A81001,DENSHAM,TS18 1HU,U89141,STOCKTON PCN,E38000247,16C,NHS "
                    "Tees Valley CCG,E54000050,QHM,Cumbria and North East,E40000009,Y63,North "
                    "East and Yorkshire\n"
                    "GP,01-Sep-20,A81002,QUEENS,TS18 2AW,U,,E38000247,16C,NHS Tees Valley "
                    "CCG,E54000050,QHM,Cumbria and North East,E40000009,Y63,North East\n"});
  EXPECT_EQ(t.levels, (std::vector<std::string>{"network", "ccg", "stp", "region"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].orgs[0].code, "U89141");
  EXPECT_EQ(t.rows[0].orgs[2].name, "Cumbria and North East");
  EXPECT_EQ(t.rows[1].orgs[0].code, "U-A81002");
  EXPECT_EQ(t.rows[1].orgs[0].name, "Not in a PCN (A81002)");
}

TEST(PracticeMap, ReadsIcbEraLayout) {
  const auto t = read_mapping(
      {"m.csv", kMapIcb + "GP,2026-04-01,A81001,D,TS18,U1,P,E1,16C,Tees,E2,QHM,NENC,E3,Y63,NEY\n"});
  EXPECT_EQ(t.levels, (std::vector<std::string>{"network", "sub_icb", "icb", "region"}));
  EXPECT_EQ(t.rows[0].orgs[2].code, "QHM");
}

TEST(PracticeMap, MissingCodesAndShortRowsAreReported) {
  const auto lines = test::input_error_lines([&] {
    read_mapping({"m.csv", kMap2020 + "GP,01-Sep-20,A1,D,X,U1,P,E,,C,E,QHM,S,E,Y63,R\n" +
                               "GP,01-Sep-20,A2,D\n"});
  });
  EXPECT_EQ(
      lines,
      (std::vector<std::string>{
          "m.csv:2:9: CCG_CODE: got \"\", expected a ccg code",
          "m.csv:3: got \"GP,01-Sep-20,A2,D\", expected 16 comma-separated fields, found 4"}));
}

TEST(Membership, ReadsPracticeOrgParentAndRejectsCycles) {
  const auto t =
      read_mapping({"o.csv", "practice,org,parent_org,org_name\nP1,O1,R1,North\nP2,O2,R1,South\n"});
  EXPECT_EQ(t.levels, (std::vector<std::string>{"organisation", "parent"}));
  EXPECT_EQ(t.rows[0].orgs[0].name, "North");
  const auto one_level = read_mapping({"o.csv", "practice,org\nP1,O1\n"});
  EXPECT_EQ(one_level.levels, std::vector<std::string>{"organisation"});

  const auto lines = test::input_error_lines([] {
    read_mapping({"o.csv", "practice,org,parent_org\nP1,O1,O2\nP2,O2,O1\n"});
  });
  EXPECT_EQ(lines,
            (std::vector<std::string>{
                "o.csv:2:3: parent_org: got \"O2\", expected a parent code that is not also an "
                "organisation code (it is one at o.csv:3; the tree would have a cycle)",
                "o.csv:3:3: parent_org: got \"O1\", expected a parent code that is not also an "
                "organisation code (it is one at o.csv:2; the tree would have a cycle)"}));
}

TEST(Mapping, UnknownLayoutEmptyAndGarbageAreReported) {
  EXPECT_EQ(
      test::input_error_lines([] {
        read_mapping({"m.csv", "a,b,c\n1,2,3\n"});
      }),
      (std::vector<std::string>{
          "m.csv:1: header: got \"a,b,c\", expected an NHS Digital practice mapping header "
          "(PRACTICE_CODE,...,PCN_CODE,...) or a membership header "
          "(practice,org[,parent_org]) or a level header (practice,network,organisation,...)"}));
  EXPECT_EQ(test::input_error_lines([] { read_mapping({"m.csv", ""}); }).size(), 1u);
  EXPECT_EQ(test::input_error_lines([] {
              read_mapping({"m.csv", std::string("\x01\x02\"\xff", 4)});
            }).size(),
            1u);
}

}  // namespace
}  // namespace pco

// Every reader, given an empty file or binary garbage, reports exactly one clear problem.

#include <functional>

#include <gtest/gtest.h>

#include "commissioning/provider_sources.hpp"
#include "core/text.hpp"
#include "readers/locations.hpp"
#include "readers/mapping_file.hpp"
#include "readers/ods_practices.hpp"
#include "readers/population_file.hpp"
#include "readers/rtt_extract.hpp"
#include "readers/trusts.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

struct ReaderCase {
  const char* name;
  std::function<void(const TextFile&)> read;
  const char* empty_message;
  std::vector<std::string> garbage_messages;
};

// Bytes from the start of a zip file, a NUL and a stray quote: not text, not CSV.
const std::string kGarbage = decode_to_utf8(std::string("PK\x03\x04\x00\xff\"\x01\n\x02", 10));

class EmptyAndGarbage : public ::testing::TestWithParam<ReaderCase> {};

TEST_P(EmptyAndGarbage, OneClearProblem) {
  const auto& c = GetParam();
  EXPECT_EQ(test::input_error_lines([&] {
              c.read({"f.csv", ""});
            }),
            std::vector<std::string>{c.empty_message});
  EXPECT_EQ(test::input_error_lines([&] { c.read({"f.csv", kGarbage}); }), c.garbage_messages);
}

// The garbage's first line, as every message shows it.
#define PCO_GARBAGE_HEADER "f.csv:1: header: got \"PK\\x03\\x04\\x00\xC3\xBF\\\"\\x01\", expected "

INSTANTIATE_TEST_SUITE_P(
    Readers, EmptyAndGarbage,
    ::testing::Values(
        ReaderCase{"nhs_registered",
                   [](const TextFile& f) { parse_nhs_registered({f}); },
                   "f.csv: got \"\", expected a header line and at least one practice row",
                   {PCO_GARBAGE_HEADER
                    "a header with the columns CODE (or ORG_CODE), SEX, AGE (or AGE_GROUP_5), "
                    "NUMBER_OF_PATIENTS"}},
        ReaderCase{"list_size_9band",
                   [](const TextFile& f) { parse_list_size_9band(f); },
                   "f.csv: got \"\", expected a header line and at least one practice row",
                   {PCO_GARBAGE_HEADER
                    "a header with the columns Practice Code, Practice Name, PCO Code, Area "
                    "Team Code, Regional Office Code, Male 0-4, Male 5-14, Male 15-24, Male "
                    "25-34, Male 35-44, Male 45-54, Male 55-64, Male 65-74, Male 75+, Female "
                    "0-4, Female 5-14, Female 15-24, Female 25-34, Female 35-44, Female 45-54, "
                    "Female 55-64, Female 65-74, Female 75+"}},
        ReaderCase{"plain_cells",
                   [](const TextFile& f) { parse_plain_cells(f); },
                   "f.csv: got \"\", expected a header line and at least one practice row",
                   {PCO_GARBAGE_HEADER "a header with the columns practice, sex, age_band, count"}},
        ReaderCase{
            "mapping",
            [](const TextFile& f) { read_mapping(f); },
            "f.csv:1: header: got \"\", expected an NHS Digital practice mapping header "
            "(PRACTICE_CODE,...,PCN_CODE,...) or a membership header "
            "(practice,org[,parent_org]) or a level header (practice,network,organisation,...)",
            {PCO_GARBAGE_HEADER
             "an NHS Digital practice mapping header (PRACTICE_CODE,...,PCN_CODE,...) or "
             "a membership header (practice,org[,parent_org]) or a level header "
             "(practice,network,organisation,...)"}},
        ReaderCase{"epraccur",
                   [](const TextFile& f) { parse_epraccur(f); },
                   "f.csv: got \"\", expected at least one practice row",
                   {"f.csv:1: got \"PK\\x03\\x04\\x00\xC3\xBF\\\"\\x01\", expected 27 "
                    "comma-separated fields, found 1",
                    "f.csv:2: got \"\\x02\", expected 27 comma-separated fields, found 1"}},
        ReaderCase{"postcode_districts",
                   [](const TextFile& f) { parse_postcode_districts(f); },
                   "f.csv: got \"\", expected a header line and at least one district row",
                   {PCO_GARBAGE_HEADER "a header with the columns Postcode, Latitude, Longitude"}},
        ReaderCase{"practice_locations",
                   [](const TextFile& f) { parse_practice_locations(f); },
                   "f.csv: got \"\", expected a header line and at least one practice row",
                   {PCO_GARBAGE_HEADER "a header with the columns practice, lat, lon"}},
        ReaderCase{"etr",
                   [](const TextFile& f) { parse_etr(f); },
                   "f.csv: got \"\", expected at least one trust row (ODS etr layout)",
                   {"f.csv:1: got \"PK\\x03\\x04\\x00\xC3\xBF\\\"\\x01\", expected 27 "
                    "comma-separated fields, found 1",
                    "f.csv:2: got \"\\x02\", expected 27 comma-separated fields, found 1"}},
        ReaderCase{"rtt_extract",
                   [](const TextFile& f) { parse_rtt_extract(f); },
                   "f.csv: got \"\", expected an RTT full extract with a header line",
                   {PCO_GARBAGE_HEADER
                    "a header with the columns Period, Provider Parent Org Code, Provider Parent "
                    "Name, Provider Org Code, Provider Org Name, Commissioner Parent Org Code, "
                    "Commissioner Parent Name, Commissioner Org Code, Commissioner Org Name, RTT "
                    "Part Type, Treatment Function Code, Treatment Function Name, Total All"}},
        ReaderCase{"providers",
                   [](const TextFile& f) { parse_providers_csv(f, nullptr); },
                   "f.csv: got \"\", expected a header line code,name,kind[,lat,lon]…",
                   {PCO_GARBAGE_HEADER "a header with the columns code, name, kind"}}),
    [](const auto& test_info) { return std::string(test_info.param.name); });

}  // namespace
}  // namespace pco

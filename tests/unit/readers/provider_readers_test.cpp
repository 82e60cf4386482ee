// The readers behind providers and flows: the ODS trust list (etr), the RTT full extract (as CSV
// and zipped as NHS England publishes it) and the zip archive reader itself.
#include <zip.h>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "readers/rtt_extract.hpp"
#include "readers/trusts.hpp"
#include "readers/zip_archive.hpp"
#include "scratch_dir.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

std::string etr_row(const std::string& code, const std::string& name, const std::string& icb,
                    const std::string& postcode, const std::string& close = "") {
  return "\"" + code + "\",\"" + name + "\",\"Y56\",\"" + icb +
         "\",\"A\",\"B\",\"\",\"TOWN\",\"\",\"" + postcode + "\",\"20171001\",\"" + close +
         "\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"1\",\"\",\"B\",\"\",\"\",\"\"\n";
}

TEST(Etr, ReadsOpenAndClosedTrusts) {
  const auto trusts = parse_etr(
      {"etr.csv", etr_row("R0A", "MANCHESTER UNIVERSITY NHS FOUNDATION TRUST", "QOP", "M13 9WL") +
                      etr_row("RVJ", "NORTH BRISTOL NHS TRUST", "QUY", "BS10 5NB", "20260630")});
  ASSERT_EQ(trusts.size(), 2u);
  EXPECT_EQ(trusts[0].code, "R0A");
  EXPECT_EQ(trusts[0].icb, "QOP");
  EXPECT_EQ(trusts[0].postcode, "M13 9WL");
  EXPECT_EQ(trusts[0].open_date, "2017-10-01");
  EXPECT_TRUE(trusts[0].is_open());
  EXPECT_FALSE(trusts[1].is_open());
  EXPECT_EQ(trusts[1].close_date, "2026-06-30");
  EXPECT_EQ(trusts[0].source, "etr.csv:1");
}

TEST(Etr, EveryProblemAtOnce) {
  const auto lines = test::input_error_lines([] {
    parse_etr({"etr.csv", etr_row("R1", "A", "Q1", "X1 1XX", "2026") +
                              etr_row("R2", "B", "Q1", "X1 1XX") + "\"R3\",\"SHORT\"\n" +
                              etr_row("R2", "C", "Q1", "X1 1XX")});
  });
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "etr.csv:1:12: close date: got \"2026\", expected a date as CCYYMMDD or nothing");
  EXPECT_NE(lines[1].find("etr.csv:3"), std::string::npos);
  EXPECT_EQ(lines[2], "etr.csv:4:1: code: got \"R2\", expected each trust once (first at line 2)");
}

const char* kHeader =
    "Period,Provider Parent Org Code,Provider Parent Name,Provider Org Code,Provider Org Name,"
    "Commissioner Parent Org Code,Commissioner Parent Name,Commissioner Org Code,Commissioner Org "
    "Name,RTT Part Type,RTT Part Description,Treatment Function Code,Treatment Function Name,"
    "Gt 00 To 01 Weeks SUM 1,Total,Patients with unknown clock start date,Total All\n";

std::string rtt_row(const std::string& provider, const std::string& commissioner,
                    const std::string& part, const std::string& function, int total,
                    int unknown = 0) {
  return "RTT-April-2026,QOP,NHS GREATER MANCHESTER ICB," + provider + ",TRUST " + provider +
         ",QOP,NHS GREATER MANCHESTER ICB," + commissioner + ",NHS GREATER MANCHESTER ICB - " +
         commissioner + "," + part + ",desc," + function + ",Service," + std::to_string(total) +
         "," + std::to_string(total) + "," + std::to_string(unknown) + "," +
         std::to_string(total + unknown) + "\n";
}

std::string small_extract() {
  return std::string(kHeader) + rtt_row("R0A", "00T", "Part_2", "C_999", 300, 5) +
         rtt_row("R0A", "00T", "Part_2", "C_130", 100) +
         rtt_row("RM3", "00T", "Part_2", "C_999", 95) +
         rtt_row("R0A", "00V", "Part_1A", "C_999", 40) +
         rtt_row("RM3", "00V", "Part_2", "C_999", 200);
}

TEST(RttExtract, KeepsTotalAllOfEveryRow) {
  const auto rtt = parse_rtt_extract({"rtt.csv", small_extract()});
  EXPECT_EQ(rtt.period, "RTT-April-2026");
  EXPECT_EQ(rtt.rows, 5u);
  ASSERT_EQ(rtt.providers.size(), 2u);
  EXPECT_EQ(rtt.providers[0].code, "R0A");
  EXPECT_EQ(rtt.providers[0].name, "TRUST R0A");
  EXPECT_EQ(rtt.providers[0].parent_code, "QOP");
  EXPECT_EQ(rtt.commissioners.size(), 2u);
  EXPECT_EQ(rtt.functions.size(), 2u);
  // Total All = pathways with a known clock start + those without.
  EXPECT_DOUBLE_EQ(rtt.total(RttPart::incomplete), 305 + 95 + 200);
  EXPECT_DOUBLE_EQ(rtt.total(RttPart::incomplete, "C_130"), 100);
  EXPECT_DOUBLE_EQ(rtt.total(RttPart::admitted), 40);
  const auto by_provider = rtt.provider_totals(RttPart::incomplete);
  EXPECT_DOUBLE_EQ(by_provider[*rtt.provider_index("R0A")], 305);
  EXPECT_DOUBLE_EQ(by_provider[*rtt.provider_index("RM3")], 295);
  EXPECT_EQ(rtt_part_from_label("non_admitted"), RttPart::non_admitted);
  EXPECT_EQ(rtt_part_label(RttPart::new_periods), "new_periods");
}

TEST(RttExtract, EveryProblemAtOnce) {
  const auto lines = test::input_error_lines([] {
    parse_rtt_extract(
        {"rtt.csv", std::string(kHeader) + rtt_row("R0A", "00T", "Part_9", "C_999", 3) +
                        rtt_row("R0A", "00T", "Part_2", "C_999", -4) + "RTT-May-2026" +
                        rtt_row("R0A", "00T", "Part_2", "C_999", 1).substr(14)});
  });
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "rtt.csv:2:10: RTT Part Type: got \"Part_9\", expected Part_2, Part_2A, Part_1A, "
            "Part_1B, Part_3");
  EXPECT_NE(lines[1].find("rtt.csv:3:17: Total All"), std::string::npos);
  EXPECT_EQ(lines[2],
            "rtt.csv:4:1: Period: got \"RTT-May-2026\", expected one period throughout "
            "(RTT-April-2026)");
}

TEST(RttExtract, AnotherFileIsNamedWithTheHeaderItNeeds) {
  const auto lines = test::input_error_lines([] {
    parse_rtt_extract({"x.csv", "practice,sex,age_band,count\nA,M,0-4,1\n"});
  });
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines[0].find("Provider Org Code"), std::string::npos);
}

class ZipTest : public test::ScratchDirTest {
 protected:
  // A zip archive of (name, contents) entries, written with libzip.
  std::string zip(const std::string& name,
                  const std::vector<std::pair<std::string, std::string>>& entries) {
    const auto path = (dir_ / name).string();
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    EXPECT_NE(archive, nullptr);
    for (const auto& [entry, text] : entries) {
      zip_source_t* source = zip_source_buffer(archive, text.data(), text.size(), 0);
      EXPECT_GE(zip_file_add(archive, entry.c_str(), source, ZIP_FL_ENC_UTF_8), 0);
    }
    EXPECT_EQ(zip_close(archive), 0);
    return path;
  }
};

TEST_F(ZipTest, ReadsTheOneCsvBesideMacOsResourceForks) {
  const auto text = small_extract();
  const auto path = zip("rtt.csv.zip",
                        {{"20260430-RTT-April-2026-full-extract.csv", text},
                         {"__MACOSX/._20260430-RTT-April-2026-full-extract.csv", "resource fork"}});
  EXPECT_EQ(zip_data_entries(path),
            std::vector<std::string>{"20260430-RTT-April-2026-full-extract.csv"});
  EXPECT_EQ(read_zip_entry(path, ".csv"), text);
  const auto zipped = read_rtt_extract(path);
  const auto plain = read_rtt_extract(write("rtt.csv", text));
  EXPECT_EQ(zipped.rows, plain.rows);
  EXPECT_DOUBLE_EQ(zipped.total(RttPart::incomplete), plain.total(RttPart::incomplete));
}

TEST_F(ZipTest, AmbiguousOrBrokenArchivesAreFileErrors) {
  const auto two = zip("two.zip", {{"a.csv", "x\n"}, {"b.csv", "y\n"}});
  EXPECT_THROW(read_zip_entry(two, ".csv"), IoError);
  const auto none = zip("none.zip", {{"a.txt", "x\n"}});
  EXPECT_THROW(read_zip_entry(none, ".csv"), IoError);
  // A file that starts like a zip but is not one.
  const auto broken = write("broken.zip", std::string("PK\x03\x04", 4) + "garbage");
  EXPECT_THROW(read_maybe_zipped(broken, ".csv"), IoError);
  try {
    read_zip_entry(two, ".csv");
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("two.zip: expected exactly one .csv file in the archive, "
                                         "found 2 (a.csv, b.csv)"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace pco

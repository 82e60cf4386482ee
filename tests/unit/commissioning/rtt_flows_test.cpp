// Flows from an RTT extract and from a flow file, on a small economy of two sub-ICBs.
#include <gtest/gtest.h>

#include "commissioning/flows.hpp"
#include "demand/service.hpp"
#include "economy/load_economy.hpp"
#include "readers/rtt_extract.hpp"
#include "scenario_file/scenario_file.hpp"
#include "scratch_dir.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

class RttFlows : public test::ScratchDirTest {
 protected:
  Economy economy() {
    write("practices.csv",
          "practice,sex,age_band,count\nP1,M,40-44,1000\nP2,F,40-44,2000\nP3,F,70-74,500\n");
    write("map.csv",
          "practice,org,org_name,parent_org,parent_org_name\nP1,00T,Bolton,QOP,GM\n"
          "P2,00T,Bolton,QOP,GM\nP3,99X,Elsewhere,QZZ,Else\n");
    const auto scenario = parse_scenario(R"(schema_version = 1
[population]
file = "practices.csv"
[configuration]
map = "map.csv"
levels = ["sub_icb", "icb"]
)",
                                         "s.toml", dir_);
    return load_economy(scenario);
  }
};

const char* kExtract =
    "Period,Provider Parent Org Code,Provider Parent Name,Provider Org Code,Provider Org Name,"
    "Commissioner Parent Org Code,Commissioner Parent Name,Commissioner Org Code,Commissioner Org "
    "Name,RTT Part Type,RTT Part Description,Treatment Function Code,Treatment Function Name,"
    "Total,Patients with unknown clock start date,Total All\n"
    "RTT-April-2026,QOP,GM,RMC,BOLTON,QOP,GM,00T,GM - 00T,Part_2,x,C_999,Total,290,10,300\n"
    "RTT-April-2026,QOP,GM,RM3,NCA,QOP,GM,00T,GM - 00T,Part_2,x,C_999,Total,100,0,100\n"
    "RTT-April-2026,QOP,GM,NT4,INDEPENDENT,QOP,GM,00T,GM - 00T,Part_2,x,C_999,Total,100,0,100\n"
    "RTT-April-2026,QOP,GM,RMC,BOLTON,QOP,GM,00T,GM - 00T,Part_1A,x,C_999,Total,10,0,10\n";

TEST_F(RttFlows, EachPracticeTakesItsSubIcbsShares) {
  const auto e = economy();
  const auto rtt = parse_rtt_extract({"rtt.csv", kExtract});
  EXPECT_EQ(detect_rtt_level(e, rtt), "sub_icb");
  ProviderSet providers;
  for (const auto* code : {"RMC", "RM3", "NT4"}) {
    Provider p;
    p.code = code;
    p.kind = std::string(code) == "NT4" ? ProviderKind::independent : ProviderKind::acute;
    providers.add_or_replace(p);
  }
  const auto model = default_service_model();
  auto settings = default_flow_settings();
  const auto table = build_flows(e, model, providers, settings, &rtt, nullptr);
  std::size_t elective = 0;
  while (table.services[elective].service != "elective")
    ++elective;
  const auto& flows = table.services[elective];
  const auto p1 = *e.population.index_of("P1");
  const auto p3 = *e.population.index_of("P3");
  ASSERT_EQ(flows.practices[p1].size(), 3u);
  EXPECT_EQ(flows.sources[p1], FlowSource::rtt);
  // 300 : 100 : 100 incomplete pathways (Total All, including unknown clock starts).
  EXPECT_DOUBLE_EQ(flows.practices[p1][0].share, 0.6);
  EXPECT_DOUBLE_EQ(flows.practices[p1][1].share, 0.2);
  EXPECT_DOUBLE_EQ(flows.practices[p1][2].share, 0.2);
  // A sub-ICB the extract does not know, and no location for distance decay: no provider.
  EXPECT_TRUE(flows.practices[p3].empty());
  EXPECT_EQ(flows.sources[p3], FlowSource::none);
  // Completed admitted pathways instead: everything to Bolton.
  settings.rtt_part = RttPart::admitted;
  const auto admitted = build_flows(e, model, providers, settings, &rtt, nullptr);
  ASSERT_EQ(admitted.services[elective].practices[p1].size(), 1u);
  EXPECT_DOUBLE_EQ(admitted.services[elective].practices[p1][0].share, 1.0);
}

TEST_F(RttFlows, AFlowFileComesFirst) {
  const auto e = economy();
  ProviderSet providers;
  for (const auto* code : {"RMC", "RM3"}) {
    Provider p;
    p.code = code;
    providers.add_or_replace(p);
  }
  const auto model = default_service_model();
  const auto file = parse_flow_file(
      {"f.csv",
       "practice,service,provider,share\nP1,elective,RM3,0.25\nP1,elective,RMC,0.75\n"
       "GONE,elective,RMC,1\n"},
      e.population, model, providers);
  ASSERT_EQ(file.notes.size(), 1u);
  EXPECT_NE(file.notes[0].find("1 rows name 1 practices not in the population"), std::string::npos);
  const auto rtt = parse_rtt_extract({"rtt.csv", kExtract});
  const auto table = build_flows(e, model, providers, default_flow_settings(), &rtt, &file);
  std::size_t elective = 0;
  while (table.services[elective].service != "elective")
    ++elective;
  const auto p1 = *e.population.index_of("P1");
  const auto p2 = *e.population.index_of("P2");
  EXPECT_EQ(table.services[elective].sources[p1], FlowSource::file);
  EXPECT_EQ(table.services[elective].sources[p2], FlowSource::rtt);
  ASSERT_EQ(table.services[elective].practices[p1].size(), 2u);
  EXPECT_DOUBLE_EQ(table.services[elective].practices[p1][0].share, 0.75);  // RMC, index 0
}

}  // namespace
}  // namespace pco

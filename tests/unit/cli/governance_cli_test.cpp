#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scratch_dir.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

// The shipped example, run as users run it.
std::string example(const std::string& name) {
  return (std::filesystem::path(PCO_TEST_DATA_DIR) / ".." / ".." / "examples" / "governance" / name)
      .lexically_normal()
      .string();
}

using GovernanceCli = test::ScratchDirTest;

TEST_F(GovernanceCli, ExampleScenarioGovernanceJson) {
  const auto r =
      test::run_cli("governance --scenario " + example("scenario.toml") + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["rules"]["code"], "pcg1999");
  // PCG02's board lacks GPs, a nurse, social services and the HA non-executive.
  int failed = 0;
  for (const auto& f : j["findings"])
    if (f["organisation"] == "PCG02" && f["status"] == "fail") ++failed;
  EXPECT_EQ(failed, 4);
  ASSERT_EQ(j["autonomy"].size(), 4u);
  EXPECT_EQ(j["autonomy"][1]["organisation"], "PCG02");
  EXPECT_EQ(j["autonomy"][1]["budget_holder"], "HA1");
  EXPECT_EQ(j["autonomy"][3]["provides_community_services"], true);
  EXPECT_EQ(j["typology"]["types"]["responders"], 8);
  bool concentrated = false;
  for (const auto& l : j["leadership"])
    if (l["organisation"] == "PCG02") concentrated = l["concentrated"];
  EXPECT_TRUE(concentrated);
}

TEST_F(GovernanceCli, ExampleScenarioIndicatorsAndSurvey) {
  const auto ind = test::run_cli("indicators --scenario " + example("scenario.toml") +
                                 " --show practice --format csv");
  ASSERT_EQ(ind.exit_code, 0) << ind.err;
  EXPECT_EQ(ind.out.substr(0, ind.out.find('\n')),
            "indicator,level,code,name,parent,practices,with_data,numerator,denominator,value,"
            "percentile,decile,rag,parent_value,vs_parent");
  // P016 has a zero denominator for the screening audit: shown as not computable.
  EXPECT_NE(ind.out.find("cervical_screening_5y_pct,practice,P016,P016,PCG04,1,1,0,0,not "
                         "computable,,,not computable"),
            std::string::npos)
      << ind.out;
  const auto survey = test::run_cli("survey --scenario " + example("scenario.toml") +
                                    " --by respondent --format json");
  ASSERT_EQ(survey.exit_code, 0) << survey.err;
  const auto j = nlohmann::json::parse(survey.out);
  EXPECT_EQ(j["questions"][1]["question"], "relationship_change");
  EXPECT_EQ(j["questions"][1]["groups"][2]["group"], "gp");
  EXPECT_EQ(j["questions"][1]["groups"][2]["non_response"], 1);
}

TEST_F(GovernanceCli, DirectFlagsWithoutAScenario) {
  const auto practices = write("p.csv", "practice,sex,age_band,count\nP1,M,0-4,10\nP2,F,0-4,10\n");
  const auto map = write("m.csv", "practice,org,parent_org\nP1,O1,H1\nP2,O2,H1\n");
  const auto autonomy = write("a.csv", "organisation,level\nO1,1\nO2,3\n");
  const auto r = test::run_cli("governance --practices " + practices + " --map " + map +
                               " --level organisation --autonomy " + autonomy +
                               " --view autonomy --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "organisation,level,description,assumed,budget_holder,budget_holder_level,risk_bearer,"
            "risk_bearer_level,provides_community\n"
            "O1,1,advisory to the parent,no,H1,parent,H1,parent,no\n"
            "O2,3,free-standing commissioner,no,O2,organisation,O2,organisation,no\n");
}

TEST_F(GovernanceCli, BadInputExitsWithEveryProblem) {
  const auto boards = write("b.csv", "organisation,name,role\nO1,A,gp\nO1,B,wizard\nO1,C,druid\n");
  const auto r = test::run_cli("governance --boards " + boards);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("b.csv:3:3: role: got \"wizard\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("b.csv:4:3: role: got \"druid\""), std::string::npos) << r.err;

  const auto survey =
      write("s.csv", "organisation,respondent,relationship_change\nA,gp,better\nB,gp,worse\n");
  const auto s = test::run_cli("survey --survey " + survey);
  EXPECT_EQ(s.exit_code, 2);
  EXPECT_NE(s.err.find("s.csv:2:3: relationship_change: got \"better\""), std::string::npos);
  EXPECT_NE(s.err.find("s.csv:3:3: relationship_change: got \"worse\""), std::string::npos);

  const auto csv_all =
      test::run_cli("governance --boards " + write("ok.csv", "organisation,name,role\nO1,A,gp\n") +
                    " --format csv");
  EXPECT_EQ(csv_all.exit_code, 2);
  EXPECT_NE(csv_all.err.find("--format csv needs one --view"), std::string::npos) << csv_all.err;
}

TEST_F(GovernanceCli, IndicatorLevelsAreNamedWhenOneIsUnknown) {
  const auto r = test::run_cli("indicators --scenario " + example("scenario.toml") + " --show ccg");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: unknown level \"ccg\"; expected practice, pcg, health_authority, national or "
            "all\n");
}

TEST_F(GovernanceCli, BoardsMustBelongToOrganisationsOfTheLevel) {
  const auto practices = write("p.csv", "practice,sex,age_band,count\nP1,M,0-4,10\n");
  const auto map = write("m.csv", "practice,org\nP1,O1\n");
  const auto boards =
      write("b.csv", "organisation,name,role\nO1,A,gp\nO9,B,gp\nO1,C,lay\nO8,D,lay\n");
  const auto r = test::run_cli("governance --practices " + practices + " --map " + map +
                               " --boards " + boards);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(boards + ":3: organisation: got \"O9\", expected an organisation at level "
                                "organisation"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(boards + ":5: organisation: got \"O8\""), std::string::npos) << r.err;
}

TEST_F(GovernanceCli, ZeroDenominatorAtTheTopLevelWarnsAndPrintsNotComputable) {
  const auto practices = write("p.csv", "practice,sex,age_band,count\nP1,M,0-4,10\n");
  const auto map = write("m.csv", "practice,org\nP1,O1\n");
  const auto defs = write("d.csv", "code,name,target\nx,X,1\n");
  const auto values = write("v.csv", "practice,indicator,numerator,denominator\nP1,x,0,0\n");
  const auto r =
      test::run_cli("indicators --practices " + practices + " --map " + map + " --definitions " +
                    defs + " --values " + values + " --show national --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: indicator x has a zero denominator over all practices"),
            std::string::npos)
      << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["indicators"][0]["levels"][0]["units"][0]["value"].is_null());
  EXPECT_EQ(j["indicators"][0]["levels"][0]["units"][0]["rag"], "not computable");
}

}  // namespace
}  // namespace pco

// `pco contracts`: the fields the issue lists, every table, and bad scenarios exiting with 2.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scratch_dir.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

class ContractsCli : public test::ScratchDirTest {};

std::string example(const std::string& name) {
  return (std::filesystem::path(PCO_TEST_DATA_DIR) / ".." / ".." / "examples" / "pathway" / name)
      .string();
}

TEST_F(ContractsCli, JsonHasEveryFieldPerContractAndPerProvider) {
  const auto r = test::run_cli("contracts --scenario " + example("scenario.toml") +
                               " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.at("contracts").size(), 2u);
  for (const auto& c : j.at("contracts"))
    for (const char* key :
         {"commissioner", "provider", "services", "payment", "expected_payment", "sd_payment",
          "expected_provider_cost", "sd_provider_cost", "sd_provider_margin", "p_provider_loss",
          "commissioner_variance_share", "provider_variance_share"})
      EXPECT_TRUE(c.contains(key)) << key;
  const auto& tariff = j.at("contracts")[0];
  EXPECT_EQ(tariff.at("payment"), "activity");
  EXPECT_EQ(tariff.at("provider"), "RXA");
  EXPECT_EQ(tariff.at("services"), nlohmann::json::array({"outpatient"}));
  EXPECT_NEAR(tariff.at("expected_payment").get<double>(), 20e6, 1e-3);
  for (const auto& p : j.at("providers"))
    for (const char* key : {"provider", "expected_income", "sd_income", "expected_margin",
                            "sd_margin", "p_loss"})
      EXPECT_TRUE(p.contains(key)) << key;
  const auto& shifts = j.at("pathway_shifts");
  EXPECT_NEAR(shifts.at("movements")[0].at("money_moved").get<double>(), 600000, 0.005);
  EXPECT_NEAR(shifts.at("commissioners")[0].at("change_in_expected_payment").get<double>(),
              -120000, 0.005);
}

TEST_F(ContractsCli, TableAndEachCsvTable) {
  const auto text = test::run_cli("contracts --scenario " + example("scenario.toml"));
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Pathway shifts"), std::string::npos);
  EXPECT_NE(text.out.find("600,000.00"), std::string::npos);
  EXPECT_NE(text.out.find("-120,000.00"), std::string::npos);
  const std::vector<std::pair<std::string, std::string>> tables = {
      {"contracts", "commissioner,provider,kind,services,payment,expected_payment"},
      {"providers", "provider,name,kind,contracts,expected_income"},
      {"commissioners", "commissioner,population,contracts,budget"},
      {"shifts", "shift,commissioner,service,from,to,share_pct,events_moved,money_moved"}};
  for (const auto& [table, header] : tables) {
    const auto r = test::run_cli("contracts --scenario " + example("scenario.toml") +
                                 " --format csv --table " + table);
    ASSERT_EQ(r.exit_code, 0) << table << r.err;
    EXPECT_EQ(r.out.rfind(header, 0), 0u) << table << "\n" << r.out;
  }
}

TEST_F(ContractsCli, BadScenarioListsEveryProblemAndExitsWithTwo) {
  const auto file = write("bad.toml", R"(schema_version = 1
[synthetic]
practices = 40
[[contract]]
commissioner = "SO001"
provider = "UNKNOWN"
payment = "activity"
[[contract]]
commissioner = "SO001"
provider_kind = "acute"
payment = "aligned"
variable_rate = -0.1
)");
  const auto r = test::run_cli("contracts --scenario " + file);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("2 problems"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("contract.provider: got \"UNKNOWN\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("variable_rate: got \"-0.1\", expected a variable rate v in [0, 1]"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace pco

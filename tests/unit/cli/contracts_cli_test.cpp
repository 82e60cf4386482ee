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
  const auto r =
      test::run_cli("contracts --scenario " + example("scenario.toml") + " --format json");
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
    for (const char* key :
         {"provider", "expected_income", "sd_income", "expected_margin", "sd_margin", "p_loss"})
      EXPECT_TRUE(p.contains(key)) << key;
  const auto& shifts = j.at("pathway_shifts");
  EXPECT_NEAR(shifts.at("movements")[0].at("money_moved").get<double>(), 600000, 0.005);
  EXPECT_NEAR(shifts.at("commissioners")[0].at("change_in_expected_payment").get<double>(), -120000,
              0.005);
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

namespace pco {
namespace {

// A capped aligned contract: the exact distribution of the holder's payments (`pco contracts`)
// against `pco simulate`, which draws the contract's activity each year and applies the cap and
// floor to each draw.
TEST_F(ContractsCli, ExactCappedContractAgreesWithSimulate) {
  // Chance alone on both sides: the exact contract results do not include the formula error
  // and year shock that pco simulate draws by default (docs/risk-sources.md).
  const auto file = write("capped.toml", R"(schema_version = 1
[synthetic]
seed = 7
practices = 150
[risk]
sources = ["chance"]
[[contract]]
name = "capped"
commissioner = "SO001"
provider_kind = "acute"
min_value = 20000000
payment = "aligned"
variable_rate = 1.0
cap_ratio = 1.0
floor_ratio = 0.98
)");
  const auto exact = test::run_cli("contracts --scenario " + file + " --format json");
  ASSERT_EQ(exact.exit_code, 0) << exact.err;
  const auto sim = test::run_cli("simulate --scenario " + file +
                                 " --years 1 --replications 4000 --threads 2 --format json");
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  const auto e = nlohmann::json::parse(exact.out);
  const auto s = nlohmann::json::parse(sim.out);
  bool capped = false;
  for (const auto& c : e.at("contracts"))
    capped = capped || (c.at("commissioner") == "SO001" && c.at("method") == "grid (cap or floor)");
  ASSERT_TRUE(capped);
  const auto& holder = e.at("commissioners")[0];
  ASSERT_EQ(holder.at("code"), "SO001");
  const auto& year = s.at("holders")[0].at("years")[0];
  const double mean = holder.at("expected_contract_payment").get<double>() +
                      holder.at("expected_tariff_payment").get<double>();
  const auto& w = holder.at("with_contracts");
  EXPECT_NEAR(year.at("cost_mean").at("value").get<double>(), mean,
              4 * year.at("cost_mean").at("se").get<double>());
  EXPECT_NEAR(year.at("cost_sd").at("value").get<double>(), w.at("sd").get<double>(),
              4 * year.at("cost_sd").at("se").get<double>());
  EXPECT_NEAR(year.at("p_overspend").at("value").get<double>(), w.at("p_overspend").get<double>(),
              4 * year.at("p_overspend").at("se").get<double>());
  // Without the contracts the holder pays at tariff: the simulation agrees with the exact
  // at-tariff distribution, whose spread the capped contract narrows.
  const auto tariff = test::run_cli("simulate --scenario " + file +
                                    " --years 1 --replications 4000 --no-contracts --format json");
  ASSERT_EQ(tariff.exit_code, 0) << tariff.err;
  const auto tariff_json = nlohmann::json::parse(tariff.out);
  const auto& t = tariff_json.at("holders")[0].at("years")[0];
  EXPECT_NEAR(t.at("cost_mean").at("value").get<double>(),
              holder.at("expected_at_tariff").get<double>(),
              4 * t.at("cost_mean").at("se").get<double>());
  EXPECT_GT(holder.at("exact_sd_at_tariff").get<double>(),
            1.1 * holder.at("exact_sd_with_contracts").get<double>());
}

}  // namespace
}  // namespace pco

// pco run with commissioning sections: stored, reported, served; and the commissioning
// alternatives of an appraisal against their hand calculation.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "appraisal/appraisal.hpp"
#include "core/text.hpp"
#include "demand/service_scenario.hpp"
#include "economy/load_economy.hpp"
#include "report/run_report.hpp"
#include "run/run_job.hpp"
#include "scenario_file/scenario_file.hpp"
#include "serve/api.hpp"
#include "store/commissioning_tables.hpp"
#include "store/stored_run.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

const char* kScenario = R"(schema_version = 1
name = "commissioning"
[synthetic]
seed = 3
practices = 60
[commissioning]
default_payment = "nhsps2025"
[[pathway_shift]]
service = "outpatient"
from = "acute"
to = "community"
share = 0.05
unit_cost_ratio = 0.8
transition_cost = 100000
commissioner = "SO001"
)";

class CommissioningStage : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / ("pco_cstage_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    const auto scenario = parse_scenario(kScenario, "c.toml", ".");
    const ProgressFn quiet = [](int, int, std::string_view) {};
    const auto results = compute_run(scenario, quiet);
    ASSERT_TRUE(results.commissioning);
    contracts_ = results.commissioning->set.contracts.size();
    const auto files = write_run(scenario, results, dir_, "2026-01-01T00:00:00Z", quiet);
    // The run's published outputs include both tables (crash-safe: links into .pco/current).
    for (const auto& f : files.written)
      written_.push_back(f.filename().string());
    contracts_csv_ = read_text_file(dir_ / "contracts.csv");
    providers_csv_ = read_text_file(dir_ / "contract_providers.csv");
    const auto plain = parse_scenario(
        "schema_version = 1\nname = \"plain\"\n[synthetic]\nseed = 3\npractices = 60\n", "p.toml",
        ".");
    write_run(plain, compute_run(plain, quiet), dir_, "2026-01-01T00:00:01Z", quiet);
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }
  static std::filesystem::path dir_;
  static std::size_t contracts_;
  static std::vector<std::string> written_;
  static std::string contracts_csv_, providers_csv_;
};
std::filesystem::path CommissioningStage::dir_;
std::size_t CommissioningStage::contracts_ = 0;
std::vector<std::string> CommissioningStage::written_;
std::string CommissioningStage::contracts_csv_, CommissioningStage::providers_csv_;

std::size_t lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST_F(CommissioningStage, ContractsAreStoredReportedAndWrittenAsCsv) {
  for (const char* name : {"contracts.csv", "contract_providers.csv"})
    EXPECT_NE(std::find(written_.begin(), written_.end(), name), written_.end()) << name;
  // One line per contract under the header; providers with any income likewise.
  EXPECT_EQ(lines(contracts_csv_), contracts_ + 1);
  EXPECT_TRUE(contracts_csv_.starts_with("commissioner,provider,kind,services,payment,"));
  EXPECT_GT(lines(providers_csv_), 1u);
  // The later run without commissioning is the one published: no contracts of the earlier run
  // are shown as if they were its own, and no link to nothing is left.
  for (const char* name : {"contracts.csv", "contract_providers.csv"}) {
    EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(dir_ / name))) << name;
  }
  EXPECT_TRUE(std::filesystem::exists(dir_ / "report.html"));
  // The report as `pco report` draws it from the store for the commissioning run.
  SqliteDb db(dir_ / "results.db", SqliteDb::Mode::read_only);
  const auto report = render_run_report(read_run(db, 1));
  EXPECT_NE(report.find("Providers and contracts"), std::string::npos);
  EXPECT_NE(report.find("Money from commissioners to providers"), std::string::npos);
  EXPECT_NE(report.find("Care-pathway shifts"), std::string::npos);
  const auto stored = read_commissioning(db, 1);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->at("contracts").size(), contracts_);
  EXPECT_EQ(stored->at("level"), "organisation");
  EXPECT_EQ(stored->at("pathway_shifts").size(), 1u);
  // What every commissioner pays through contracts, every provider receives.
  double paid = 0, received = 0;
  for (const auto& c : stored->at("contracts"))
    paid += c.at("expected_payment").get<double>();
  for (const auto& p : stored->at("providers"))
    received += p.at("expected_income").get<double>() - p.at("tariff_income").get<double>();
  EXPECT_NEAR(paid, received, 1e-9 * paid);
  // Money flows are the whole commissioned spend at modelled providers.
  double flows = 0;
  for (const auto& f : stored->at("money_flows"))
    flows += f.at("expected").get<double>();
  EXPECT_NEAR(flows, paid, 1e-6 * paid);
  // A run without commissioning has none (and the store predating them would say the same).
  EXPECT_FALSE(read_commissioning(db, 2));
}

TEST_F(CommissioningStage, TheDashboardServesTheProvidersView) {
  DashboardApi api(dir_ / "results.db");
  const auto r = api.handle_request("GET", "/api/runs/1/contracts", "");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j.at("run_id"), 1);
  ASSERT_FALSE(j.at("providers").empty());
  const auto& p = j.at("providers")[0];
  for (const char* key : {"code", "name", "kind", "expected_income", "sd_margin", "p_loss", "lat"})
    EXPECT_TRUE(p.contains(key)) << key;
  EXPECT_FALSE(j.at("money_flows").empty());
  EXPECT_EQ(api.handle_request("GET", "/api/runs/2/contracts", "").status, 404);
  // The view's module is served, and the page has its tab and imports it.
  const auto view = api.handle_request("GET", "/providers_view.js", "");
  EXPECT_EQ(view.status, 200);
  EXPECT_NE(view.body.find("/api/runs/${state.run}/contracts"), std::string::npos);
  EXPECT_NE(api.handle_request("GET", "/", "").body.find("view-providers"), std::string::npos);
  EXPECT_NE(api.handle_request("GET", "/app.js", "").body.find("./providers_view.js"),
            std::string::npos);
}

std::filesystem::path example(const std::string& name) {
  return std::filesystem::path(PCO_TEST_DATA_DIR) / ".." / ".." / "examples" / "pathway" / name;
}

TEST(CommissioningAlternatives, APathwayShiftSavesWhatTheHandCalculationSays) {
  // The worked example's status quo (no shift), with the shift and a change of contract form
  // as appraisal alternatives.
  auto text = read_text_file(example("scenario.toml"));
  text = text.substr(0, text.find("[[pathway_shift]]"));
  text += R"(
[appraisal]
draws = 0
[[appraisal.alternative]]
name = "outpatient clinics to the community"
[[appraisal.alternative.pathway_shift]]
service = "outpatient"
from = "acute"
to = "community"
share = 0.03
unit_cost_ratio = 0.8
transition_cost = 150000
years = 2
commissioner = "PCG1"
to_provider = "CX1"
[[appraisal.alternative]]
name = "outpatients on a block"
[[appraisal.alternative.contract]]
commissioner = "PCG1"
provider = "RXA"
services = ["outpatient"]
payment = "block"
[[appraisal.alternative.contract]]
commissioner = "PCG1"
provider = "CX1"
services = ["community", "outpatient"]
payment = "block"
)";
  const auto scenario = parse_scenario(text, example("appraise.toml").string(), example(""));
  const auto model = read_service_model(scenario);
  const auto economy = load_economy(scenario);
  const auto r = appraise(scenario, economy, model);
  ASSERT_EQ(r.configurations.size(), 3u);
  const auto& shift = r.configurations[1];
  // 4,800 attendances × £125 × (1 − 0.8) a year, £150,000 once.
  EXPECT_NEAR(shift.change.running_saving, 120000.00, 0.005);
  EXPECT_NEAR(shift.change.transition_cost, 150000.00, 0.005);
  const auto& block = r.configurations[2];
  // Priced at expected activity: no saving, but the commissioner's whole risk moves to the
  // providers, so its reserve falls to nothing.
  EXPECT_NEAR(block.change.running_saving, 0, 1e-6);
  EXPECT_LT(block.change.reserve_change, -100000);
}

}  // namespace
}  // namespace pco

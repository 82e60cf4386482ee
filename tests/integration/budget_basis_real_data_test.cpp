// One budget basis on England's real data (issue 17, "What it must show"): with a [formula],
// every CCG's budget_pence in `pco risk --format json` is its allocation_pence in
// `pco allocate --format json` — also after a year of pace of change — and the simulation's and
// the appraisal's budgets are the same figures.
#include <fstream>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "allocation/rounding.hpp"
#include "allocation/run.hpp"
#include "appraisal/appraisal.hpp"
#include "demand/service.hpp"
#include "economy/load_economy.hpp"
#include "holders/holder_risk.hpp"
#include "real_data.hpp"
#include "scenario_file/scenario_file.hpp"
#include "scratch_dir.hpp"
#include "sim/simulation_input.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

class BudgetBasisRealData : public test::RealDataFixture<test::ScratchDirTest> {
 protected:
  std::filesystem::path scenario(const std::string& extra) {
    const auto path = dir_ / "england.toml";
    std::ofstream(path) << "schema_version = 1\nname = \"England\"\n[population]\nfile = \""
                        << data("population/gp-reg-pat-prac-all_2021-01.csv").string()
                        << "\"\n[configuration]\nmap = \""
                        << data("organisation/gp-reg-pat-prac-map_2020-09.csv").string()
                        << "\"\nlevel = \"ccg\"\n[formula]\nquantum_pence = 8550000000000\n"
                        << extra;
    return path;
  }

  static std::map<std::string, std::int64_t> by_code(const nlohmann::json& rows,
                                                     const char* field) {
    std::map<std::string, std::int64_t> out;
    for (const auto& r : rows)
      out[r["code"].get<std::string>()] = r[field].get<std::int64_t>();
    return out;
  }
};

TEST_F(BudgetBasisRealData, RiskBudgetsAreTheAllocationsOfPcoAllocateToThePenny) {
  const auto file = scenario("");
  const auto allocate = test::run_cli("allocate --scenario " + file.string() + " --format json");
  ASSERT_EQ(allocate.exit_code, 0) << allocate.err;
  const auto risk = test::run_cli("risk --scenario " + file.string() + " --format json");
  ASSERT_EQ(risk.exit_code, 0) << risk.err;
  const auto a = nlohmann::json::parse(allocate.out);
  const auto r = nlohmann::json::parse(risk.out);
  const auto allocations = by_code(a["organisations"], "allocation_pence");
  const auto budgets = by_code(r["holders"], "budget_pence");
  ASSERT_EQ(allocations.size(), 135u);
  EXPECT_EQ(budgets, allocations);
  // The quantum (£85.5bn) is within 3% of the default model's expected cost on these lists:
  // no warning, and the reconciliation says by how much they differ.
  EXPECT_EQ(risk.err.find("disagree nationally"), std::string::npos) << risk.err;
  EXPECT_TRUE(r["budget_basis"]["from_allocation"].get<bool>());
  EXPECT_LT(std::abs(r["budget_basis"]["gap_pct"].get<double>()), 3.0);
}

TEST_F(BudgetBasisRealData, AfterPaceOfChangeRiskSimulationAndAppraisalUseTheSameBudgets) {
  // Last year's money, 3% less than this year's, spread so that CCGs start off target.
  const auto plain = load_economy(load_scenario(scenario("")));
  std::string baseline = "code,allocation_pence\n";
  {
    const auto run =
        run_allocation(load_scenario(scenario("")).table, "england.toml", dir_, plain, "ccg");
    // Per head, scattered ±4% in a fixed pattern, so that pace of change has work to do.
    std::vector<long double> heads;
    for (std::size_t i = 0; i < run.level.organisations.size(); ++i)
      heads.push_back(
          static_cast<long double>(run.level.organisations[i].population) *
          (1 + 0.04L * static_cast<long double>(static_cast<int>(i * 37 % 11) - 5) / 5));
    const auto money = largest_remainder(8'300'000'000'000, heads);
    for (std::size_t i = 0; i < money.size(); ++i)
      baseline += run.level.organisations[i].code + "," + std::to_string(money[i]) + "\n";
  }
  std::ofstream(dir_ / "baseline.csv") << baseline;
  const auto s = load_scenario(scenario(
      "[pace]\nbaseline_file = \"baseline.csv\"\ngrowth = 0.03\nyears = 1\nfloor = 0.01\n"));
  const auto economy = load_economy(s);
  // Budgets do not depend on the service model: one line keeps the three risk computations
  // quick.
  ServiceModel model;
  model.source = "test";
  ServiceLine line;
  line.name = "spells";
  line.rates.fill(0.1);
  line.phi = 0.5;
  line.severity = Severity::gamma(2, 1000);
  model.services.push_back(line);
  const auto allocation = run_allocation(s.table, s.file.string(), dir_, economy, "ccg");
  ASSERT_EQ(allocation.pace_years.size(), 1u);

  HolderRiskOptions options;
  options.levels = {"ccg"};
  const auto risk = compute_holder_risk(economy, model, allocation, options);
  ASSERT_EQ(risk.holders.size(), allocation.level.organisations.size());
  std::size_t off_target = 0;
  for (std::size_t i = 0; i < risk.holders.size(); ++i) {
    const auto& o = allocation.level.organisations[i];
    EXPECT_EQ(risk.holders[i].budget_pence, o.allocation_pence) << o.code;
    off_target += o.allocation_pence != o.target_pence ? 1 : 0;
  }
  EXPECT_GT(off_target, 100u);

  SimulationSettings settings;
  settings.level = "ccg";
  const auto input = build_simulation_input(economy, model, allocation, {}, settings);
  for (std::size_t i = 0; i < input.holders.size(); ++i)
    EXPECT_DOUBLE_EQ(input.holders[i].budget, risk.holders[i].budget) << input.holders[i].code;

  CandidateConfiguration sq{"status quo", "", "ccg", economy.configuration, {}, true};
  const auto structure = configuration_structure(s, economy, model, sq, sq, allocation,
                                                 practice_expected_costs(economy, model, "ccg"));
  std::map<std::string, double> appraised;
  for (const auto& o : structure.organisations)
    appraised[o.code] = o.budget;
  for (const auto& h : risk.holders)
    EXPECT_DOUBLE_EQ(appraised.at(h.code), h.budget) << h.code;
}

}  // namespace
}  // namespace pco

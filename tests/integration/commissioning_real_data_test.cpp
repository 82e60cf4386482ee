// Providers and flows on the real files: the 2026 trust list, the April 2026 RTT extract read
// zipped as published, the distance-decay fit behind the default scale.
#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "commissioning/commissioning_run.hpp"
#include "commissioning/decay_calibration.hpp"
#include "commissioning/flows.hpp"
#include "commissioning/provider_sources.hpp"
#include "core/text.hpp"
#include "demand/service_scenario.hpp"
#include "economy/load_economy.hpp"
#include "readers/locations.hpp"
#include "readers/rtt_extract.hpp"
#include "real_data.hpp"
#include "scenario_file/scenario_file.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

const RttExtract& april_2026() {
  static const RttExtract rtt =
      read_rtt_extract(test::shared_data_dir() / "providers/rtt-full-extract_2026-04.csv.zip");
  return rtt;
}

using RealData = test::RealDataTest;

TEST_F(RealData, RttExtractReadZippedAsPublished) {
  const auto& rtt = april_2026();
  // The figures of ../shared/data/README.md.
  EXPECT_EQ(rtt.period, "RTT-April-2026");
  EXPECT_EQ(rtt.rows, 180781u);
  EXPECT_EQ(rtt.providers.size(), 529u);
  EXPECT_DOUBLE_EQ(rtt.total(RttPart::incomplete), 7123980.0);
  std::size_t sub_icbs = 0;
  std::map<std::string, int> icbs;
  for (const auto& c : rtt.commissioners)
    if (!c.parent_code.empty() && c.parent_code.size() >= 3 &&
        c.name.find(" ICB - ") != std::string::npos) {
      ++sub_icbs;
      ++icbs[c.parent_code];
    }
  EXPECT_EQ(sub_icbs, 106u);
  EXPECT_EQ(icbs.size(), 36u);
}

TEST_F(RealData, DistanceDecayFittedToRttFlows) {
  const auto dir = test::shared_data_dir();
  Scenario s;
  s.population.files.push_back(dir / "population/gp-reg-pat-prac-all_2021-01.csv");
  s.population.postcode_districts = dir / "geography/postcode-districts.csv";
  s.configuration.map = dir / "organisation/gp-reg-pat-prac-map_2026-01.csv";
  s.configuration.source = ConfigurationInputs::Source::map;
  const auto economy = load_economy(s);
  const auto districts = parse_postcode_districts(
      {"districts", read_text_file(dir / "geography/postcode-districts.csv")});
  ProviderSet providers;
  ProviderLoadNotes notes;
  add_trusts(providers, parse_etr({"etr", read_text_file(dir / "providers/etr_2026-07.csv")}),
             &districts, &april_2026(), notes);
  const auto fit =
      fit_decay_scale(economy, providers, april_2026(), "sub_icb", ProviderKind::acute);
  std::printf("decay fit: D = %.2f km, log-likelihood %.4f (no distance %.4f), %zu practices\n",
              fit.scale_km, fit.log_likelihood, fit.null_log_likelihood, fit.practices);
  EXPECT_GT(fit.log_likelihood, fit.null_log_likelihood);
  // The default scale is this fit (docs/commissioning.md).
  EXPECT_NEAR(fit.scale_km, kDefaultDecayKm, 0.01 * kDefaultDecayKm);
}

// England's 42 ICBs of January 2026 commissioning from the 2026 trusts and the independent
// providers of the RTT extract under the 2025/26 NHS Payment Scheme: every contract's risk split
// as its rule says, and what commissioners pay, providers receive.
TEST_F(RealData, EnglandUnderThePaymentScheme) {
  const auto dir = test::shared_data_dir();
  const auto scenario = parse_scenario(
      "schema_version = 1\n"
      "[population]\nfiles = [\"" +
          (dir / "population/gp-reg-pat-prac-all_2021-01.csv").string() +
          "\"]\npostcode_districts = \"" + (dir / "geography/postcode-districts.csv").string() +
          "\"\n[configuration]\nmap = \"" +
          (dir / "organisation/gp-reg-pat-prac-map_2026-01.csv").string() +
          "\"\nlevel = \"icb\"\n[commissioning]\ntrusts = \"" +
          (dir / "providers/etr_2026-07.csv").string() + "\"\nrtt = \"" +
          (dir / "providers/rtt-full-extract_2026-04.csv.zip").string() +
          "\"\ndefault_payment = \"nhsps2025\"\n",
      "england.toml", ".");
  const auto model = read_service_model(scenario);
  const auto economy = load_economy(scenario);
  CommissioningRunOptions options;
  // A coarser grid than the default keeps the test quick; accuracy is tested elsewhere.
  options.risk.grid.knots_per_sd = 16;
  options.risk.grid.steps_per_rms = 2;
  const auto run = run_commissioning(scenario, economy, model, std::nullopt, options);
  EXPECT_EQ(run.set.holders.size(), 42u);
  std::map<PaymentForm, int> forms;
  double paid = 0, received = 0;
  for (std::size_t k = 0; k < run.set.contracts.size(); ++k) {
    const auto& c = run.set.contracts[k];
    const auto& r = run.state.contracts[k];
    ++forms[c.payment];
    const double tol = 1e-9 * std::max(1.0, r.sd_activity);
    EXPECT_NEAR(r.expected_payment, r.expected_activity, 1e-9 * r.expected_activity);
    if (c.payment == PaymentForm::activity) {
      EXPECT_NEAR(r.sd_payment, r.sd_activity, tol);
      EXPECT_EQ(r.sd_margin, 0);
    } else if (c.payment == PaymentForm::block) {
      EXPECT_EQ(r.sd_payment, 0);
      EXPECT_NEAR(r.sd_margin, r.sd_activity, tol);
    } else {
      // Aligned payment and incentive: elective and outpatient in the variable element at v = 1,
      // the rest fixed.
      EXPECT_EQ(c.payment, PaymentForm::aligned);
      EXPECT_NEAR(r.sd_payment, r.sd_x1, tol);
      EXPECT_NEAR(r.sd_margin, r.sd_x2, tol);
      EXPECT_GT(r.expected_activity, kDefaultLvaThreshold);
    }
  }
  for (const auto& h : run.state.commissioners)
    paid += h.expected_contract_payment;
  for (const auto& p : run.state.providers)
    received += p.expected_contract_income;
  EXPECT_NEAR(paid, received, 1e-9 * paid);
  EXPECT_GT(forms[PaymentForm::aligned], 1000);
  EXPECT_GT(forms[PaymentForm::block], 1000);
  EXPECT_GT(forms[PaymentForm::activity], 1000);
  std::printf(
      "England: %zu contracts (%d aligned, %d block, %d activity), £%.1fbn paid through "
      "them\n",
      run.set.contracts.size(), forms[PaymentForm::aligned], forms[PaymentForm::block],
      forms[PaymentForm::activity], paid / 1e9);
}

}  // namespace
}  // namespace pco

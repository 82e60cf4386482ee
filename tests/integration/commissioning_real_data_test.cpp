// Providers and flows on the real files: the 2026 trust list, the April 2026 RTT extract read
// zipped as published, the distance-decay fit behind the default scale.
#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "commissioning/decay_calibration.hpp"
#include "commissioning/provider_sources.hpp"
#include "core/text.hpp"
#include "readers/locations.hpp"
#include "readers/rtt_extract.hpp"
#include "scenario/economy.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

const RttExtract& april_2026() {
  static const RttExtract rtt =
      read_rtt_extract(test::shared_data_dir() / "providers/rtt-full-extract_2026-04.csv.zip");
  return rtt;
}

TEST(RealData, RttExtractReadZippedAsPublished) {
  PCO_REQUIRE_SHARED_DATA();
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

TEST(RealData, DistanceDecayFittedToRttFlows) {
  PCO_REQUIRE_SHARED_DATA();
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
  for (const auto& [d, ll] : fit.profile)
    std::printf("  D %.2f  ll %.4f\n", d, ll);
  EXPECT_GT(fit.log_likelihood, fit.null_log_likelihood);
}

}  // namespace
}  // namespace pco

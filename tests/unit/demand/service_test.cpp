#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "demand/service.hpp"
#include "demand/service_scenario.hpp"
#include "demand/tariff.hpp"
#include "model/reference_profile.hpp"
#include "risk/aggregate.hpp"
#include "scenario/scenario.hpp"
#include "scenario_file/scenario_file.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

const ServiceLine& line(const ServiceModel& m, const std::string& name) {
  for (const auto& s : m.services)
    if (s.name == name) return s;
  throw std::runtime_error("no service " + name);
}

// docs/services.md, table "Default England service lines": rate per head × mean cost.
TEST(DefaultServices, PerHeadCostsReproduceTheDocumentedCalibration) {
  const auto model = default_service_model();
  const struct {
    const char* name;
    double per_head;
  } documented[] = {
      {"elective", 0.13 * 1400},   {"non_elective", 0.107 * 2300}, {"outpatient", 1.6 * 135},
      {"ae", 0.41 * 165},          {"mental_health", 0.06 * 3500}, {"community", 1.6 * 105},
      {"prescribing", 18.8 * 8.0}, {"primary_medical", 5.0 * 28},
  };
  double hchs = 0;
  for (const auto& d : documented) {
    EXPECT_NEAR(national_cost_per_head(line(model, d.name)), d.per_head, 1e-9 * d.per_head)
        << d.name;
    if (std::string(d.name) != "prescribing" && std::string(d.name) != "primary_medical")
      hchs += d.per_head;
  }
  // Bachmann & Bevan: rare costly referrals are 2.8% of hospital and community cost.
  const double rare = national_cost_per_head(line(model, "rare_costly"));
  // Severity specs carry 10 significant digits, hence 1e-9.
  EXPECT_NEAR(rare / (hchs + rare), 0.028, 1e-9);
  EXPECT_EQ(model.services.size(), 9u);
}

TEST(DefaultServices, AgeCurvesRiseWithAgeWhereTheDocsSaySo) {
  const auto model = default_service_model();
  const auto& ne = line(model, "non_elective");
  // Emergency admissions: 85-89 far above 20-24, and 0-4 above 10-14 (docs/services.md).
  EXPECT_GT(ne.rates[17], 8 * ne.rates[4]);
  EXPECT_GT(ne.rates[0], ne.rates[2]);
  const auto& el = line(model, "elective");
  EXPECT_GT(el.rates[15], el.rates[19]);  // elective care peaks near 75 and falls after
}

TEST(ServiceFrequency, NegativeBinomialCountsOfListsAddExactly) {
  ServiceLine s;
  s.phi = 0.7;
  const auto a = service_frequency(s, 12.0);
  const auto b = service_frequency(s, 30.0);
  const auto both = service_frequency(s, 42.0);
  EXPECT_DOUBLE_EQ(a.prob(), both.prob());
  EXPECT_NEAR(a.size() + b.size(), both.size(), 1e-12);
  EXPECT_NEAR(both.variance() / both.mean(), 1.7, 1e-12);
  // The pmf of the sum, by direct convolution of the two pmfs.
  for (int n : {0, 10, 42, 80}) {
    double p = 0;
    for (int k = 0; k <= n; ++k)
      p += a.pmf(static_cast<std::uint64_t>(k)) * b.pmf(static_cast<std::uint64_t>(n - k));
    EXPECT_NEAR(p, both.pmf(static_cast<std::uint64_t>(n)), 1e-13) << n;
  }
}

TEST(AgeCurve, NationalRatePerHeadIsExact) {
  AgeCurve c{2.5, 0.04, -0.05, 0.7, 0.2, 1.3};
  const auto rates = curve_rates(c);
  const auto& profile = national_reference_profile();
  double people = 0;
  double events = 0;
  for (std::size_t i = 0; i < rates.size(); ++i) {
    people += profile[i];
    events += profile[i] * rates[i];
  }
  EXPECT_NEAR(events / people, 2.5, 1e-12);
  EXPECT_NEAR(rates[kAgeBands + 10] / rates[10], 1.3, 1e-12);  // female / male at 50-54
}

TEST(Tariff, TrimPointAddOnMakesATwoPointCategory) {
  const std::string csv =
      "category,price,share,excess_share,excess_days,excess_day_price\n"
      "hip,6000,0.25,0.1,5,300\n"
      "cataract,900,0.75,0,0,0\n";
  const auto sev = parse_tariff("t.csv", csv);
  // 0.25·(0.9·6000 + 0.1·7500) + 0.75·900
  EXPECT_NEAR(sev.mean(), 0.25 * (0.9 * 6000 + 0.1 * 7500) + 0.75 * 900, 1e-9);
}

TEST(Tariff, EveryBadRowIsReported) {
  const auto lines = test::input_error_lines(
      [] { parse_tariff("t.csv", "category,price,share\nhip,-5,0.5\n,900,1.5\n"); });
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find("t.csv:2:2"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("t.csv:3:1"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("t.csv:3:3"), std::string::npos) << lines[2];
}

Scenario scenario(const std::string& body) {
  return parse_scenario("schema_version = 1\n[synthetic]\npractices = 10\n" + body, "s.toml", ".");
}

TEST(ServiceScenario, ScenarioLinesOverrideDefaultsByName) {
  const auto s = scenario(
      "[[service]]\nname = \"elective\"\nlevel = \"organisation\"\nrate_per_head = 0.2\n"
      "cost = \"gamma:2,500\"\nphi = 0.1\n");
  const auto model = read_service_model(s);
  EXPECT_EQ(model.services.size(), 9u);
  EXPECT_NEAR(national_cost_per_head(line(model, "elective")), 0.2 * 1000, 1e-9);
}

TEST(ServiceScenario, EveryProblemIsListedAtOnce) {
  const auto s = scenario(
      "[risk]\ndefault_services = false\n"
      "[[service]]\nname = \"a\"\nrate_per_head = 1\ncost = \"lognormal:1,1\"\n"
      "[[service]]\nname = \"b\"\nlevel = \"ccg\"\nrate_per_head = 1\nphi = -1\n"
      "cost = \"lognormal:1\"\n");
  const auto lines = test::input_error_lines([&] { read_service_model(s); });
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find("s.toml:6:1: service[0].level"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("service[1].phi: got \"-1\""), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("service[1].cost"), std::string::npos) << lines[2];
}

TEST(ServiceScenario, UnknownLevelsAreNamedWithTheKnownOnes) {
  const auto s = scenario(
      "[risk]\ndefault_services = false\n"
      "[[service]]\nname = \"a\"\nlevel = \"ccg\"\nrate_per_head = 1\ncost = \"exponential:1\"\n"
      "[[service]]\nname = \"b\"\nlevel = \"stp\"\nrate_per_head = 1\ncost = \"exponential:1\"\n");
  const auto model = read_service_model(s);
  const Configuration empty;
  const auto lines = test::input_error_lines([&] { check_service_levels(model, empty, "s.toml"); });
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "s.toml:6:1: service a level: got \"ccg\", expected one of: practice, organisation, "
            "national");
  EXPECT_NE(lines[1].find("\"stp\""), std::string::npos);
}

}  // namespace
}  // namespace pco

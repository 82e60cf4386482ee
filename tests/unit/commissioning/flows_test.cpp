// Flows from a practice to providers: distance decay, RTT shares, the flow file.
#include <cmath>

#include <gtest/gtest.h>

#include "commissioning/flows.hpp"
#include "commissioning/provider_sources.hpp"
#include "commissioning/synthetic_providers.hpp"
#include "economy/load_economy.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

ProviderSet three_hospitals() {
  ProviderSet set;
  const auto add = [&](const char* code, double lat, double lon, double attraction) {
    Provider p;
    p.code = code;
    p.kind = ProviderKind::acute;
    p.location = GeoPoint{lat, lon};
    p.attraction = attraction;
    set.add_or_replace(p);
  };
  add("NEAR", 52.0, 0.0, 1);
  add("FAR", 52.0, 0.3, 1);       // about 20.5 km east
  add("BIG", 52.0, -0.3, 4);      // as far west, four times the size
  add("REMOTE", 53.5, 0.0, 100);  // about 167 km north
  return set;
}

TEST(DecayFlows, SharesFollowAttractionTimesExponentialDecay) {
  const auto set = three_hospitals();
  const std::vector<std::uint32_t> all = {0, 1, 2, 3};
  const GeoPoint at{52.0, 0.0};
  const auto flows = decay_flows(at, set, all, 12.1, 60, 0.0);
  ASSERT_EQ(flows.size(), 3u);  // REMOTE is beyond 60 km
  const double d = distance_km(at, *set[1].location);
  const double w_far = std::exp(-d / 12.1), w_big = 4 * std::exp(-d / 12.1);
  const double total = 1 + w_far + w_big;
  double sum = 0;
  for (const auto& f : flows) {
    sum += f.share;
    const double want = f.provider == 0   ? 1 / total
                        : f.provider == 1 ? w_far / total
                                          : w_big / total;
    EXPECT_NEAR(f.share, want, 1e-12);
  }
  EXPECT_NEAR(sum, 1, 1e-15);
  // Small shares are dropped and the rest renormalised; the largest always stays.
  const auto trimmed = decay_flows(at, set, all, 12.1, 60, 0.2);
  ASSERT_EQ(trimmed.size(), 2u);
  EXPECT_NEAR(trimmed[0].share + trimmed[1].share, 1, 1e-15);
  // Nothing within reach: no modelled provider.
  EXPECT_TRUE(decay_flows(GeoPoint{55.5, -4.0}, set, all, 12.1, 60, 0).empty());
}

TEST(DecayFlows, DistanceIsTheGreatCircle) {
  // One degree of latitude is 111.19 km on a sphere of radius 6,371 km.
  EXPECT_NEAR(distance_km({51, 0}, {52, 0}), 111.195, 1e-3);
  EXPECT_NEAR(distance_km({52, 0}, {52, 0}), 0, 1e-12);
}

TEST(TrustKinds, FromNameAndWaitingList) {
  EXPECT_EQ(classify_trust("LONDON AMBULANCE SERVICE NHS TRUST", "QKK", 0),
            ProviderKind::ambulance);
  EXPECT_EQ(classify_trust("KENT AND MEDWAY MENTAL HEALTH NHS TRUST", "QKS", 0),
            ProviderKind::mental_health);
  EXPECT_EQ(classify_trust("LEEDS COMMUNITY HEALTHCARE NHS TRUST", "QWO", 0),
            ProviderKind::community);
  EXPECT_EQ(classify_trust("THE ROTHERHAM NHS FOUNDATION TRUST", "QF7", 29423),
            ProviderKind::acute);
  EXPECT_EQ(classify_trust("SHEFFIELD TEACHING HOSPITALS NHS FOUNDATION TRUST", "QF7", 0),
            ProviderKind::acute);
  EXPECT_EQ(classify_trust("OXLEAS NHS FOUNDATION TRUST", "QKS", 1590),
            ProviderKind::mental_health);
  EXPECT_EQ(classify_trust("OXLEAS NHS FOUNDATION TRUST", "QKS", std::nullopt),
            ProviderKind::acute);
  EXPECT_EQ(classify_trust("VELINDRE NHS TRUST", "", std::nullopt), ProviderKind::other);
}

TEST(ProvidersCsv, ReadsAndChecksEveryRow) {
  const auto providers =
      parse_providers_csv({"p.csv",
                           "code,name,kind,lat,lon,cost_ratio\nA1,Acute,acute,52,0,1.05\n"
                           "C1,,community,,,\n"},
                          nullptr);
  ASSERT_EQ(providers.size(), 2u);
  EXPECT_DOUBLE_EQ(providers[0].cost_ratio, 1.05);
  EXPECT_TRUE(providers[0].nhs);
  EXPECT_EQ(providers[1].name, "C1");
  EXPECT_FALSE(providers[1].location);
  const auto lines = test::input_error_lines([] {
    parse_providers_csv({"p.csv",
                         "code,name,kind,lat,lon,cost_ratio\nA1,A,hospital,52,0,1\n"
                         "A2,B,acute,95,0,1\nA3,C,acute,52,0,0\nA4,D,acute,52,0,1\n"
                         "A4,E,acute,52,0,1\n"},
                        nullptr);
  });
  ASSERT_EQ(lines.size(), 4u) << ::testing::PrintToString(lines);
  EXPECT_NE(lines[0].find("p.csv:2:3: kind: got \"hospital\""), std::string::npos);
  EXPECT_NE(lines[1].find("p.csv:3:4: lat"), std::string::npos);
  EXPECT_NE(lines[2].find("p.csv:4:6: cost_ratio"), std::string::npos);
  EXPECT_NE(lines[3].find("p.csv:6:1: code: got \"A4\", expected each provider once"),
            std::string::npos);
}

TEST(SyntheticProviders, GrownWhereThePeopleAreAndDeterministic) {
  Scenario s;
  s.synthetic = SyntheticInputs{1, 1500};
  s.configuration.source = ConfigurationInputs::Source::synthetic;
  const auto economy = load_economy(s);
  const auto a = grow_synthetic_providers(economy.population);
  const auto b = grow_synthetic_providers(economy.population);
  ASSERT_EQ(a.size(), b.size());
  std::map<ProviderKind, int> kinds;
  double acute_people = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].code, b[i].code);
    EXPECT_EQ(a[i].location->lat, b[i].location->lat);
    ++kinds[a[i].kind];
    if (a[i].kind == ProviderKind::acute) acute_people += a[i].attraction;
  }
  // 13,644,747 people: round(13.64m / 450k) = 30 acute trusts, 15 community providers, 8 mental
  // health trusts, 9 independent treatment centres.
  EXPECT_EQ(kinds[ProviderKind::acute], 30);
  EXPECT_EQ(kinds[ProviderKind::community], 15);
  EXPECT_EQ(kinds[ProviderKind::mental_health], 8);
  EXPECT_EQ(kinds[ProviderKind::independent], 9);
  // Each acute trust's attraction is the population of its catchment: together, everyone.
  EXPECT_NEAR(acute_people, static_cast<double>(economy.population.total_patients()), 0.5);
}

}  // namespace
}  // namespace pco

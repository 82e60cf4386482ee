// A capped aligned contract computed exactly (the payment rule applied knot by knot to the exact
// distribution of activity) against an independent event-level Monte Carlo that never sees a
// grid: negative binomial counts, lognormal costs per event, the rule applied to each year.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "commissioning/contract_risk.hpp"
#include "core/random.hpp"
#include "demand/service.hpp"
#include "risk/frequency.hpp"

namespace pco {
namespace {

struct BatchStatistic {
  std::vector<double> values;
  double mean() const {
    double s = 0;
    for (double v : values)
      s += v;
    return s / static_cast<double>(values.size());
  }
  // Standard error of the mean of the batch estimates.
  double se() const {
    const double m = mean();
    double s = 0;
    for (double v : values)
      s += (v - m) * (v - m);
    const auto n = static_cast<double>(values.size());
    return std::sqrt(s / (n - 1) / n);
  }
};

TEST(ContractMonteCarlo, CappedAlignedContractMatchesAnEventLevelSimulation) {
  // Elective activity of the default England model: £1,400 a spell, CV 1.5, clustering φ 4
  // (docs/services.md).
  const ServiceModel model = default_service_model();
  std::size_t elective = 0;
  while (model.services[elective].name != "elective")
    ++elective;
  const auto& service = model.services[elective];
  const double events = 600;
  ActivityGroup group;
  group.add(elective, 1, events);
  SeverityTable severities;
  RiskWorkspace workspace;
  const auto x1 = group_distribution(model, group, severities, {}, workspace);
  const double sd = std::sqrt(x1.variance);
  // Half the tariff above or below plan, collared: the commissioner pays at most 0.5 × 1 sd and
  // at least 0.5 × 0.8 sd away from the fixed element, so both ends bind often.
  ContractTerms t;
  t.rate = 0.5;
  t.plan = t.fixed = x1.mean;
  t.cap = t.fixed + 0.5 * sd;
  t.floor = t.fixed - 0.5 * 0.8 * sd;
  const GroupDistribution none{};
  GroupDistribution empty = none;
  empty.distribution = AggregateDistribution{1, 0, {1.0}, "exact"};
  const auto exact = evaluate_contract(t, 1.0, false, x1, empty);
  ASSERT_FALSE(exact.closed_form);

  // The event-level simulation draws the lognormal the default line states; the engine's
  // severity must be that lognormal (its first two moments), or the comparison is void.
  constexpr double kCv = 1.5;
  const double sdlog = std::sqrt(std::log1p(kCv * kCv));
  const double meanlog = std::log(1400.0) - sdlog * sdlog / 2;
  ASSERT_NEAR(service.severity.mean(), 1400, 1400 * 1e-8);
  ASSERT_NEAR(service.severity.raw_moment(2), 1400.0 * 1400.0 * (1 + kCv * kCv),
              1400.0 * 1400.0 * (1 + kCv * kCv) * 1e-6);
  const auto count = service_frequency(service, events);
  constexpr int kBatches = 40;
  constexpr int kPerBatch = 1000;
  BatchStatistic mean_payment, sd_payment, p_loss, mean_margin, sd_margin, share;
  for (int b = 0; b < kBatches; ++b) {
    double sp = 0, spp = 0, sm = 0, smm = 0, loss = 0, sa = 0, saa = 0, sap = 0;
    for (int i = 0; i < kPerBatch; ++i) {
      RandomStream random(20261127, static_cast<std::uint64_t>(b * kPerBatch + i), 0, 1);
      const auto n = count.sample(random);
      double activity = 0;
      for (std::uint64_t e = 0; e < n; ++e)
        activity += random.lognormal(meanlog, sdlog);
      const double payment = t.payment(activity);
      const double margin = payment - activity;  // cost ratio 1
      sp += payment;
      spp += payment * payment;
      sm += margin;
      smm += margin * margin;
      loss += margin < 0 ? 1 : 0;
      sa += activity;
      saa += activity * activity;
      sap += activity * payment;
    }
    const double n = kPerBatch;
    mean_payment.values.push_back(sp / n);
    sd_payment.values.push_back(std::sqrt((spp - sp * sp / n) / (n - 1)));
    mean_margin.values.push_back(sm / n);
    sd_margin.values.push_back(std::sqrt((smm - sm * sm / n) / (n - 1)));
    p_loss.values.push_back(loss / n);
    share.values.push_back((sap - sa * sp / n) / (saa - sa * sa / n));
  }
  // Within 4 standard errors of the batch means (docs/development.md).
  EXPECT_NEAR(exact.expected_payment, mean_payment.mean(), 4 * mean_payment.se());
  EXPECT_NEAR(exact.sd_payment, sd_payment.mean(), 4 * sd_payment.se());
  EXPECT_NEAR(exact.expected_margin, mean_margin.mean(), 4 * mean_margin.se());
  EXPECT_NEAR(exact.sd_margin, sd_margin.mean(), 4 * sd_margin.se());
  EXPECT_NEAR(exact.p_loss, p_loss.mean(), 4 * p_loss.se());
  EXPECT_NEAR(exact.commissioner_share, share.mean(), 4 * share.se());
  // The collar really binds: the commissioner carries well under half the variance.
  EXPECT_LT(exact.sd_payment, 0.4 * sd);
  EXPECT_GT(exact.p_loss, 0.2);
  std::printf(
      "capped aligned: E payment %.0f (MC %.0f ± %.0f), sd %.0f (MC %.0f ± %.0f), "
      "P(loss) %.4f (MC %.4f ± %.4f), share %.4f (MC %.4f ± %.4f)\n",
      exact.expected_payment, mean_payment.mean(), mean_payment.se(), exact.sd_payment,
      sd_payment.mean(), sd_payment.se(), exact.p_loss, p_loss.mean(), p_loss.se(),
      exact.commissioner_share, share.mean(), share.se());
}

}  // namespace
}  // namespace pco

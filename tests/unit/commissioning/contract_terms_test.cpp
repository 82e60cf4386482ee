// Contract payment rules and their default pricing, by hand.
#include <limits>

#include <gtest/gtest.h>

#include "commissioning/contract.hpp"

namespace pco {
namespace {

Contract contract(PaymentForm form, double rate = 0, std::int64_t population = 0) {
  Contract c;
  c.payment = form;
  c.variable_rate = rate;
  c.population = population;
  return c;
}

TEST(ContractTerms, ActivityPaysTariffForEveryUnit) {
  const auto t = price_contract(nullptr, contract(PaymentForm::activity, 1), 1e6, 0);
  for (const double x : {0.0, 5e5, 1e6, 3e6})
    EXPECT_DOUBLE_EQ(t.payment(x), x);
}

TEST(ContractTerms, BlockPaysItsSumWhateverHappens) {
  ContractSpec spec;
  spec.payment = PaymentForm::block;
  const auto by_default = price_contract(&spec, contract(PaymentForm::block), 0, 2.5e6);
  EXPECT_DOUBLE_EQ(by_default.fixed, 2.5e6);  // priced at expected activity
  spec.amount_ratio = 1.02;
  EXPECT_DOUBLE_EQ(price_contract(&spec, contract(PaymentForm::block), 0, 2.5e6).fixed, 2.55e6);
  spec.amount = 2e6;
  const auto t = price_contract(&spec, contract(PaymentForm::block), 0, 2.5e6);
  EXPECT_DOUBLE_EQ(t.payment(0), 2e6);
  EXPECT_DOUBLE_EQ(t.payment(9e9), 2e6);
}

TEST(ContractTerms, AlignedFixedPlusVariableRateOnDeviationFromPlan) {
  ContractSpec spec;
  spec.payment = PaymentForm::aligned;
  spec.variable_rate = 0.5;
  // Variable element £10m expected, fixed-only services £4m: fixed = 10 + 4, plan = 10.
  const auto t = price_contract(&spec, contract(PaymentForm::aligned, 0.5), 10e6, 4e6);
  EXPECT_DOUBLE_EQ(t.fixed, 14e6);
  EXPECT_DOUBLE_EQ(t.plan, 10e6);
  EXPECT_DOUBLE_EQ(t.payment(12e6), 14e6 + 0.5 * 2e6);
  EXPECT_DOUBLE_EQ(t.payment(9e6), 14e6 - 0.5 * 1e6);
  EXPECT_FALSE(t.capped());
  // A collar: at most 2% above, at least 1% below the fixed element.
  spec.cap_ratio = 1.02;
  spec.floor_ratio = 0.99;
  const auto c = price_contract(&spec, contract(PaymentForm::aligned, 0.5), 10e6, 4e6);
  EXPECT_TRUE(c.capped());
  EXPECT_DOUBLE_EQ(c.cap, 14.28e6);
  EXPECT_DOUBLE_EQ(c.floor, 13.86e6);
  EXPECT_DOUBLE_EQ(c.payment(20e6), 14.28e6);
  EXPECT_DOUBLE_EQ(c.payment(0), 13.86e6);
  EXPECT_DOUBLE_EQ(c.payment(10.2e6), 14.1e6);
  // A plan set below expectation (plan_ratio) moves the fixed element with it.
  ContractSpec low = spec;
  low.cap_ratio.reset();
  low.floor_ratio.reset();
  low.plan_ratio = 0.9;
  const auto l = price_contract(&low, contract(PaymentForm::aligned, 0.5), 10e6, 4e6);
  EXPECT_DOUBLE_EQ(l.plan, 9e6);
  EXPECT_DOUBLE_EQ(l.fixed, 9e6 + 3.6e6);
}

TEST(ContractTerms, CapitationAndYearOfCare) {
  ContractSpec cap;
  cap.payment = PaymentForm::capitation;
  cap.per_head = 1400;
  EXPECT_DOUBLE_EQ(
      price_contract(&cap, contract(PaymentForm::capitation, 0, 100000), 5e7, 9e7).fixed, 1.4e8);
  cap.per_head.reset();
  EXPECT_DOUBLE_EQ(
      price_contract(&cap, contract(PaymentForm::capitation, 0, 100000), 5e7, 9e7).fixed, 1.4e8);
  ContractSpec yoc;
  yoc.payment = PaymentForm::year_of_care;
  yoc.prevalence = 0.07;
  yoc.price = 650;
  const auto t = price_contract(&yoc, contract(PaymentForm::year_of_care, 0, 100000), 3e6, 1e6);
  EXPECT_DOUBLE_EQ(t.patients, 7000);
  EXPECT_DOUBLE_EQ(t.fixed, 7000 * 650);
  EXPECT_DOUBLE_EQ(t.payment(1e9), 7000 * 650);
}

TEST(ContractTerms, LabelsRoundTrip) {
  for (const auto form : {PaymentForm::activity, PaymentForm::block, PaymentForm::aligned,
                          PaymentForm::capitation, PaymentForm::year_of_care})
    EXPECT_EQ(payment_from_label(payment_label(form)), form);
  EXPECT_FALSE(payment_from_label("pbr"));
  EXPECT_TRUE(is_prime(PaymentForm::capitation));
  EXPECT_FALSE(is_prime(PaymentForm::aligned));
}

}  // namespace
}  // namespace pco

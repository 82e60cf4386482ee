#include "commissioning/contract.hpp"

#include <algorithm>
#include <array>

namespace pco {

namespace {

constexpr std::array<std::pair<PaymentForm, std::string_view>, 5> kForms = {{
    {PaymentForm::activity, "activity"},
    {PaymentForm::block, "block"},
    {PaymentForm::aligned, "aligned"},
    {PaymentForm::capitation, "capitation"},
    {PaymentForm::year_of_care, "year_of_care"},
}};

}  // namespace

std::string_view payment_label(PaymentForm form) {
  return kForms[static_cast<std::size_t>(form)].second;
}

std::optional<PaymentForm> payment_from_label(std::string_view label) {
  for (const auto& [form, name] : kForms)
    if (name == label) return form;
  return std::nullopt;
}

bool is_prime(PaymentForm form) {
  return form == PaymentForm::capitation || form == PaymentForm::year_of_care;
}

double ContractTerms::payment(double x1) const {
  return std::clamp(fixed + rate * (x1 - plan), floor, cap);
}

ContractTerms price_contract(const ContractSpec* spec, const Contract& c, double expected_x1,
                             double expected_x2) {
  ContractTerms t;
  const double expected = expected_x1 + expected_x2;
  switch (c.payment) {
    case PaymentForm::activity:
      t.rate = 1;
      t.plan = t.fixed = expected_x1;
      break;
    case PaymentForm::block:
      t.fixed = spec && spec->amount ? *spec->amount : (spec ? spec->amount_ratio : 1.0) * expected;
      break;
    case PaymentForm::aligned: {
      t.rate = c.variable_rate;
      const double ratio = spec ? spec->plan_ratio : 1.0;
      t.plan = spec && spec->plan ? *spec->plan : ratio * expected_x1;
      // The fixed element pays for the planned activity of every service of the contract.
      t.fixed = spec && spec->fixed ? *spec->fixed : t.plan + ratio * expected_x2;
      if (spec && spec->cap) t.cap = *spec->cap;
      if (spec && spec->cap_ratio) t.cap = *spec->cap_ratio * t.fixed;
      if (spec && spec->floor) t.floor = *spec->floor;
      if (spec && spec->floor_ratio) t.floor = *spec->floor_ratio * t.fixed;
      break;
    }
    case PaymentForm::capitation:
      if (spec && spec->per_head)
        t.fixed = *spec->per_head * static_cast<double>(c.population);
      else if (spec && spec->amount)
        t.fixed = *spec->amount;
      else
        t.fixed = (spec ? spec->amount_ratio : 1.0) * expected;
      break;
    case PaymentForm::year_of_care:
      t.patients = (spec ? spec->prevalence : 0.0) * static_cast<double>(c.population);
      if (spec && spec->price)
        t.fixed = *spec->price * t.patients;
      else
        t.fixed = (spec ? spec->amount_ratio : 1.0) * expected;
      break;
  }
  return t;
}

}  // namespace pco

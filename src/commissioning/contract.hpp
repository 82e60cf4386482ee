#pragma once
// Contracts between a commissioner and a provider: the payment rule (activity tariff, block,
// aligned payment and incentive, capitation, year of care), as specified in a scenario and as
// priced against expected activity. docs/commissioning.md gives every formula.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commissioning/provider.hpp"

namespace pco {

enum class PaymentForm : std::uint8_t { activity, block, aligned, capitation, year_of_care };
std::string_view payment_label(PaymentForm form);
std::optional<PaymentForm> payment_from_label(std::string_view label);
// Capitation and year of care make the provider the prime contractor: it is paid a fixed sum and
// bears the cost of all the population's activity of the services, wherever it is delivered
// (paying other providers at tariff for what they deliver).
bool is_prime(PaymentForm form);

inline constexpr double kDefaultVariableRate = 0.5;

// A [[contract]] as written in the scenario.
struct ContractSpec {
  std::string name;
  std::string commissioner;                   // an organisation code; empty: every one at `level`
  std::string level;                          // the commissioner's level
  std::string provider;                       // a provider code
  std::optional<ProviderKind> provider_kind;  // instead: every provider of this kind with flows
  std::vector<std::string> services;  // empty: every service with flows (prime: every one held)
  PaymentForm payment = PaymentForm::activity;
  double variable_rate = kDefaultVariableRate;  // aligned: v, the share of tariff paid on activity
                                                // above or below plan
  std::vector<std::string> variable_services;   // aligned: in the variable element (empty: all)
  std::optional<double> plan;                   // aligned: planned activity of the variable
                                                // element, £ (default plan_ratio × expected)
  double plan_ratio = 1;
  std::optional<double> fixed;  // aligned: the fixed element, £ (default: planned activity of all
                                // the contract's services)
  std::optional<double> cap;    // aligned: the most the commissioner pays, £
  std::optional<double> cap_ratio;    // … as a ratio to the fixed element
  std::optional<double> floor;        // aligned: the least the commissioner pays, £
  std::optional<double> floor_ratio;  // … as a ratio to the fixed element
  std::optional<double> amount;       // block or capitation: the annual sum, £
  double amount_ratio = 1;            // … as a ratio to expected activity at tariff
  std::optional<double> per_head;     // capitation: £ per registered patient
  std::optional<double> price;        // year of care: £ per patient with the condition
  double prevalence = 0;              // year of care: patients with the condition / list
  double min_value = 0;               // with provider_kind: least expected activity, £
  std::size_t line = 0;
  std::size_t column = 0;
};

// A contract between one commissioning organisation and one provider.
struct Contract {
  std::string name;
  std::optional<std::size_t> spec;  // the [[contract]] it comes from; nullopt: the default rule
  std::string rule;                 // how it was made, for reports
  std::string commissioner;
  std::string commissioner_name;
  std::string commissioner_level;
  std::size_t holder = 0;              // index of the budget holder it belongs to
  std::vector<std::size_t> practices;  // population indices, ascending
  std::int64_t population = 0;         // registered patients
  std::uint32_t provider = 0;
  PaymentForm payment = PaymentForm::activity;
  std::vector<std::size_t> services;  // service model indices, ascending
  std::vector<bool> variable;         // per services[i]: in the variable element
  double variable_rate = 0;
};

// The priced terms. Non-prime contracts pay P = clamp(fixed + rate · (X₁ − plan), floor, cap),
// X₁ the variable element's activity at tariff (activity: rate 1, fixed = plan; block: rate 0);
// prime contracts pay P = fixed.
struct ContractTerms {
  double fixed = 0;
  double rate = 0;
  double plan = 0;
  double cap = std::numeric_limits<double>::infinity();
  double floor = -std::numeric_limits<double>::infinity();
  double patients = 0;  // year of care: expected patients with the condition
  bool capped() const {
    return cap < std::numeric_limits<double>::infinity() ||
           floor > -std::numeric_limits<double>::infinity();
  }
  // The payment for variable-element activity x₁.
  double payment(double x1) const;
};

// Prices a contract from the expected activity at tariff of its variable element (x1) and of its
// other services (x2; for prime contracts, x1 + x2 is all the population's activity).
ContractTerms price_contract(const ContractSpec* spec, const Contract& contract, double expected_x1,
                             double expected_x2);

}  // namespace pco

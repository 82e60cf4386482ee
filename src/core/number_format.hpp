#pragma once
// Numbers as a finance reader reads them: the one place where pco decides how money,
// probabilities, percentages and counts look in the report, the dashboard's API labels and
// messages. The rules, with examples, are in docs/report.md ("How numbers are written"); tests
// in tests/unit/core/number_format_test.cpp check every rule.
//
// Machine outputs (CSV, JSON, results.db) keep full precision and plain units (pence, pounds,
// fractions); these functions are for text a person reads.
#include <cstdint>
#include <string>
#include <string_view>

namespace pco {

// Money with a unit that fits its size, three significant figures from £10,000 up:
// £950, £9,876, £12.3k, £123k, £1.23m, £45.6m, £193m, £1.23bn, £15.4bn. Negative amounts
// start with a minus sign (U+2212): −£1.23m.
std::string money(double pounds);
std::string money_pence(std::int64_t pence);
// Always signed: +£1.23m, −£450k, £0.
std::string money_change(double pounds);
// Whole pounds with thousands separators, for exact figures: £193,383,993.
std::string money_exact(double pounds);

// A column of money in one unit so that rows compare at a glance: the unit for the largest
// absolute value of the column ("£", "£k", "£m", "£bn"), and a value in that unit with
// thousands separators and `decimals` decimals (1,234.57 in a £m column).
std::string_view money_unit_for(double largest_abs_pounds);
std::string money_in_unit(double pounds, std::string_view unit, int decimals = 2);

// A probability (a fraction 0..1) as a percentage with one decimal: 2.3%, 0.4%; below 0.05%
// it reads "< 0.1%" and above 99.95% "> 99.9%" (never 3.2e-05); exactly 0 and 1 read "0%" and
// "100%" only when `exact` (e.g. a count of 0 events), otherwise "< 0.1%" / "> 99.9%".
std::string probability(double p, bool exact = false);
// With its Monte Carlo standard error in percentage points: "2.3% ± 0.4" ("< 0.1%" and
// "> 99.9%" stand alone).
std::string probability_with_se(double p, double se);

// A fraction as a percentage with fixed decimals: 0.0412 → "4.1%"; `signed_` adds + to
// positive values (distances, changes): "+4.1%", "−2.0%".
std::string percent(double fraction, int decimals = 1, bool signed_ = false);
// A value already in percent (e.g. distance_from_target_pct): −4.12 → "−4.1%".
std::string percent_value(double pct, int decimals = 1, bool signed_ = false);

// Whole counts with thousands separators: 13,644,747.
std::string count(long long n);
// Counts of people in sentences: 950, 12,345, 177k, 1.23m, 13.6m.
std::string people(double n);

// A plain number with fixed decimals and thousands separators: 1234.5 → "1,234.50".
std::string fixed(double value, int decimals);
// A parameter as written, never with an exponent: 2,000,000; 0.0015; 2.5.
std::string plain_number(double value);

// snake_case or kebab-case identifiers as labels: "general_and_acute" → "General and acute",
// "rare_costly" → "Rare costly". For names that come from the user's data (components,
// services); pco's own columns carry written labels.
std::string human_label(std::string_view identifier);

}  // namespace pco

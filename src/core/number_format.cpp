#include "core/number_format.hpp"

#include <cmath>
#include <cstdlib>
#include <utility>

#include <fmt/format.h>

namespace pco {

namespace {

constexpr std::string_view kMinus = "\u2212";

// Digits of a non-negative number with fixed decimals and a comma every three digits.
std::string grouped(double value, int decimals) {
  std::string text = fmt::format("{:.{}f}", value, decimals);
  const auto dot = text.find('.');
  const auto end = dot == std::string::npos ? text.size() : dot;
  std::string out;
  for (std::size_t i = 0; i < end; ++i) {
    if (i > 0 && (end - i) % 3 == 0) out += ',';
    out += text[i];
  }
  return out + text.substr(end);
}

std::string sign_of(double value, bool signed_) {
  if (value < 0) return std::string(kMinus);
  return signed_ && value > 0 ? "+" : "";
}

// `a` (>= 0) with three significant figures: 1.23, 12.3, 123, 1,234.
std::string three_figures(double a) {
  const int decimals = a < 9.995 ? 2 : a < 99.95 ? 1 : 0;
  return grouped(a, decimals);
}

// Three significant figures in the largest unit that keeps the value at least 1, moving up
// when rounding reaches 1,000 of a unit (999,999 is £1.00m, not £1,000k).
std::string scaled(double a, std::string_view prefix) {
  struct Unit {
    double size;
    const char* suffix;
  };
  static constexpr Unit kUnits[] = {{1e9, "bn"}, {1e6, "m"}, {1e3, "k"}};
  for (const auto& u : kUnits)
    if (a >= u.size) return fmt::format("{}{}{}", prefix, three_figures(a / u.size), u.suffix);
  return fmt::format("{}{}", prefix, three_figures(a));
}

double round_to_three(double a) {
  if (a <= 0) return a;
  const double magnitude = std::pow(10.0, std::floor(std::log10(a)) - 2);
  return std::round(a / magnitude) * magnitude;
}

}  // namespace

std::string money(double pounds) {
  if (!std::isfinite(pounds)) return "–";
  const double a = std::abs(pounds);
  const std::string sign = sign_of(std::round(pounds) == 0 ? 0.0 : pounds, false);
  if (std::round(a) < 10'000) return fmt::format("{}£{}", sign, grouped(std::round(a), 0));
  return sign + scaled(round_to_three(a), "£");
}

std::string money_pence(std::int64_t pence) {
  return money(static_cast<double>(pence) / 100.0);
}

std::string money_change(double pounds) {
  if (!std::isfinite(pounds)) return "–";
  const std::string text = money(pounds);
  return pounds > 0 && text != "£0" ? "+" + text : text;
}

std::string money_exact(double pounds) {
  if (!std::isfinite(pounds)) return "–";
  const double r = std::round(pounds);
  return fmt::format("{}£{}", sign_of(r, false), grouped(std::abs(r), 0));
}

std::string_view money_unit_for(double largest_abs_pounds) {
  const double a = std::abs(largest_abs_pounds);
  if (a >= 1e10) return "£bn";
  if (a >= 1e7) return "£m";
  if (a >= 1e4) return "£k";
  return "£";
}

std::string money_in_unit(double pounds, std::string_view unit, int decimals) {
  if (!std::isfinite(pounds)) return "–";
  const double size = unit == "£bn" ? 1e9 : unit == "£m" ? 1e6 : unit == "£k" ? 1e3 : 1.0;
  const double v = pounds / size;
  const double shown = std::round(std::abs(v) * std::pow(10.0, decimals));
  return sign_of(shown == 0 ? 0.0 : v, false) + grouped(std::abs(v), decimals);
}

std::string probability(double p, bool exact) {
  if (!std::isfinite(p)) return "–";
  if (exact && p <= 0) return "0%";
  if (exact && p >= 1) return "100%";
  if (p < 0.0005) return "< 0.1%";
  if (p > 0.9995) return "> 99.9%";
  return fmt::format("{:.1f}%", 100 * p);
}

std::string probability_with_se(double p, double se) {
  const auto text = probability(p);
  // "< 0.1%" and "> 99.9%" already say how far the estimate can be trusted.
  if (text[0] == '<' || text[0] == '>') return text;
  return fmt::format("{} ± {:.1f}", text, 100 * se);
}

std::string percent(double fraction, int decimals, bool signed_) {
  return percent_value(100 * fraction, decimals, signed_);
}

std::string percent_value(double pct, int decimals, bool signed_) {
  if (!std::isfinite(pct)) return "–";
  const double shown = std::round(std::abs(pct) * std::pow(10.0, decimals));
  const double v = shown == 0 ? 0.0 : pct;
  return fmt::format("{}{}%", sign_of(v, signed_), grouped(std::abs(pct), decimals));
}

std::string count(long long n) {
  return (n < 0 ? std::string(kMinus) : std::string()) +
         grouped(static_cast<double>(std::llabs(n)), 0);
}

std::string people(double n) {
  if (!std::isfinite(n)) return "–";
  const double a = std::abs(n);
  const std::string sign = n < 0 ? std::string(kMinus) : "";
  if (std::round(a) < 100'000) return sign + grouped(std::round(a), 0);
  return sign + scaled(round_to_three(a), "");
}

std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "–";
  const double shown = std::round(std::abs(value) * std::pow(10.0, decimals));
  return sign_of(shown == 0 ? 0.0 : value, false) + grouped(std::abs(value), decimals);
}

std::string plain_number(double value) {
  if (!std::isfinite(value)) return "–";
  if (value == std::round(value) && std::abs(value) < 1e15) return count(std::llround(value));
  std::string text = fmt::format("{:.10f}", value);  // then drop the trailing zeros
  while (!text.empty() && text.back() == '0')
    text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

std::string human_label(std::string_view identifier) {
  // Names of the default service model whose plain spelling is not the words' own.
  static constexpr std::pair<std::string_view, std::string_view> kKnown[] = {
      {"ae", "A&E"}, {"non_elective", "Non-elective"}, {"primary_medical", "Primary medical care"}};
  for (const auto& [id, label] : kKnown)
    if (identifier == id) return std::string(label);
  std::string out;
  bool first = true;
  for (const char c : identifier) {
    if (c == '_' || c == '-') {
      out += ' ';
      continue;
    }
    out += first ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    first = false;
  }
  return out;
}

}  // namespace pco

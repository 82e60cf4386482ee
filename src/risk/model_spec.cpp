#include "risk/model_spec.hpp"

#include <string>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "risk/discrete_severity_file.hpp"

namespace pco {

namespace {

struct Spec {
  std::string name;
  std::string arguments;
};

Spec split_spec(std::string_view spec, std::string_view what, std::string_view forms) {
  const auto colon = spec.find(':');
  if (colon == std::string_view::npos || colon == 0)
    throw UsageError(fmt::format("{}: got \"{}\", expected {}", what, printable(spec), forms));
  return Spec{std::string(trim(spec.substr(0, colon))), std::string(spec.substr(colon + 1))};
}

std::vector<double> arguments(const Spec& spec, std::size_t count, std::string_view what,
                              std::string_view form) {
  const auto values = parse_number_list(spec.arguments, what);
  if (values.size() != count)
    throw UsageError(fmt::format("{}: \"{}:{}\" has {} number(s), expected {}", what, spec.name,
                                 printable(spec.arguments), values.size(), form));
  return values;
}

}  // namespace

std::vector<double> parse_number_list(std::string_view text, std::string_view what) {
  std::vector<double> values;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto piece =
        text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
    const auto value = parse_double(piece);
    if (!value)
      throw UsageError(fmt::format("{}: got \"{}\", expected a number", what, printable(piece)));
    values.push_back(*value);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return values;
}

Frequency parse_frequency_spec(std::string_view text) {
  constexpr std::string_view kForms = "poisson:LAMBDA, negbin:SIZE,PROB or binomial:SIZE,PROB";
  const auto spec = split_spec(text, "--frequency", kForms);
  if (spec.name == "poisson")
    return Frequency::poisson(arguments(spec, 1, "--frequency", "poisson:LAMBDA")[0]);
  if (spec.name == "negbin") {
    const auto v = arguments(spec, 2, "--frequency", "negbin:SIZE,PROB");
    return Frequency::negative_binomial(v[0], v[1]);
  }
  if (spec.name == "binomial") {
    const auto v = arguments(spec, 2, "--frequency", "binomial:SIZE,PROB");
    return Frequency::binomial(v[0], v[1]);
  }
  throw UsageError(
      fmt::format("--frequency: unknown model \"{}\", expected {}", printable(spec.name), kForms));
}

Severity parse_severity_spec(std::string_view text) {
  constexpr std::string_view kForms =
      "lognormal:MEANLOG,SDLOG, gamma:SHAPE,SCALE, exponential:RATE, weibull:SHAPE,SCALE, "
      "pareto:SHAPE,SCALE or discrete:FILE";
  const auto spec = split_spec(text, "--severity", kForms);
  if (spec.name == "discrete") {
    if (spec.arguments.empty()) throw UsageError("--severity: discrete:FILE needs a file name");
    return read_discrete_severity(spec.arguments);
  }
  if (spec.name == "exponential")
    return Severity::exponential(arguments(spec, 1, "--severity", "exponential:RATE")[0]);
  if (spec.name == "lognormal") {
    const auto v = arguments(spec, 2, "--severity", "lognormal:MEANLOG,SDLOG");
    return Severity::lognormal(v[0], v[1]);
  }
  if (spec.name == "gamma") {
    const auto v = arguments(spec, 2, "--severity", "gamma:SHAPE,SCALE");
    return Severity::gamma(v[0], v[1]);
  }
  if (spec.name == "weibull") {
    const auto v = arguments(spec, 2, "--severity", "weibull:SHAPE,SCALE");
    return Severity::weibull(v[0], v[1]);
  }
  if (spec.name == "pareto") {
    const auto v = arguments(spec, 2, "--severity", "pareto:SHAPE,SCALE");
    return Severity::pareto(v[0], v[1]);
  }
  throw UsageError(
      fmt::format("--severity: unknown model \"{}\", expected {}", printable(spec.name), kForms));
}

}  // namespace pco

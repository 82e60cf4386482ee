#pragma once
// Textual model specifications, as given on the command line: "poisson:3",
// "negbin:SIZE,PROB", "binomial:N,P"; "lognormal:ML,SL", "gamma:SHAPE,SCALE",
// "exponential:RATE", "weibull:K,S", "pareto:SHAPE,SCALE", "discrete:FILE".

#include <string_view>
#include <vector>

#include "risk/frequency.hpp"
#include "risk/severity.hpp"

namespace pco {

// Throws UsageError naming the specification, the bad part and what was expected.
Frequency parse_frequency_spec(std::string_view spec);
// "discrete:FILE" reads FILE (InputError / IoError for a bad or missing file).
Severity parse_severity_spec(std::string_view spec);

// "0.5,0.9,0.99" -> {0.5, 0.9, 0.99}; `what` names the option in messages.
std::vector<double> parse_number_list(std::string_view text, std::string_view what);

}  // namespace pco

// The compound distribution of `pco compound --frequency poisson:500 --severity
// lognormal:7,1.2 --step 25 --max 4e5`, computed through the library: prints its mean with
// 17 significant digits, which `make install-test` compares with the program's JSON.
#include <cstdio>

#include "risk/aggregate.hpp"
#include "risk/discretize.hpp"
#include "risk/measures.hpp"
#include "risk/model_spec.hpp"

int main() {
  const pco::Frequency frequency = pco::parse_frequency_spec("poisson:500");
  const pco::Severity severity = pco::parse_severity_spec("lognormal:7,1.2");
  const pco::SeverityGrid grid =
      pco::discretize(severity, 25, 4e5, pco::parse_discretize_method("rounding"));
  const pco::AggregateDistribution cost = pco::compound_fft(frequency, grid);
  std::printf("%.17g\n", pco::grid_moments(cost).mean);
  return 0;
}

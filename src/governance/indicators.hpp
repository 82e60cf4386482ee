#pragma once
// Performance standards: indicators defined as data (numerator and denominator per practice,
// like OpenPrescribing's measures), rolled up every level of the configuration as a ratio of
// sums, with each unit's percentile among its peers, the national deciles of its level, RAG
// against the target, and its value against its parent's (standards owned in both directions).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/configuration.hpp"
#include "model/population.hpp"

namespace pco {

struct IndicatorDefinition {
  std::string code;
  std::string name;
  bool low_is_good = false;
  std::optional<double> target;  // green when at least as good as this
  std::optional<double> amber;   // amber between target and this; red beyond
  double multiplier = 1;         // ratio shown x multiplier (100 for %, 1000 per 1,000)
  std::string units;
};

// Columns code, name[, low_is_good, target, amber, multiplier, units]. Throws InputError.
std::vector<IndicatorDefinition> parse_indicator_definitions(std::string_view text,
                                                             const std::string& file);
std::vector<IndicatorDefinition> read_indicator_definitions(const std::string& path);

struct IndicatorObservation {
  std::string practice;
  std::size_t indicator = 0;  // index into the definitions
  double numerator = 0;
  double denominator = 0;
};

// Columns practice, indicator, numerator, denominator; numbers >= 0; one row per practice and
// indicator; indicators must be defined. Throws InputError listing every problem.
std::vector<IndicatorObservation> parse_indicator_values(
    std::string_view text, const std::string& file,
    const std::vector<IndicatorDefinition>& definitions);
std::vector<IndicatorObservation> read_indicator_values(
    const std::string& path, const std::vector<IndicatorDefinition>& definitions);

enum class Rag { green, amber, red, no_target, not_computable };
std::string_view rag_label(Rag rag);

inline constexpr std::string_view kPracticeLevel = "practice";
inline constexpr std::string_view kNationalLevel = "national";

struct IndicatorUnit {
  std::string code;
  std::string name;
  std::string parent;         // code of the unit above; empty for national
  int parent_index = -1;      // index of the parent in the next level's units; -1 if none
  std::size_t practices = 0;  // practices in the unit
  std::size_t practices_with_data = 0;
  double numerator = 0;
  double denominator = 0;
  std::optional<double> value;       // numerator / denominator x multiplier; none if 0/0
  std::optional<double> percentile;  // percent rank among computable peers (0 = lowest)
  std::optional<int> decile;         // 1-10: national decile band of the level
  Rag rag = Rag::not_computable;
  std::optional<double> parent_value;
  std::string vs_parent;  // better, worse, same or "" when either is not computable
};

struct IndicatorLevel {
  std::string level;
  std::vector<IndicatorUnit> units;
  std::vector<double> deciles;  // 10th..90th percentiles of computable values; empty if none
  std::size_t computable = 0;
};

struct IndicatorResult {
  IndicatorDefinition definition;
  std::vector<IndicatorLevel> levels;  // practice, each configuration level, national
};

struct IndicatorRollup {
  std::vector<IndicatorResult> indicators;
  std::vector<std::string> notes;  // practices with values but not in the population, etc.
};

IndicatorRollup roll_up_indicators(const Population& population, const Configuration& configuration,
                                   const std::vector<IndicatorDefinition>& definitions,
                                   const std::vector<IndicatorObservation>& observations);

// Linear interpolation between order statistics (Hyndman & Fan type 7) of sorted values, q in
// [0, 1].
double quantile_sorted(const std::vector<double>& sorted, double q);

}  // namespace pco

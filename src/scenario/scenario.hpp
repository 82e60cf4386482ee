#pragma once
// The scenario file: one TOML file that describes a run. This module holds the document and
// reads the sections of the foundation (population, configuration, synthetic); each later
// capability owns its sections' schema (checked with scenario/toml_check.hpp) and reads them
// from `table`. scenario_file/ composes every schema and reads a whole file (parse_scenario,
// load_scenario).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/error.hpp"

namespace pco {

inline constexpr std::int64_t kScenarioSchemaVersion = 1;

// Every edit may carry `effective`, the date (ISO) from which it is in force: with an as-of date
// before it the edit is not applied. Without `effective` an edit is always applied.
struct MergeEdit {
  std::string level;
  std::vector<std::string> codes;
  std::string code;
  std::string name;
  std::string effective;
};

struct MoveEdit {
  std::string practice;
  std::string level;
  std::string to;
  std::string effective;
};

// Moves the practices of an organisation (`from`, a code at any level: a sub-ICB, an ICB, ...)
// to organisation `to` at `level`, creating it when new; with `areas` (codes of `areas_file`,
// a GeoJSON file) only the practices located inside those areas move.
struct TransferEdit {
  std::string level;
  std::string from;
  std::string to;
  std::string to_name;
  std::vector<std::string> areas;
  std::optional<std::filesystem::path> areas_file;
  std::string effective;
};

// One map file of a series, in force from `from` (ISO) until the next one's date.
struct DatedMap {
  std::string from;
  std::filesystem::path file;
};

struct FederationSpec {
  std::string code;
  std::string name;
  std::string level;
  std::vector<std::string> members;
  std::vector<std::string> shared_functions;
  bool shared_risk_pool = false;
  std::string effective;
};

struct PopulationInputs {
  std::vector<std::filesystem::path> files;
  std::optional<std::filesystem::path> ods;
  std::optional<std::filesystem::path> postcode_districts;
  std::optional<std::filesystem::path> locations;
  // NHS England's practice weighted populations (docs/population.md): need per practice and
  // component, and exact practice coordinates.
  std::optional<std::filesystem::path> weighted_populations;
};

struct SyntheticInputs {
  std::uint64_t seed = 1;
  std::int64_t practices = 1500;
};

struct ConfigurationInputs {
  // Where the tree comes from: a mapping file, the organisations named in the population file,
  // the ODS commissioner column, or the synthetic economy.
  enum class Source { map, population, ods, synthetic } source = Source::population;
  std::optional<std::filesystem::path> map;
  std::vector<std::string> level_names;  // for membership files
  std::string level;                     // the default level for reports
  std::vector<MergeEdit> merges;
  std::vector<MoveEdit> moves;
  std::vector<TransferEdit> transfers;
  std::vector<FederationSpec> federations;
  // The date the configuration is wanted for (ISO); "" = as it stands now (every edit applied,
  // the latest map of a series, the open-ended rows of a dated membership file).
  std::string as_of;
  std::vector<DatedMap> map_series;  // by date; instead of `map`
};

struct Scenario {
  std::filesystem::path file;
  std::string text;
  std::string name;
  std::optional<std::uint64_t> seed;
  PopulationInputs population;
  std::optional<SyntheticInputs> synthetic;
  ConfigurationInputs configuration;
  toml::table table;  // the whole document, for sections read by later capabilities
};

// The first two steps of reading a scenario file, used by scenario_file/parse_scenario, which
// checks the whole document against every section's schema in between. A document whose TOML
// is malformed throws InputError; otherwise file, text and table are set.
Scenario parse_scenario_document(std::string_view text, const std::string& file_name);

// Reads the foundation's keys (schema_version, name, seed, [population], [synthetic],
// [configuration]) of `scenario.table`, adding a problem for every bad value. Relative paths
// are resolved against `base_dir`.
void read_foundation_sections(Scenario& scenario, const std::filesystem::path& base_dir,
                              DiagnosticList& problems);

}  // namespace pco

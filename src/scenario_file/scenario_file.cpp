#include "scenario_file/scenario_file.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "scenario/toml_check.hpp"
#include "scenario_file/schema.hpp"
#include "sim/simulation_settings.hpp"

namespace pco {

Scenario parse_scenario(std::string_view text, const std::string& file_name,
                        const std::filesystem::path& base_dir) {
  auto scenario = parse_scenario_document(text, file_name);
  DiagnosticList problems;
  check_table(scenario.table, scenario_schema(), "", file_name, problems);
  // Values are range-checked here, with the schema, so a file's problems are listed at once.
  if (const auto* simulation = scenario.table.get_as<toml::table>("simulation"))
    check_simulation_section(*simulation, file_name, problems);
  read_foundation_sections(scenario, base_dir, problems);
  problems.sort_by_position();
  problems.throw_if_any();
  return scenario;
}

Scenario load_scenario(const std::filesystem::path& path) {
  const auto text = read_text_file(path);
  return parse_scenario(text, path.string(), path.parent_path());
}

}  // namespace pco

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "demand/service_export.hpp"
#include "demand/service_scenario.hpp"
#include "scenario/scenario.hpp"
#include "scenario_file/scenario_file.hpp"

namespace pco::cli {

namespace {

struct ServicesOptions {
  std::string scenario;
  std::string format = "toml";
  std::string out;
};

void run(const ServicesOptions& o) {
  const Scenario scenario = o.scenario.empty() ? Scenario{} : load_scenario(o.scenario);
  const auto model = read_service_model(scenario);
  const auto settings = read_risk_settings(scenario);
  std::string text;
  if (o.format == "json")
    text = service_model_json(model, settings).dump(2) + "\n";
  else if (o.format == "csv")
    text = service_model_csv(model);
  else
    text = service_model_toml_text(model, settings);
  emit_output(text, o.out);
}

}  // namespace

void add_services_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServicesOptions>();
  auto* cmd = app.add_subcommand(
      "services",
      "The service model in force (the default England model, or the scenario's [[service]] "
      "lines over it) and the sources of risk: as the [risk] and [[service]] sections of a "
      "scenario (TOML that pco reads back unchanged, to start from and edit), as CSV or JSON.");
  cmd->add_option("--scenario", options->scenario, "Scenario TOML file (default: none)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--format", options->format, "Output format (default toml)")
      ->check(CLI::IsMember({"toml", "csv", "json"}));
  cmd->add_option("--out", options->out, "Write to this file instead of standard output");
  cmd->callback([options, &exit_code] { exit_code = run_guarded([&] { run(*options); }); });
}

}  // namespace pco::cli

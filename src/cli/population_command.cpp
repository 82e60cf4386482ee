#include <iostream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/economy_options.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "model/summary.hpp"
#include "report/population_report.hpp"
#include "scenario/economy.hpp"

namespace pco::cli {

namespace {

struct PopulationOptions {
  std::string scenario;
  std::vector<std::string> practices;
  std::string map;
  std::string ods;
  std::string postcode_districts;
  std::string level;
  std::string format = "table";
  std::string out;
  DataOptions data;
};

Scenario scenario_from_flags(const PopulationOptions& o) {
  Scenario s;
  s.name = "command line";
  for (const auto& f : o.practices)
    s.population.files.emplace_back(f);
  if (!o.ods.empty()) s.population.ods = o.ods;
  if (!o.postcode_districts.empty()) s.population.postcode_districts = o.postcode_districts;
  if (!o.map.empty()) {
    s.configuration.map = o.map;
    s.configuration.source = ConfigurationInputs::Source::map;
  }
  return s;
}

void run(const PopulationOptions& o) {
  if (o.scenario.empty() == o.practices.empty()) {
    throw UsageError("give either --scenario FILE or --practices FILE");
  }
  Scenario scenario = o.scenario.empty() ? scenario_from_flags(o) : load_scenario(o.scenario);
  apply_data_options(o.data, scenario);
  const Economy economy = load_economy(scenario);
  const auto level = o.level.empty() ? economy.default_level : o.level;
  const auto summary = summarise_level(economy.population, economy.configuration, level);

  std::string text;
  if (o.format == "json") {
    auto json = population_json(summary);
    json["extract_date"] = economy.population.extract_date;
    json["unmapped_practices"] = economy.join.unmapped.size();
    json["excluded_practices"] = economy.population.excluded.size();
    json["notes"] = economy.notes;
    json["warnings"] = economy.join.warnings;
    text = json.dump(2) + "\n";
  } else if (o.format == "csv") {
    text = population_table_csv(summary);
  } else {
    text = population_table_text(summary);
  }
  print_notes(economy);
  emit_output(text, o.out);
}

}  // namespace

void add_population_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PopulationOptions>();
  auto* cmd = app.add_subcommand(
      "population",
      "Describe a configuration: practices, registered population, % aged 65+ and 85+ and the "
      "smallest and largest list of each organisation at a level.");
  cmd->add_option("--scenario", options->scenario, "Scenario TOML file")->check(CLI::ExistingFile);
  cmd->add_option("--practices", options->practices,
                  "Population file(s): NHS Digital registered patients (totals, quinary or "
                  "single-year), 2013/2015 list-size file, or practice,sex,age_band,count")
      ->check(CLI::ExistingFile);
  cmd->add_option("--map", options->map,
                  "Mapping file: NHS practice->PCN->CCG/sub-ICB->STP/ICB->region file, or "
                  "practice,org[,parent_org]")
      ->check(CLI::ExistingFile);
  cmd->add_option("--ods", options->ods, "ODS epraccur file (names, postcodes, status)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--postcode-districts", options->postcode_districts,
                  "Postcode-district centroids (Postcode,Latitude,Longitude,...)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--level", options->level,
                  "Level to describe (e.g. network, ccg, stp, region); default: the "
                  "organisation level");
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--out", options->out, "Write to this file instead of standard output");
  add_data_options(cmd, options->data);
  cmd->callback([options, &exit_code] { exit_code = run_guarded([&] { run(*options); }); });
}

}  // namespace pco::cli

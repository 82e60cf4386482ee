#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/economy_options.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "economy/load_economy.hpp"
#include "model/changes.hpp"
#include "model/dated_mapping.hpp"
#include "model/summary.hpp"
#include "report/changes_report.hpp"
#include "report/population_report.hpp"
#include "scenario_file/scenario_file.hpp"

namespace pco::cli {

namespace {

struct PopulationOptions {
  std::string scenario;
  std::vector<std::string> practices;
  std::vector<std::string> map;  // FILE, or several DATE=FILE (a map series)
  std::vector<std::string> changes;
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
  if (o.map.size() == 1 && o.map[0].find('=') == std::string::npos) {
    s.configuration.map = o.map[0];
    s.configuration.source = ConfigurationInputs::Source::map;
  } else if (!o.map.empty()) {
    for (const auto& item : o.map) {
      const auto eq = item.find('=');
      if (eq == std::string::npos)
        throw UsageError(
            fmt::format("--map: got \"{}\", expected DATE=FILE when several maps are "
                        "given (a series by date)",
                        item));
      const std::filesystem::path file(item.substr(eq + 1));
      if (!std::filesystem::exists(file))
        throw UsageError(fmt::format("--map: {} does not exist", file.string()));
      s.configuration.map_series.push_back({parse_iso_date(item.substr(0, eq), "--map"), file});
    }
    std::sort(s.configuration.map_series.begin(), s.configuration.map_series.end(),
              [](const DatedMap& a, const DatedMap& b) { return a.from < b.from; });
    s.configuration.source = ConfigurationInputs::Source::map;
  }
  return s;
}

void run_changes(const PopulationOptions& o, Scenario scenario) {
  const auto from = parse_iso_date(o.changes[0], "--changes");
  const auto to = parse_iso_date(o.changes[1], "--changes");
  scenario.configuration.as_of = from;
  const Economy before = load_economy(scenario);
  scenario.configuration.as_of = to;
  const Economy after = load_economy(scenario);
  const auto level = o.level.empty() ? after.default_level : o.level;
  const auto changes = compare_configurations(after.population, before.configuration, before.join,
                                              after.configuration, after.join, level);
  std::string text;
  if (o.format == "json")
    text = changes_json(changes, from, to).dump(2) + "\n";
  else if (o.format == "csv")
    text = changes_csv(changes);
  else
    text = changes_table_text(changes, from, to);
  print_notes(after);
  emit_output(text, o.out);
}

void run(const PopulationOptions& o) {
  if (o.scenario.empty() == o.practices.empty()) {
    throw UsageError("give either --scenario FILE or --practices FILE");
  }
  Scenario scenario = o.scenario.empty() ? scenario_from_flags(o) : load_scenario(o.scenario);
  apply_data_options(o.data, scenario);
  if (!o.changes.empty()) {
    run_changes(o, std::move(scenario));
    return;
  }
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
                  "practice,org[,parent_org] (optionally with valid_from,valid_to); or several "
                  "DATE=FILE, a series of maps by the date each came into force");
  cmd->add_option("--changes", options->changes,
                  "FROM TO: the practices that moved between organisations at --level, opened and "
                  "closed between the configurations in force on the two dates, with patients")
      ->expected(2);
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

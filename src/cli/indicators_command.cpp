#include <iostream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/economy_options.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "economy/load_economy.hpp"
#include "governance/governance_inputs.hpp"
#include "governance/indicators.hpp"
#include "report/indicators_report.hpp"

namespace pco::cli {

namespace {

struct IndicatorsOptions {
  EconomyOptions economy;
  std::string definitions;
  std::string values;
  std::string show_level;
  std::string format = "table";
  std::string out;
};

void run(const IndicatorsOptions& o) {
  const auto scenario = scenario_from_options(o.economy);
  if (!scenario) throw UsageError("give either --scenario FILE or --practices FILE");
  const auto in = governance_inputs(*scenario);
  const auto definitions_file = o.definitions.empty() ? in.indicators : o.definitions;
  const auto values_file = o.values.empty() ? in.indicator_values : o.values;
  if (definitions_file.empty() || values_file.empty())
    throw UsageError(
        "give --definitions and --values (or governance.indicators and "
        "governance.indicator_values in the scenario)");
  const auto definitions = read_indicator_definitions(definitions_file);
  const auto observations = read_indicator_values(values_file, definitions);
  const Economy economy = load_economy(*scenario);
  print_notes(economy);

  std::string level = o.show_level;
  if (level.empty()) level = chosen_level(o.economy, in.level, economy);
  const bool known = level == "all" || level == kPracticeLevel || level == kNationalLevel ||
                     economy.configuration.level_index(level).has_value();
  if (!known) {
    std::string levels;
    for (const auto& l : economy.configuration.levels())
      levels += ", " + l.name;
    throw UsageError(
        fmt::format("unknown level \"{}\"; expected practice{}, national or all", level, levels));
  }

  const auto rollup =
      roll_up_indicators(economy.population, economy.configuration, definitions, observations);
  for (const auto& note : rollup.notes)
    std::cerr << "note: " << note << '\n';
  for (const auto& r : rollup.indicators) {
    const auto& top = r.levels.back().units.front();
    if (!top.value)
      std::cerr << fmt::format(
          "warning: indicator {} has a zero denominator over all practices: not computable at "
          "any level\n",
          r.definition.code);
  }

  std::string text;
  if (o.format == "json") {
    text = indicators_json(rollup, level).dump(2) + "\n";
  } else if (o.format == "csv") {
    text = indicators_table(rollup, level).render_csv();
  } else {
    text = indicators_table(rollup, level).render_text() +
           "\nNational deciles (10th to 90th "
           "percentile of the units at each level)\n" +
           indicator_deciles_table(rollup, level).render_text();
  }
  emit_output(text, o.out);
}

}  // namespace

void add_indicators_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<IndicatorsOptions>();
  auto* cmd = app.add_subcommand(
      "indicators",
      "Performance standards: roll indicators (numerator and denominator per practice) up the "
      "configuration as ratios of sums, with each unit's percentile among its peers, the "
      "national deciles, RAG against the target and its value against its parent's. A zero "
      "denominator gives \"not computable\", never a number.");
  add_economy_options(cmd, o->economy);
  cmd->add_option("--definitions", o->definitions,
                  "Indicator definitions CSV: code,name,low_is_good,target,amber,multiplier,units")
      ->check(CLI::ExistingFile);
  cmd->add_option("--values", o->values,
                  "Indicator values CSV: practice,indicator,numerator,denominator")
      ->check(CLI::ExistingFile);
  cmd->add_option("--show", o->show_level,
                  "Level to list: practice, a configuration level, national or all (default: "
                  "--level)");
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--out", o->out, "Write to this file instead of standard output");
  cmd->callback([o, &exit_code] { exit_code = run_guarded([&] { run(*o); }); });
}

}  // namespace pco::cli

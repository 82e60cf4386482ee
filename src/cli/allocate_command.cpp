#include <iostream>

#include <fmt/format.h>

#include "allocation/run.hpp"
#include "cli/command.hpp"
#include "cli/economy_options.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "demand/service.hpp"
#include "economy/load_economy.hpp"
#include "report/allocation_report.hpp"

namespace pco::cli {

namespace {

struct AllocateOptions {
  EconomyOptions economy;
  std::string format = "table";
  std::string out;
  std::string practices_out;
};

void run(const AllocateOptions& o) {
  const auto given = scenario_from_options(o.economy);
  if (!given) throw UsageError("give either --scenario FILE or --practices FILE");
  const Scenario& scenario = *given;
  const std::filesystem::path base_dir =
      scenario.file.empty() ? std::filesystem::path(".") : scenario.file.parent_path();
  const Economy economy = load_economy(scenario);
  const auto level = chosen_level(o.economy, "", economy);
  const auto result = run_allocation(scenario.table, scenario.file.string(), base_dir, economy,
                                     level, &default_service_weights());

  std::vector<PracticeBudget> practices;
  if (!o.practices_out.empty()) practices = indicative_budgets(result.level, result.targets);

  std::string text;
  if (o.format == "json") {
    auto json =
        allocation_json(result, economy.population, o.practices_out.empty() ? nullptr : &practices);
    auto notes = economy.notes;
    notes.insert(notes.end(), result.notes.begin(), result.notes.end());
    json["notes"] = notes;
    json["unmapped_practices"] = economy.join.unmapped.size();
    text = json.dump(2) + "\n";
  } else if (o.format == "csv") {
    text = allocation_table_csv(result);
  } else {
    text = allocation_table_text(result);
  }
  print_notes(economy);
  warn_need_basis(economy);
  for (const auto& note : result.notes)
    std::cerr << "note: " << note << '\n';
  if (!o.practices_out.empty()) {
    const bool json = std::filesystem::path(o.practices_out).extension() == ".json";
    write_file_atomically(
        o.practices_out,
        json ? practice_budgets_json(result, economy.population, practices).dump(2) + "\n"
             : practice_budgets_csv(result, economy.population, practices));
  }
  emit_output(text, o.out);
}

}  // namespace

void add_allocate_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AllocateOptions>();
  auto* cmd = app.add_subcommand(
      "allocate",
      "Fair shares by weighted capitation: each organisation's target (sum over practices of "
      "age-sex cost weight x need x market forces factor, as a share of the quantum), its "
      "allocation after pace of change, the unified budget by component, pooled budgets and "
      "indicative practice budgets. All money is whole pence and reconciles to the penny at "
      "every level. Without --scenario the default five-component formula is used.");
  add_economy_options(cmd, options->economy);
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--out", options->out, "Write to this file instead of standard output");
  cmd->add_option("--practices-out", options->practices_out,
                  "Also write indicative practice budgets to this file (JSON if it ends in "
                  ".json, else CSV); JSON output then lists each organisation's practices");
  cmd->callback([options, &exit_code] { exit_code = run_guarded([&] { run(*options); }); });
}

}  // namespace pco::cli

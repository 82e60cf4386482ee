#include <fmt/format.h>

#include "allocation/run.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "commissioning/commissioning_run.hpp"
#include "core/error.hpp"
#include "demand/service_scenario.hpp"
#include "economy/load_economy.hpp"
#include "report/contracts_report.hpp"
#include "scenario_file/scenario_file.hpp"

namespace pco::cli {

namespace {

struct ContractsOptions {
  std::string scenario;
  std::optional<double> margin;
  std::string format = "table";
  std::string table = "contracts";
  unsigned threads = 0;
  std::string out;
};

void run(const ContractsOptions& o) {
  const Scenario scenario = load_scenario(o.scenario);
  const auto model = read_service_model(scenario);
  const Economy economy = load_economy(scenario);
  check_service_levels(model, economy.configuration, scenario.file.string());
  CommissioningRunOptions options;
  options.margin = o.margin.value_or(read_risk_settings(scenario).margin);
  options.risk.threads = o.threads;
  std::optional<AllocationRun> allocation;
  if (scenario.table.contains("formula")) {
    const auto inputs = read_commissioning_inputs(scenario, model);
    const std::string level = inputs.level.empty() ? economy.default_level : inputs.level;
    allocation = run_allocation(scenario.table, scenario.file.string(), scenario.file.parent_path(),
                                economy, level, &default_service_weights());
  }
  const auto result = run_commissioning(scenario, economy, model, allocation, options);
  std::string text;
  if (o.format == "json") {
    auto json = commissioning_json(result, model);
    for (const auto& n : economy.notes)
      json["notes"].push_back(n);
    text = json.dump(2) + "\n";
  } else if (o.format == "csv") {
    const auto table = o.table == "providers"       ? CommissioningTable::providers
                       : o.table == "commissioners" ? CommissioningTable::commissioners
                       : o.table == "shifts"        ? CommissioningTable::shifts
                                                    : CommissioningTable::contracts;
    if (table == CommissioningTable::shifts && !result.after)
      throw UsageError("--table shifts: the scenario has no [[pathway_shift]]");
    text = commissioning_table_csv(result, model, table);
  } else {
    text = commissioning_text(result, model);
  }
  print_notes(economy);
  for (const auto& n : result.notes)
    fmt::print(stderr, "note: {}\n", n);
  emit_output(text, o.out);
}

}  // namespace

void add_contracts_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ContractsOptions>();
  auto* cmd = app.add_subcommand(
      "contracts",
      "Who bears the risk of each contract: for every [[contract]] (and the [commissioning] "
      "default payment rule) between a commissioner and a provider, exactly, the commissioner's "
      "payment (mean, sd), the provider's cost and margin (sd, 5%/95% points, P(loss)) and the "
      "share of the cost's variance each bears; every provider's income and margin over all its "
      "contracts; every budget holder's payments with all its contracts in force against its "
      "budget; and the money and risk each [[pathway_shift]] moves (docs/commissioning.md).");
  cmd->add_option("--scenario", options->scenario, "Scenario TOML file")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--margin", options->margin,
                  "Budget = expected cost x (1 + MARGIN) when there is no [formula]; default "
                  "[risk] margin or 0")
      ->check(CLI::Range(-0.99, 10.0));
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--table", options->table,
                  "With --format csv: which table (contracts, providers, commissioners, shifts)")
      ->check(CLI::IsMember({"contracts", "providers", "commissioners", "shifts"}));
  cmd->add_option("--threads", options->threads,
                  "Worker threads, 0 = one per hardware thread (output does not depend on it)");
  cmd->add_option("--out", options->out, "Write to this file instead of standard output");
  cmd->callback([options, &exit_code] { exit_code = run_guarded([&] { run(*options); }); });
}

}  // namespace pco::cli

#pragma once
// Tables and JSON of the commissioning analysis (`pco contracts`): contracts, providers, budget
// holders with their contracts in force, and pathway shifts.
#include <string>

#include <nlohmann/json.hpp>

#include "commissioning/commissioning_run.hpp"
#include "core/table.hpp"
#include "demand/service.hpp"

namespace pco {

nlohmann::json commissioning_json(const CommissioningRun& run, const ServiceModel& model);

// Which table `--format csv` writes.
enum class CommissioningTable { contracts, providers, commissioners, shifts };
std::string commissioning_table_csv(const CommissioningRun& run, const ServiceModel& model,
                                    CommissioningTable table);
// Every table, with a heading and the notes a reader needs to read them.
std::string commissioning_text(const CommissioningRun& run, const ServiceModel& model);

// The tables, for the text output and the HTML report (csv: plain numbers, pence).
TextTable contract_table(const CommissioningRun& run, const ServiceModel& model,
                         const CommissioningState& state, bool csv);
TextTable provider_table(const CommissioningRun& run, const CommissioningState& state, bool csv);
TextTable commissioner_table(const CommissioningRun& run, const CommissioningState& state,
                             bool csv);
TextTable movement_table(const CommissioningRun& run, bool csv);
TextTable shift_effect_table(const CommissioningRun& run, bool csv);
TextTable shift_provider_table(const CommissioningRun& run, bool csv);
TextTable schedule_table(const CommissioningRun& run, bool csv);

// £ with pence: 1234567.891 → "1,234,567.89".
std::string pounds_and_pence(double value);

}  // namespace pco

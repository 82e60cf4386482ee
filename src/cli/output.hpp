#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "allocation/economy.hpp"

namespace pco {
struct BudgetReconciliation;
}

namespace pco::cli {

// Writes `text` to `path` atomically, or to standard output when `path` is empty.
void emit_output(const std::string& text, const std::string& path);

// Prints the economy's notes, join report and warnings to standard error.
void print_notes(const Economy& economy);

// Warns on standard error when need (fair shares, budgets, expected costs) rests on ages imputed
// from list totals; returns whether it did.
bool warn_need_basis(const Economy& economy);

// The need basis of the economy as JSON (NeedBasis::json), for every JSON output that depends on
// need.
nlohmann::json need_basis_json(const Economy& economy);

// Prints "warning: ..." when the allocation and the service model disagree nationally by more
// than kQuantumModelTolerance (docs/risk-holders.md, "Budgets").
void print_budget_warning(const BudgetReconciliation& reconciliation);

}  // namespace pco::cli

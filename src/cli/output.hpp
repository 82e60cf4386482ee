#pragma once

#include <string>

#include "scenario/economy.hpp"

namespace pco {
struct BudgetReconciliation;
}

namespace pco::cli {

// Writes `text` to `path` atomically, or to standard output when `path` is empty.
void emit_output(const std::string& text, const std::string& path);

// Prints the economy's notes, join report and warnings to standard error.
void print_notes(const Economy& economy);

// Prints "warning: ..." when the allocation and the service model disagree nationally by more
// than kQuantumModelTolerance (docs/risk-holders.md, "Budgets").
void print_budget_warning(const BudgetReconciliation& reconciliation);

}  // namespace pco::cli

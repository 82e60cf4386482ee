#include "cli/output.hpp"

#include <iostream>

#include <fmt/format.h>

#include "allocation/need_basis.hpp"
#include "core/text.hpp"
#include "holders/budget_basis.hpp"

namespace pco::cli {

void emit_output(const std::string& text, const std::string& path) {
  if (path.empty()) {
    std::cout << text;
    std::cout.flush();
  } else {
    write_file_atomically(path, text);
  }
}

nlohmann::json need_basis_json(const Economy& economy) {
  return need_basis(economy.population, economy.configuration,
                    economy.weighted_need ? &*economy.weighted_need : nullptr)
      .json();
}

bool warn_need_basis(const Economy& economy) {
  const auto basis = need_basis(economy.population, economy.configuration,
                                economy.weighted_need ? &*economy.weighted_need : nullptr);
  if (!basis.rests_on_imputed_ages()) return false;
  std::cerr << "warning: " << basis.warning() << '\n';
  return true;
}

void print_notes(const Economy& economy) {
  for (const auto& note : economy.notes)
    std::cerr << "note: " << note << '\n';
  const auto& join = economy.join;
  if (!join.unmapped.empty()) {
    std::int64_t patients = 0;
    std::string examples;
    for (std::size_t i = 0; i < join.unmapped.size(); ++i) {
      const auto* p = economy.population.find(join.unmapped[i].code);
      if (p != nullptr) patients += p->list_size();
      if (i < 10) examples += fmt::format("{}{}", i ? ", " : "", join.unmapped[i].code);
    }
    std::cerr << fmt::format(
        "note: {} practices ({} patients) are in the population but not in the mapping and "
        "are left out: {}{}\n",
        join.unmapped.size(), patients, examples, join.unmapped.size() > 10 ? ", ..." : "");
  }
  if (join.mapped_without_patients > 0) {
    std::cerr << fmt::format(
        "note: {} practices in the mapping have no registered patients in the population "
        "(closed, merged or not in this extract)\n",
        join.mapped_without_patients);
  }
  for (const auto& w : join.warnings)
    std::cerr << "warning: " << w << '\n';
}

void print_budget_warning(const BudgetReconciliation& reconciliation) {
  if (reconciliation.warning) std::cerr << "warning: " << *reconciliation.warning << '\n';
}

}  // namespace pco::cli

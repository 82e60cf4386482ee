#include "allocation/nhs_structure.hpp"

#include <fmt/format.h>

namespace pco {

Formula nhs_2025_26_formula(const WeightedNeed& weighted, const Population& population) {
  Formula f;
  f.structure = std::string(kNhs202526);
  const auto& table = *weighted.table;
  f.streams = {
      {"core", std::nullopt, kCorePerHeadPence, 0,
       "£1,732 a head: ICB core services allocations 2024/25, House of Commons Library CBP-10031"},
      {"primary_medical_care", std::nullopt, kPrimaryMedicalCarePerHeadPence, 0,
       "about £180 a head: ICB primary medical care allocations 2024/25 (£11.2bn), House of "
       "Commons Library CBP-10031"},
      {"running_costs", std::nullopt, kRunningCostPerHeadPence, 0,
       "£18.76 a head: NHS England's ICB running-cost target (2025 model ICB blueprint)"}};
  auto implied = implied_core_structure(table);
  // The cost adjustment of each practice: its file ICB's factor; 1 for practices not in the file.
  std::vector<double> factor(population.size(), 1.0);
  for (std::size_t p = 0; p < population.size(); ++p) {
    if (!weighted.has(p)) continue;
    const auto& row = table.rows[static_cast<std::size_t>(weighted.row[p])];
    if (const auto it = implied.icb_factor.find(row.icb); it != implied.icb_factor.end())
      factor[p] = it->second;
  }
  for (std::size_t i = 0; i < implied.components.size(); ++i) {
    FormulaComponent c;
    c.name = std::string(wp_column_key(implied.components[i]));
    c.stream = "core";
    c.share = implied.shares[i];
    c.weighted_column = implied.components[i];
    c.weights = *builtin_weights(c.name == "prescribing" ? "astro_pu_2013" : "flat");
    c.mff = factor;
    c.cost_adjustment = "implied by the file (per ICB)";
    f.components.push_back(std::move(c));
  }
  FormulaComponent pmc;
  pmc.name = "primary_medical_care";
  pmc.stream = "primary_medical_care";
  pmc.share = 1.0;
  pmc.weighted_column = WpColumn::primary_medical_care_overall;
  pmc.weights = *builtin_weights("flat");
  f.components.push_back(std::move(pmc));
  FormulaComponent rc;
  rc.name = "running_costs";
  rc.stream = "running_costs";
  rc.share = 1.0;
  rc.weights = *builtin_weights("flat");
  f.components.push_back(std::move(rc));
  std::string shares;
  for (std::size_t i = 0; i < implied.components.size(); ++i)
    shares += fmt::format("{}{} {:.4f}", i ? ", " : "", wp_column_key(implied.components[i]),
                          implied.shares[i]);
  double lo = 10, hi = 0;
  for (const auto& [icb, m] : implied.icb_factor) {
    lo = std::min(lo, m);
    hi = std::max(hi, m);
  }
  f.notes.push_back(fmt::format(
      "2025/26 allocation structure on {}{}: core component shares implied by the file ({}; "
      "practice-level R² {:.5f} of NHS England's overall weighted population); cost adjustment "
      "per ICB {:.4f}-{:.4f} implied by the file, standing in for the market forces factor and "
      "the emergency ambulance cost adjustment (their published values are not in the file)",
      table.source_file, table.year.empty() ? "" : " (" + table.year + ")", shares,
      implied.r_squared, lo, hi));
  f.implied = std::move(implied);
  return f;
}

}  // namespace pco

#include "report/risk_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/number_format.hpp"
#include "core/table.hpp"

namespace pco {

namespace {

TextTable holder_table(const HolderRiskResults& r, bool for_csv) {
  TextTable t;
  t.headers = {"level",         "code",          "population",     "budget_gbp",   "mean_gbp",
               "sd_gbp",        "sd_chance_gbp", "sd_formula_gbp", "sd_shock_gbp", "cv_pct",
               "p_overspend",   "p_over_5pct",   "p_over_10pct",   "var99_gbp",    "tvar99_gbp",
               "reserve95_gbp", "reserve99_gbp"};
  t.right_align = std::vector<bool>(t.headers.size(), true);
  t.right_align[0] = t.right_align[1] = false;
  const auto money = [&](double v) {
    return for_csv ? fmt::format("{:.0f}", v) : with_thousands(std::llround(v));
  };
  // Read as percentages ("4.5%", "< 0.1%"); the CSV keeps the figures a program reads.
  const auto chance = [&](double p, const char* csv_format) {
    return for_csv ? fmt::format(fmt::runtime(csv_format), p) : probability(p);
  };
  for (const auto& h : r.holders) {
    const auto& m = h.measures;
    t.add_row(
        {h.level, h.code, for_csv ? std::to_string(h.population) : with_thousands(h.population),
         money(h.budget), money(m.mean), money(m.sd), money(h.sd_chance), money(h.sd_formula),
         money(h.sd_shock), fmt::format("{:.3f}", 100 * m.cv), chance(m.p_overspend, "{:.4f}"),
         chance(m.p_overspend_5pct, "{:.2e}"), chance(m.p_overspend_10pct, "{:.2e}"),
         money(m.var99), money(m.tvar99), money(m.reserve95), money(m.reserve99)});
  }
  return t;
}

TextTable size_table(const std::vector<SizePoint>& points, bool for_csv) {
  TextTable t;
  t.headers = {"population",     "expected_cost_gbp", "cv_pct",      "cv_chance_pct",
               "cv_formula_pct", "cv_shock_pct",      "p_over_5pct", "p_over_10pct",
               "reserve99_pct",  "rare_costly_cv_pct"};
  t.right_align = std::vector<bool>(t.headers.size(), true);
  for (const auto& p : points)
    t.add_row(
        {fmt::format("{:.0f}", p.population), fmt::format("{:.0f}", p.expected_cost),
         fmt::format("{:.3f}", 100 * p.cv), fmt::format("{:.3f}", 100 * p.cv_chance),
         fmt::format("{:.3f}", 100 * p.cv_formula), fmt::format("{:.3f}", 100 * p.cv_shock),
         for_csv ? fmt::format("{:.3e}", p.p_overspend_5pct) : probability(p.p_overspend_5pct),
         for_csv ? fmt::format("{:.3e}", p.p_overspend_10pct) : probability(p.p_overspend_10pct),
         fmt::format("{:.3f}", p.reserve99_pct),
         p.service_cv > 0 ? fmt::format("{:.2f}", 100 * p.service_cv) : "-"});
  return t;
}

}  // namespace

nlohmann::json measures_json(const RiskMeasures& m) {
  return {{"mean", m.mean},
          {"sd", m.sd},
          {"cv", m.cv},
          {"p_overspend", m.p_overspend},
          {"p_overspend_5pct", m.p_overspend_5pct},
          {"p_overspend_10pct", m.p_overspend_10pct},
          {"var95", m.var95},
          {"var99", m.var99},
          {"tvar95", m.tvar95},
          {"tvar99", m.tvar99},
          {"reserve95", m.reserve95},
          {"reserve99", m.reserve99}};
}

nlohmann::json budget_reconciliation_json(const BudgetReconciliation& r) {
  nlohmann::json services = nlohmann::json::array();
  for (const auto& s : r.services)
    services.push_back({{"name", s.name}, {"level", s.level}, {"expected_cost", s.expected_cost}});
  nlohmann::json j = {{"from_allocation", r.from_allocation},
                      {"allocation_pence", r.allocation_pence},
                      {"quantum_pence", r.quantum_pence},
                      {"components", r.components},
                      {"margin", r.margin},
                      {"expected_cost", r.expected_cost},
                      {"gap", r.gap},
                      {"gap_pct", r.gap_pct},
                      {"services", services},
                      {"explanation", r.explanation}};
  j["warning"] = r.warning ? nlohmann::json(*r.warning) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json holder_risk_json(const HolderRiskResults& results) {
  nlohmann::json holders = nlohmann::json::array();
  for (const auto& h : results.holders) {
    auto j = measures_json(h.measures);
    j["code"] = h.code;
    j["name"] = h.name;
    j["level"] = h.level;
    j["population"] = h.population;
    j["budget_pence"] = h.budget_pence;
    j["expected_cost"] = h.expected_cost;
    j.update(holder_sources_json(h));
    j["exact_sd"] = h.exact_sd;
    j["formula_sd"] = h.formula_sd;
    j["list_concentration"] = h.list_concentration;
    j["variance_error_bound"] = h.variance_error_bound;
    j["variance_deficit"] = h.variance_deficit;
    j["quadrature_nodes"] = h.quadrature_nodes;
    j["quadrature_error"] = h.quadrature_error;
    j["imputed_people"] = h.imputed_people;
    j["services"] = h.services;
    holders.push_back(std::move(j));
  }
  return {{"model", results.model_source},
          {"budget", results.budget_source},
          {"budget_basis", budget_reconciliation_json(results.reconciliation)},
          {"sources", sources_to_json(results.sources)},
          {"precision", precision_json(results)},
          {"levels", results.levels},
          {"money_unit", "GBP (budget_pence in pence)"},
          {"holders", std::move(holders)}};
}

nlohmann::json holder_sources_json(const HolderRisk& h) {
  return {{"sd_chance", h.sd_chance},
          {"sd_formula", h.sd_formula},
          {"sd_shock", h.sd_shock},
          {"grid_tail_mass", h.grid_tail_mass}};
}

std::string grid_precision_words(double grid_tail_mass) {
  return fmt::format(
      "at most {:.1e} of probability off the grid (grid_tail_mass, largest); probabilities and "
      "quantiles read between its knots (step sd/64) as a histogram, good to about 0.3 "
      "percentage points for a single practice and 0.03 for a CCG (grids refined 4x on the 2021 "
      "national run: docs/risk-holders.md, \"Reading the grid\")",
      grid_tail_mass);
}

RiskPrecision risk_precision(const HolderRiskResults& results) {
  RiskPrecision p;
  for (const auto& h : results.holders) {
    const double v = h.exact_sd * h.exact_sd;
    p.grid_tail_mass = std::max(p.grid_tail_mass, h.grid_tail_mass);
    if (h.grid_tail_mass > kGridTailTarget) ++p.holders_above_target;
    if (v > 0) {
      p.variance_above = std::max(p.variance_above, h.variance_error_bound / v);
      p.variance_below = std::max(p.variance_below, h.variance_deficit / v);
    }
    p.quadrature_error = std::max(p.quadrature_error, std::fabs(h.quadrature_error));
    p.imputed_people += h.imputed_people;
    p.population += h.population;
  }
  return p;
}

nlohmann::json precision_json(const HolderRiskResults& results) {
  const auto p = risk_precision(results);
  return {{"grid_tail_mass_max", p.grid_tail_mass},
          {"grid_tail_mass_target", kGridTailTarget},
          {"holders_above_target", p.holders_above_target},
          {"variance_above_max", p.variance_above},
          {"variance_below_max", p.variance_below},
          {"quadrature_error_max", p.quadrature_error}};
}

std::string risk_assumptions_text(const HolderRiskResults& results) {
  const auto p = risk_precision(results);
  std::string out = describe_sources(results.sources) + "\n";
  out += fmt::format(
      "grid precision: {}; grid variance within -{:.2g}% / +{:.2g}% of the closed form; factor "
      "quadrature E F^2 within {:.1e}\n",
      grid_precision_words(p.grid_tail_mass), 100 * p.variance_below, 100 * p.variance_above,
      p.quadrature_error);
  if (p.holders_above_target > 0)
    out += fmt::format(
        "warning: for {} holders the grid holds less than all but {:g} of the probability (up "
        "to {:.1e} misplaced: a severity grid reached its cap of knots); their probabilities are "
        "accurate to that, not better\n",
        p.holders_above_target, kGridTailTarget, p.grid_tail_mass);
  if (p.imputed_people > 0)
    out += fmt::format(
        "warning: {:.1f}% of the people ({}) have an age-sex structure imputed from the national "
        "profile (no age detail in the population file): their expected costs rest on it\n",
        100.0 * static_cast<double>(p.imputed_people) / static_cast<double>(p.population),
        p.imputed_people);
  return out;
}

std::string holder_risk_table_text(const HolderRiskResults& results) {
  return risk_assumptions_text(results) + holder_table(results, false).render_text();
}

std::string holder_risk_table_csv(const HolderRiskResults& results) {
  return holder_table(results, true).render_csv();
}

nlohmann::json size_curve_json(const std::vector<SizePoint>& points) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& p : points)
    rows.push_back({{"population", p.population},
                    {"expected_cost", p.expected_cost},
                    {"cv", p.cv},
                    {"cv_chance", p.cv_chance},
                    {"cv_formula", p.cv_formula},
                    {"cv_shock", p.cv_shock},
                    {"grid_tail_mass", p.grid_tail_mass},
                    {"p_overspend_5pct", p.p_overspend_5pct},
                    {"p_overspend_10pct", p.p_overspend_10pct},
                    {"reserve99_pct", p.reserve99_pct},
                    {"rare_costly_cv", p.service_cv}});
  return {{"size_curve", std::move(rows)}};
}

std::string size_curve_table_text(const std::vector<SizePoint>& points) {
  return size_table(points, false).render_text();
}

std::string size_curve_table_csv(const std::vector<SizePoint>& points) {
  return size_table(points, true).render_csv();
}

}  // namespace pco

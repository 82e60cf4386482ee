#include "sim/simulation_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/table.hpp"

namespace pco {

namespace {

// Every estimate of a row, in column order, with its name.
std::vector<std::pair<const char*, const Estimate*>> estimates(const HolderYear& r) {
  return {{"cost_mean", &r.cost_mean},
          {"cost_sd", &r.cost_sd},
          {"cost_q05", &r.cost_quantiles[0]},
          {"cost_q25", &r.cost_quantiles[1]},
          {"cost_q50", &r.cost_quantiles[2]},
          {"cost_q75", &r.cost_quantiles[3]},
          {"cost_q95", &r.cost_quantiles[4]},
          {"outturn_mean", &r.outturn_mean},
          {"outturn_q05", &r.outturn_q05},
          {"outturn_q50", &r.outturn_q50},
          {"outturn_q95", &r.outturn_q95},
          {"p_overspend", &r.p_overspend},
          {"p_overspend_5pct", &r.p_overspend_5pct},
          {"p_any_overspend", &r.p_any_overspend},
          {"deficit_mean", &r.deficit_mean},
          {"deficit_q50", &r.deficit_q50},
          {"deficit_q95", &r.deficit_q95},
          {"deficit_q99", &r.deficit_q99},
          {"outturn_q25", &r.outturn_q25},
          {"outturn_q75", &r.outturn_q75}};
}

std::string pounds(const Estimate& e) {
  return fmt::format("{} ±{}", with_thousands(std::llround(e.value)),
                     with_thousands(std::llround(e.se)));
}

std::string percent(const Estimate& e) {
  return fmt::format("{:.2f} ±{:.2f}", 100 * e.value, 100 * e.se);
}

}  // namespace

std::vector<std::pair<const char*, const Estimate*>> simulation_estimates(const HolderYear& r) {
  return estimates(r);
}

std::vector<std::pair<const char*, Estimate*>> simulation_estimates(HolderYear& r) {
  // The same list, writable: every pointer points into `r`, which is not const here.
  std::vector<std::pair<const char*, Estimate*>> out;
  for (const auto& [name, e] : estimates(r))
    out.emplace_back(name, const_cast<Estimate*>(e));
  return out;
}

std::string simulation_table_text(const SimulationResults& results) {
  TextTable t;
  t.headers = {"code",
               "year",
               "budget £",
               "mean cost £",
               "sd £",
               "outturn q05 %",
               "outturn q50 %",
               "outturn q95 %",
               "P(over) %",
               "P(over>=5%) %",
               "P(any over) %",
               "cum. deficit mean £",
               "cum. deficit q95 £"};
  t.right_align.assign(t.headers.size(), true);
  t.right_align[0] = false;
  for (const auto& r : results.rows)
    t.add_row({r.code, std::to_string(r.year), with_thousands(std::llround(r.budget)),
               pounds(r.cost_mean), pounds(r.cost_sd), percent(r.outturn_q05),
               percent(r.outturn_q50), percent(r.outturn_q95), percent(r.p_overspend),
               percent(r.p_overspend_5pct), percent(r.p_any_overspend), pounds(r.deficit_mean),
               pounds(r.deficit_q95)});
  const auto& s = results.settings;
  return fmt::format(
             "Simulation at level {}: {} replications x {} years, seed {}; shock CV {:g}, "
             "regional shock CV {:g}; outturn = (cost - available budget) / budget; ± is the "
             "Monte Carlo standard error\n",
             results.level, s.replications, s.years, s.seed, s.shock_cv, s.regional_shock_cv) +
         t.render_text();
}

std::string simulation_table_csv(const SimulationResults& results) {
  TextTable t;
  t.headers = {"code", "year", "budget"};
  if (!results.rows.empty())
    for (const auto& [name, e] : estimates(results.rows.front())) {
      t.headers.emplace_back(name);
      t.headers.push_back(std::string(name) + "_se");
    }
  for (const auto& r : results.rows) {
    std::vector<std::string> row = {r.code, std::to_string(r.year), fmt::format("{}", r.budget)};
    for (const auto& [name, e] : estimates(r)) {
      row.push_back(fmt::format("{}", e->value));
      row.push_back(fmt::format("{}", e->se));
    }
    t.add_row(std::move(row));
  }
  return t.render_csv();
}

nlohmann::json simulation_json(const SimulationResults& results) {
  const auto& s = results.settings;
  nlohmann::json json = {{"level", results.level},
                         {"settings",
                          {{"replications", s.replications},
                           {"seed", s.seed},
                           {"years", s.years},
                           {"budget_growth", s.budget_growth},
                           {"demand_growth", s.demand_growth},
                           {"overspend_repay_cap", s.overspend_repay_cap},
                           {"underspend_keep_cap", s.underspend_keep_cap},
                           {"shock_cv", s.shock_cv},
                           {"regional_shock_cv", s.regional_shock_cv},
                           {"region_level", s.region_level},
                           {"arrangement", s.arrangement}}}};
  auto& holders = json["holders"] = nlohmann::json::array();
  std::size_t h = 0;
  for (std::size_t i = 0; i < results.rows.size(); ++i) {
    const auto& r = results.rows[i];
    if (r.year == 1) {
      holders.push_back({{"code", r.code},
                         {"name", results.holder_names[h]},
                         {"population", results.populations[h]},
                         {"years", nlohmann::json::array()}});
      ++h;
    }
    nlohmann::json year = {{"year", r.year}, {"budget", r.budget}};
    for (const auto& [name, e] : estimates(r))
      year[name] = {{"value", e->value}, {"se", e->se}};
    holders.back()["years"].push_back(std::move(year));
  }
  return json;
}

}  // namespace pco

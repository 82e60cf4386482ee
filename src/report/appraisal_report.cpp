#include "report/appraisal_report.hpp"

#include <cmath>
#include <functional>

#include <fmt/format.h>

namespace pco {

namespace {

nlohmann::json number(double v) {
  return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v);
}

std::string money(double v) {
  if (std::isnan(v)) return "n/a";
  return fmt::format("{:.2f}m", v / 1e6);
}

std::string fixed(double v, int digits) {
  if (std::isnan(v)) return "not computable";
  return fmt::format("{:.{}f}", v, digits);
}

std::string percent(double v, int digits = 1) {
  if (std::isnan(v)) return "not computable";
  return fmt::format("{:.{}f}%", 100 * v, digits);
}

struct Row {
  std::string label;
  std::function<std::string(const ConfigurationAppraisal&)> value;
};

std::vector<Row> rows() {
  return {
      {"level", [](const auto& c) { return c.level; }},
      {"organisations",
       [](const auto& c) { return std::to_string(c.structure.organisations.size()); }},
      {"federations", [](const auto& c) { return std::to_string(c.federations); }},
      {"population", [](const auto& c) { return with_thousands(c.structure.population); }},
      {"mean population per organisation",
       [](const auto& c) { return with_thousands(std::llround(c.metrics.mean_population)); }},
      {"practices per organisation",
       [](const auto& c) { return fixed(c.metrics.practices_per_organisation, 1); }},
      {"networks per organisation",
       [](const auto& c) { return fixed(c.metrics.networks_per_organisation, 1); }},
      {"P(overspend >= 5%), pop-weighted",
       [](const auto& c) { return fmt::format("{:.2e}", c.metrics.p_overspend_5pct); }},
      {"CV of annual cost, pop-weighted", [](const auto& c) { return percent(c.metrics.cv, 3); }},
      {"99% reserves, total GBP", [](const auto& c) { return money(c.structure.reserve99); }},
      {"management cost GBP/yr", [](const auto& c) { return money(c.metrics.management_cost); }},
      {"management cost GBP/head",
       [](const auto& c) { return fixed(c.metrics.management_cost_per_head, 2); }},
      {"engagement proxy (0-1), pop-weighted",
       [](const auto& c) { return fixed(c.metrics.engagement, 3); }},
      {"population in orgs <= best buy-in mark",
       [](const auto& c) { return percent(c.metrics.share_best_buy_in); }},
      {"population in orgs > remote mark",
       [](const auto& c) { return percent(c.metrics.share_remote); }},
      {"largest share of a provider's income",
       [](const auto& c) { return percent(c.metrics.max_provider_share); }},
      {"mean |distance from target|",
       [](const auto& c) {
         return std::isnan(c.metrics.mean_abs_distance_from_target_pct)
                    ? std::string("not computable")
                    : fmt::format("{:.2f}%", c.metrics.mean_abs_distance_from_target_pct);
       }},
      {"practices changing organisation",
       [](const auto& c) { return with_thousands(c.structure.practices_changing); }},
      {"people changing organisation",
       [](const auto& c) { return with_thousands(c.structure.people_changing); }},
      {"status-quo organisations merged",
       [](const auto& c) { return std::to_string(c.structure.organisations_merged); }},
      {"running-cost saving GBP/yr (when realised)",
       [](const auto& c) { return money(c.change.running_saving); }},
      {"change in 99% reserves GBP", [](const auto& c) { return money(c.change.reserve_change); }},
      {"transition cost GBP (one-off)",
       [](const auto& c) { return money(c.cashflow.total_transition); }},
      {"dip loss GBP (undiscounted)", [](const auto& c) { return money(c.cashflow.total_dip); }},
      {"NPV GBP vs status quo", [](const auto& c) { return money(c.cashflow.npv); }},
      {"break-even year",
       [](const auto& c) {
         return c.status_quo                 ? std::string("-")
                : c.cashflow.break_even_year ? std::to_string(*c.cashflow.break_even_year)
                                             : std::string("never");
       }},
      {"NPV mean over parameter ranges",
       [](const auto& c) {
         return c.npv_uncertainty.draws == 0
                    ? std::string("-")
                    : fmt::format("{} (se {})", money(c.npv_uncertainty.mean),
                                  money(c.npv_uncertainty.standard_error));
       }},
      {"NPV 5%-95% over parameter ranges",
       [](const auto& c) {
         return c.npv_uncertainty.draws == 0 ? std::string("-")
                                             : fmt::format("{} to {}", money(c.npv_uncertainty.p05),
                                                           money(c.npv_uncertainty.p95));
       }},
      {"P(NPV > 0) over parameter ranges",
       [](const auto& c) {
         return c.status_quo || c.npv_uncertainty.draws == 0
                    ? std::string("-")
                    : percent(c.npv_uncertainty.probability_positive, 0);
       }},
  };
}

}  // namespace

TextTable appraisal_side_by_side(const AppraisalResults& r) {
  TextTable t;
  t.headers.push_back("metric");
  t.right_align.push_back(false);
  for (const auto& c : r.configurations) {
    t.headers.push_back(c.name);
    t.right_align.push_back(true);
  }
  for (const auto& row : rows()) {
    std::vector<std::string> cells{row.label};
    for (const auto& c : r.configurations)
      cells.push_back(row.value(c));
    t.add_row(std::move(cells));
  }
  return t;
}

TextTable appraisal_organisations(const AppraisalResults& r) {
  TextTable t;
  t.headers = {"configuration",
               "code",
               "name",
               "federation",
               "risk_pool",
               "population",
               "practices",
               "networks",
               "expected_cost_gbp",
               "p_over_5pct",
               "cv_pct",
               "reserve99_gbp",
               "management_cost_gbp",
               "engagement_proxy",
               "max_provider_share",
               "distance_from_target_pct"};
  t.right_align = {false, false, false, false, false, true, true, true,
                   true,  true,  true,  true,  true,  true, true, true};
  for (const auto& c : r.configurations) {
    for (const auto& o : c.structure.organisations) {
      t.add_row(
          {c.name, o.code, o.name, o.federation, o.risk_pool, std::to_string(o.population),
           std::to_string(o.practices), std::to_string(o.networks),
           fmt::format("{:.0f}", o.expected_cost), fmt::format("{:.2e}", o.p_overspend_5pct),
           fmt::format("{:.3f}", 100 * o.cv), fmt::format("{:.0f}", o.reserve99),
           fmt::format("{:.0f}", o.management_cost), fmt::format("{:.3f}", o.engagement),
           std::isnan(o.max_provider_share) ? "" : fmt::format("{:.4f}", o.max_provider_share),
           std::isnan(o.distance_from_target_pct)
               ? ""
               : fmt::format("{:.2f}", o.distance_from_target_pct)});
    }
  }
  return t;
}

TextTable appraisal_tornado(const AppraisalResults& r) {
  TextTable t;
  t.headers = {"configuration", "parameter", "low",         "high",         "npv_low",
               "npv_high",      "swing",     "best_at_low", "best_at_high", "flips_decision"};
  t.right_align = {false, false, true, true, true, true, true, false, false, false};
  for (const auto& e : r.tornado) {
    t.add_row({e.configuration, e.parameter, fmt::format("{:g}", e.low),
               fmt::format("{:g}", e.high), money(e.npv_low), money(e.npv_high),
               money(std::abs(e.npv_high - e.npv_low)), e.best_at_low, e.best_at_high,
               e.flips ? "YES" : "no"});
  }
  return t;
}

std::string appraisal_text(const AppraisalResults& r, bool detail) {
  std::string out = fmt::format(
      "Configurations side by side ({} years, discount rate {:.1f}%; "
      "best at base parameters: {})\n\n",
      r.years, 100 * r.parameters.get("discount_rate"), r.best);
  out += appraisal_side_by_side(r).render_text();
  out += "\nTornado: NPV vs status quo with one parameter at its low/high value\n\n";
  out += appraisal_tornado(r).render_text();
  if (detail) {
    out += "\nOrganisations\n\n";
    out += appraisal_organisations(r).render_text();
  }
  for (const auto& n : r.notes)
    out += "\nnote: " + n + "\n";
  return out;
}

nlohmann::json appraisal_json(const AppraisalResults& r) {
  nlohmann::json configs = nlohmann::json::array();
  for (const auto& c : r.configurations) {
    nlohmann::json orgs = nlohmann::json::array();
    for (const auto& o : c.structure.organisations) {
      orgs.push_back({{"code", o.code},
                      {"name", o.name},
                      {"federation", o.federation},
                      {"risk_pool", o.risk_pool},
                      {"population", o.population},
                      {"practices", o.practices},
                      {"networks", o.networks},
                      {"expected_cost_gbp", o.expected_cost},
                      {"p_overspend_5pct", o.p_overspend_5pct},
                      {"cv", o.cv},
                      {"reserve99_gbp", o.reserve99},
                      {"management_cost_gbp", o.management_cost},
                      {"engagement_proxy", o.engagement},
                      {"max_provider_share", number(o.max_provider_share)},
                      {"distance_from_target_pct", number(o.distance_from_target_pct)}});
    }
    const auto& m = c.metrics;
    const auto& s = c.structure;
    nlohmann::json years = nlohmann::json::array();
    for (const auto& y : c.cashflow.years)
      years.push_back({{"year", y.year},
                       {"savings_gbp", y.savings},
                       {"reserve_holding_gbp", y.reserve_holding},
                       {"transition_gbp", y.transition},
                       {"dip_gbp", y.dip},
                       {"net_gbp", y.net},
                       {"cumulative_discounted_gbp", y.cumulative_discounted}});
    configs.push_back(
        {{"name", c.name},
         {"description", c.description},
         {"status_quo", c.status_quo},
         {"level", c.level},
         {"organisations", orgs},
         {"metrics",
          {{"organisations", s.organisations.size()},
           {"federations", c.federations},
           {"population", s.population},
           {"mean_population", m.mean_population},
           {"practices_per_organisation", m.practices_per_organisation},
           {"networks_per_organisation", number(m.networks_per_organisation)},
           {"p_overspend_5pct", m.p_overspend_5pct},
           {"cv", m.cv},
           {"reserve99_gbp", s.reserve99},
           {"management_cost_gbp", m.management_cost},
           {"management_cost_per_head_gbp", m.management_cost_per_head},
           {"engagement_proxy", m.engagement},
           {"share_population_best_buy_in", m.share_best_buy_in},
           {"share_population_remote", m.share_remote},
           {"max_provider_share", number(m.max_provider_share)},
           {"mean_abs_distance_from_target_pct", number(m.mean_abs_distance_from_target_pct)},
           {"practices_changing", s.practices_changing},
           {"people_changing", s.people_changing},
           {"organisations_merged", s.organisations_merged},
           {"running_saving_gbp", c.change.running_saving},
           {"reserve_change_gbp", c.change.reserve_change},
           {"transition_cost_gbp", c.cashflow.total_transition},
           {"dip_loss_gbp", c.cashflow.total_dip},
           {"discounted_savings_gbp", c.cashflow.discounted_savings}}},
         {"npv", c.cashflow.npv},
         {"break_even_year", c.cashflow.break_even_year
                                 ? nlohmann::json(*c.cashflow.break_even_year)
                                 : nlohmann::json(nullptr)},
         {"npv_uncertainty",
          {{"draws", c.npv_uncertainty.draws},
           {"mean", c.npv_uncertainty.mean},
           {"sd", c.npv_uncertainty.sd},
           {"standard_error", c.npv_uncertainty.standard_error},
           {"p05", c.npv_uncertainty.p05},
           {"p95", c.npv_uncertainty.p95},
           {"probability_positive", c.npv_uncertainty.probability_positive}}},
         {"cashflow", years}});
  }
  nlohmann::json tornado = nlohmann::json::array();
  for (const auto& e : r.tornado)
    tornado.push_back({{"configuration", e.configuration},
                       {"parameter", e.parameter},
                       {"low", e.low},
                       {"high", e.high},
                       {"npv_low", e.npv_low},
                       {"npv_high", e.npv_high},
                       {"best_at_low", e.best_at_low},
                       {"best_at_high", e.best_at_high},
                       {"flips", e.flips}});
  nlohmann::json params = nlohmann::json::object();
  for (const auto& p : r.parameters.all())
    params[std::string(p.name)] = {{"value", p.value}, {"low", p.low}, {"high", p.high}};
  return {{"years", r.years},   {"best", r.best},       {"configurations", configs},
          {"tornado", tornado}, {"parameters", params}, {"notes", r.notes}};
}

}  // namespace pco

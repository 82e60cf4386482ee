#include "appraisal/appraisal_json.hpp"

#include <cmath>

namespace pco {

namespace {

// NaN (a metric that does not apply) as null.
nlohmann::json number(double v) {
  return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v);
}

nlohmann::json uncertainty_json(const Uncertainty& u) {
  return {{"draws", u.draws},
          {"mean", u.mean},
          {"sd", u.sd},
          {"standard_error", u.standard_error},
          {"p05", u.p05},
          {"p95", u.p95},
          {"probability_positive", u.probability_positive}};
}

nlohmann::json views_json(const std::vector<OrganisationView>& views) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : views)
    out.push_back({{"code", v.code},
                   {"name", v.name},
                   {"population", v.population},
                   {"changed", v.changed},
                   {"successor", v.successor},
                   {"successor_name", v.successor_name},
                   {"successor_population", v.successor_population},
                   {"federation", v.federation},
                   {"people_moved", v.people_moved},
                   {"people_reorganised", v.people_reorganised},
                   {"budget_gbp", v.budget_before},
                   {"p_overspend_5pct_before", v.p_overspend_5pct_before},
                   {"p_overspend_5pct_after", v.p_overspend_5pct_after},
                   {"reserve99_before_gbp", v.reserve99_before},
                   {"reserve99_after_gbp", v.reserve99_after},
                   {"management_cost_before_gbp", v.management_cost_before},
                   {"management_cost_after_gbp", v.management_cost_after},
                   {"running_saving_gbp", v.change.running_saving},
                   {"transition_cost_gbp", v.cashflow.total_transition},
                   {"dip_loss_gbp", v.cashflow.total_dip},
                   {"npv", v.cashflow.npv},
                   {"break_even_year", v.cashflow.break_even_year
                                           ? nlohmann::json(*v.cashflow.break_even_year)
                                           : nlohmann::json(nullptr)},
                   {"npv_uncertainty", uncertainty_json(v.npv_uncertainty)}});
  return out;
}

}  // namespace

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
                      {"budget_gbp", o.budget},
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
           {"practices_moved", s.practices_moved},
           {"people_moved", s.people_moved},
           {"people_reorganised", s.people_reorganised},
           {"spend_reorganised_gbp", s.spend_reorganised},
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
         {"npv_uncertainty", uncertainty_json(c.npv_uncertainty)},
         {"cashflow", years},
         {"organisation_views", views_json(c.organisations)}});
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
  nlohmann::json out = {{"years", r.years},
                        {"best", r.best},
                        {"configurations", configs},
                        {"tornado", tornado},
                        {"parameters", params},
                        {"notes", r.notes},
                        {"budget_basis", r.budget_basis}};
  out["budget_warning"] = r.budget_warning ? nlohmann::json(*r.budget_warning) : nullptr;
  return out;
}

}  // namespace pco

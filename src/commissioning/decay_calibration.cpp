#include "commissioning/decay_calibration.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

DecayFit fit_decay_scale(const Economy& economy, const ProviderSet& providers,
                         const RttExtract& rtt, const std::string& level, ProviderKind kind,
                         RttPart part) {
  // Candidates: located providers of the kind that the extract knows.
  std::vector<std::uint32_t> candidates;
  std::map<std::uint32_t, std::size_t> slot_of_rtt;  // RTT provider → candidate slot
  for (std::size_t j = 0; j < providers.size(); ++j) {
    const auto& p = providers[j];
    if (p.kind != kind || !p.location || !(p.attraction > 0)) continue;
    if (const auto r = rtt.provider_index(p.code)) {
      slot_of_rtt[*r] = candidates.size();
      candidates.push_back(static_cast<std::uint32_t>(j));
    }
  }
  // Observed shares of each RTT commissioner over the candidates.
  const auto function = rtt.function_index(kRttAllFunctions);
  std::map<std::uint32_t, std::vector<double>> observed;
  if (function)
    for (const auto& c : rtt.counts) {
      if (c.part != part || c.function != *function) continue;
      const auto slot = slot_of_rtt.find(c.provider);
      if (slot == slot_of_rtt.end()) continue;
      auto& v = observed[c.commissioner];
      v.resize(candidates.size(), 0.0);
      v[slot->second] += c.pathways;
    }
  for (auto& [commissioner, v] : observed) {
    double total = 0;
    for (double x : v)
      total += x;
    for (double& x : v)
      x = total > 0 ? x / total : 0;
  }
  // Practices: their distances to every candidate and their commissioner's shares.
  const auto li = economy.configuration.level_index(level);
  if (!li) economy.configuration.level(level);  // throws UsageError listing the levels
  const auto& orgs = economy.configuration.levels()[*li].organisations;
  struct Row {
    double weight;
    const std::vector<double>* shares;
    std::vector<double> distance;
  };
  std::vector<Row> rows;
  const auto& practices = economy.population.practices();
  for (std::size_t p = 0; p < practices.size(); ++p) {
    const int o = economy.configuration.member_of(*li, p);
    if (o < 0 || !practices[p].location) continue;
    const auto c = rtt.commissioner_index(orgs[static_cast<std::size_t>(o)].code);
    if (!c) continue;
    const auto it = observed.find(*c);
    if (it == observed.end()) continue;
    Row row{static_cast<double>(practices[p].list_size()), &it->second, {}};
    for (const auto j : candidates)
      row.distance.push_back(distance_km(*practices[p].location, *providers[j].location));
    rows.push_back(std::move(row));
  }
  if (rows.empty() || candidates.empty())
    throw UsageError(
        fmt::format("no located {} provider and practice with RTT flows to fit the "
                    "distance decay on",
                    provider_kind_label(kind)));
  double total_weight = 0;
  for (const auto& r : rows)
    total_weight += r.weight;
  // Σ_p w_p Σ_j obs_pj log pred_pj / Σ w_p, pred ∝ attraction exp(−d/D) (D = ∞: no decay).
  const auto log_likelihood = [&](double scale) {
    double sum = 0;
    std::vector<double> w(candidates.size());
    for (const auto& r : rows) {
      double nearest = std::numeric_limits<double>::infinity();
      for (double d : r.distance)
        nearest = std::min(nearest, d);
      double total = 0;
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        const double decay =
            std::isfinite(scale) ? std::exp(-(r.distance[i] - nearest) / scale) : 1;
        w[i] = providers[candidates[i]].attraction * decay;
        total += w[i];
      }
      double row = 0;
      for (std::size_t i = 0; i < candidates.size(); ++i)
        if ((*r.shares)[i] > 0) row += (*r.shares)[i] * std::log(std::max(w[i] / total, 1e-300));
      sum += r.weight * row;
    }
    return sum / total_weight;
  };
  DecayFit fit;
  fit.practices = rows.size();
  fit.null_log_likelihood = log_likelihood(std::numeric_limits<double>::infinity());
  double best = 1;
  double best_ll = -std::numeric_limits<double>::infinity();
  for (double scale = 1; scale <= 200 * 1.0001; scale *= std::pow(200.0, 1.0 / 40)) {
    const double ll = log_likelihood(scale);
    fit.profile.emplace_back(scale, ll);
    if (ll > best_ll) {
      best_ll = ll;
      best = scale;
    }
  }
  // Golden section on log D around the best grid point.
  const double step = std::pow(200.0, 1.0 / 40);
  double lo = std::log(best / step), hi = std::log(best * step);
  const double g = (std::sqrt(5.0) - 1) / 2;
  double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
  double fa = log_likelihood(std::exp(a)), fb = log_likelihood(std::exp(b));
  for (int i = 0; i < 40; ++i) {
    if (fa > fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = log_likelihood(std::exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = log_likelihood(std::exp(b));
    }
  }
  fit.scale_km = std::exp((lo + hi) / 2);
  fit.log_likelihood = log_likelihood(fit.scale_km);
  return fit;
}

}  // namespace pco

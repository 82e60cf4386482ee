#include "commissioning/contract_risk.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>

#include <fmt/format.h>

#include "commissioning/grid_transform.hpp"
#include "parallel/parallel_for.hpp"
#include "risk/measures.hpp"
#include "risk/regrid.hpp"

namespace pco {

namespace {

// Points at which a knot's cell of x₁ is read when P(loss) is taken over it: where the margin
// crosses 0 inside a cell the reading errs by at most 1/(2·16) of the knot's mass.
constexpr int kCellPoints = 16;

// The step for a result with this sd: the risk engine's knots per sd.
double step_for(double sd, const GridSettings& grid) {
  return sd / grid.knots_per_sd;
}

double sd_of(double variance) {
  return std::sqrt(std::max(0.0, variance));
}

// How one contract's amounts depend on its two activity groups: payment g(x₁), cost
// ρ x₁ + c₂ x₂, margin h(x₁) − c₂ x₂ with h = g − ρ.
struct ContractShape {
  ContractTerms terms;
  double rho = 1;
  double c2 = 1;
  double payment(double x1) const { return terms.payment(x1); }
  double h(double x1) const { return terms.payment(x1) - rho * x1; }
};

ContractShape shape_of(const ContractTerms& terms, double cost_ratio, bool prime) {
  ContractShape s;
  s.terms = terms;
  s.rho = cost_ratio;
  // A prime contractor pays the other providers at tariff; otherwise every unit costs ρ.
  s.c2 = prime ? 1.0 : cost_ratio;
  return s;
}

// Points at which each knot's cell of x₁ is mapped through the payment or the margin: a linear
// rule maps a grid onto a grid, a cap or floor puts a kink inside some cell.
int cell_points(const ContractShape& s) {
  return s.terms.capped() ? kCellPoints : 1;
}

// The margin h(x₁) − c₂ x₂ on knots of `step`.
std::vector<AggregateDistribution> margin_parts(const ContractShape& s, const GroupDistribution& a,
                                                const GroupDistribution& b, double step) {
  std::vector<AggregateDistribution> parts;
  parts.push_back(map_distribution(
      a.distribution, step, [&](double x) { return s.h(x); }, cell_points(s)));
  if (!b.empty && s.c2 != 0) parts.push_back(scaled(b.distribution, -s.c2));
  return parts;
}

ContractResult evaluate_shape(const ContractShape& s, const GroupDistribution& a,
                              const GroupDistribution& b, const GridSettings& grid) {
  ContractResult r;
  r.terms = s.terms;
  r.expected_x1 = a.mean;
  r.sd_x1 = sd_of(a.variance);
  r.expected_x2 = b.mean;
  r.sd_x2 = sd_of(b.variance);
  const auto& t = s.terms;
  r.expected_activity = a.mean + b.mean;
  r.sd_activity = sd_of(a.variance + b.variance);
  r.variance_error_bound = a.variance_error_bound + b.variance_error_bound;
  r.expected_cost = s.rho * a.mean + s.c2 * b.mean;
  const double var_cost = s.rho * s.rho * a.variance + s.c2 * s.c2 * b.variance;
  r.sd_cost = sd_of(var_cost);
  double var_payment = 0, var_margin = 0, covariance = 0;
  r.closed_form = !t.capped();
  if (r.closed_form) {
    const double alpha = t.fixed - t.rate * t.plan;
    r.expected_payment = alpha + t.rate * a.mean;
    var_payment = t.rate * t.rate * a.variance;
    r.expected_margin = alpha + (t.rate - s.rho) * a.mean - s.c2 * b.mean;
    var_margin = (t.rate - s.rho) * (t.rate - s.rho) * a.variance + s.c2 * s.c2 * b.variance;
    covariance = s.rho * t.rate * a.variance;
  } else {
    const auto pm = transform_moments(a.distribution, [&](double x) { return s.payment(x); });
    const auto hm = transform_moments(a.distribution, [&](double x) { return s.h(x); });
    r.expected_payment = pm.mean;
    var_payment = pm.variance;
    r.expected_margin = hm.mean - s.c2 * b.mean;
    var_margin = hm.variance + s.c2 * s.c2 * b.variance;
    covariance = s.rho * pm.covariance;
  }
  r.sd_payment = sd_of(var_payment);
  r.sd_margin = sd_of(var_margin);
  r.commissioner_share = var_cost > 0 ? covariance / var_cost : 0;
  // P(h(x₁) − c₂ x₂ < 0) with both grids read as the continuous distributions they discretise,
  // as the holders' measures read theirs (docs/risk-holders.md, "Reading the grid"): each knot
  // of x₁ spreads its mass over its cell, taken at kCellPoints midpoints (h has kinks at a cap
  // or floor, and P(loss) without x₂ is a step in x₁), and x₂'s survival is read as a
  // histogram. Reading x₁ at its knots and x₂ as a step function erred by up to half a knot's
  // mass. A margin within rounding of 0 (tariff = unit cost) is no loss but an atom at 0.
  const double tol =
      1e-9 * std::max({1.0, std::fabs(t.fixed), r.expected_activity, std::fabs(t.plan)});
  const auto& x = a.distribution;
  const bool with_x2 = !b.empty && s.c2 != 0;
  const HistogramSurvival x2_above(b.distribution);
  const int points = x.size() > 1 ? kCellPoints : 1;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x.pmf[i] == 0) continue;
    double loss = 0, zero = 0;
    for (int m = 0; m < points; ++m) {
      const double h = s.h(cell_point(x, i, m, points));
      if (with_x2) {
        loss += x2_above((h + tol) / s.c2);
      } else {
        loss += h < -tol ? 1.0 : 0.0;
        zero += std::fabs(h) <= tol ? 1.0 : 0.0;
      }
    }
    r.p_loss += x.pmf[i] * loss / points;
    r.p_margin_zero += x.pmf[i] * zero / points;
  }
  if (r.sd_margin > 0) {
    const double step = step_for(r.sd_margin, grid);
    const auto margin = sum_on_step(margin_parts(s, a, b, step), step);
    r.margin_q05 = quantile(margin, 0.05);
    r.margin_q95 = quantile(margin, 0.95);
  } else {
    r.margin_q05 = r.margin_q95 = r.expected_margin;
  }
  return r;
}

// P(M < 0) for a provider's margin M = Σ M_k on `margin` (its grid), the M_k independent on the
// same step. Where every part can be exactly 0 (M_k = 0 with probability z_k: tariff = unit cost
// below a cap), M's knot at 0 mixes that atom with continuous mass on both sides, and worse, a
// single part away from 0 while the others sit at 0 leaves a density that jumps at 0 (a cap's
// margin is ≤ 0), which no reading of the knot at 0 gets right. So M is split by how many parts
// are away from 0: none (probability Π z, no loss); exactly part k (Π_{j≠k} z_j (1 − z_k), and
// then a loss with the contract's own P(loss | M_k ≠ 0) = p_k / (1 − z_k), taken without a
// grid for the sum); two or more, whose density is continuous at 0, read as a histogram (half
// the knot at 0 below it). Without atoms (z = 0 for some part) only the last term is left.
double provider_loss(const AggregateDistribution& margin,
                     const std::vector<const AggregateDistribution*>& parts,
                     const std::vector<double>& z, const std::vector<double>& p) {
  const std::size_t n = parts.size();
  std::vector<double> others(n, 1.0);  // Π_{j≠k} z_j, by prefix and suffix products
  double prefix = 1;
  for (std::size_t k = 0; k < n; ++k) {
    others[k] = prefix;
    prefix *= z[k];
  }
  double suffix = 1;
  for (std::size_t k = n; k-- > 0;) {
    others[k] *= suffix;
    suffix *= z[k];
  }
  auto rest = margin.pmf;
  const auto at = [&](std::int64_t knot) -> double* {
    const auto i = knot - margin.first;
    return i >= 0 && i < static_cast<std::int64_t>(rest.size()) ? &rest[static_cast<std::size_t>(i)]
                                                                : nullptr;
  };
  double loss = 0;
  if (auto* zero = at(0)) *zero -= prefix;  // all parts at 0
  for (std::size_t k = 0; k < n; ++k) {
    if (!(others[k] > 0)) continue;
    loss += others[k] * p[k];
    const auto& part = *parts[k];
    for (std::size_t i = 0; i < part.size(); ++i)
      if (auto* cell = at(part.first + static_cast<std::int64_t>(i)))
        *cell -= others[k] * part.pmf[i];
    if (auto* zero = at(0)) *zero += others[k] * z[k];
  }
  for (std::int64_t knot = margin.first; knot < 0; ++knot)
    if (const auto* cell = at(knot)) loss += std::max(0.0, *cell);
  if (const auto* zero = at(0)) loss += 0.5 * std::max(0.0, *zero);
  return loss;
}

RiskMeasures certain(double value, double budget) {
  return risk_measures(point_mass(value), budget);
}

}  // namespace

ContractResult evaluate_contract(const ContractTerms& terms, double cost_ratio, bool prime,
                                 const GroupDistribution& x1, const GroupDistribution& x2,
                                 const GridSettings& grid) {
  return evaluate_shape(shape_of(terms, cost_ratio, prime), x1, x2, grid);
}

const Severity& SeverityTable::at(const ServiceModel& model, std::size_t service, double scale) {
  if (scale == 1) return model.services[service].severity;
  const std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = scaled_[{service, scale}];
  if (!slot) slot = std::make_unique<Severity>(model.services[service].severity.scaled(scale));
  return *slot;
}

GroupMoments group_moments(const ServiceModel& model, const ActivityGroup& group) {
  GroupMoments m;
  for (const auto& part : group.parts) {
    const auto& service = model.services[part.service];
    const double m1 = service.severity.raw_moment(1) * part.price_scale;
    const double m2 = service.severity.raw_moment(2) * part.price_scale * part.price_scale;
    m.mean += part.events * m1;
    m.variance += part.events * (m2 + service.phi * m1 * m1);
  }
  return m;
}

GroupDistribution group_distribution(const ServiceModel& model, const ActivityGroup& group,
                                     SeverityTable& severities, const GridSettings& grid,
                                     RiskWorkspace& workspace) {
  GroupDistribution d;
  if (group.empty()) {
    d.distribution = point_mass(0);
    return d;
  }
  std::vector<CostComponent> components;
  for (const auto& part : group.parts) {
    const auto& service = model.services[part.service];
    components.push_back({part.price_scale == 1
                              ? service.name
                              : fmt::format("{} x{:g}", service.name, part.price_scale),
                          service_frequency(service, part.events),
                          severities.at(model, part.service, part.price_scale)});
  }
  auto cost = cost_distribution(components, grid, 0, &workspace);
  d.distribution = std::move(cost.distribution);
  d.mean = cost.exact_mean;
  d.variance = cost.exact_variance;
  d.variance_error_bound = cost.variance_error_bound;
  d.empty = false;
  return d;
}

std::vector<ContractTerms> price_contracts(const ServiceModel& model, const ContractSet& set,
                                           const ActivityLayout& layout,
                                           const std::vector<ContractSpec>& specs) {
  std::vector<ContractTerms> terms;
  for (std::size_t k = 0; k < set.contracts.size(); ++k) {
    const auto& c = set.contracts[k];
    terms.push_back(price_contract(c.spec ? &specs[*c.spec] : nullptr, c,
                                   layout.x1[k].expected(model), layout.x2[k].expected(model)));
  }
  return terms;
}

CommissioningState evaluate_contracts(const ServiceModel& model, const ProviderSet& providers,
                                      const ContractSet& set, const ActivityLayout& layout,
                                      const std::vector<ContractTerms>& terms,
                                      const std::vector<double>& budgets,
                                      const ContractRiskOptions& options) {
  const std::size_t nc = set.contracts.size();
  const std::size_t nh = set.holders.size();
  const std::size_t np = providers.size();
  std::vector<ContractShape> shapes(nc);
  for (std::size_t k = 0; k < nc; ++k)
    shapes[k] = shape_of(terms[k], providers[set.contracts[k].provider].cost_ratio,
                         is_prime(set.contracts[k].payment));
  std::vector<std::vector<std::size_t>> of_provider(np), of_holder(nh);
  for (std::size_t k = 0; k < nc; ++k) {
    of_provider[set.contracts[k].provider].push_back(k);
    of_holder[set.contracts[k].holder].push_back(k);
  }
  // The steps of the holders' and providers' totals (sd / knots_per_sd), known before the
  // contracts are computed so that each contract's share can be put on them as soon as it is
  // computed and its own fine grids dropped. The variances are the closed forms, except for a
  // capped or floored contract, whose payment and margin vary differently from their uncapped
  // forms (an activity contract at tariff = unit cost has no margin at all until the cap
  // binds): those are computed first, exactly on the grid, and computed again below.
  SeverityTable severities;
  const unsigned workers = worker_count(options.threads, std::max({nc, nh, np, std::size_t{1}}));
  std::vector<RiskWorkspace> workspaces(workers);
  std::vector<std::size_t> capped;
  for (std::size_t k = 0; k < nc; ++k)
    if (shapes[k].terms.capped()) capped.push_back(k);
  std::vector<ContractResult> capped_moments(capped.size());
  parallel_for(capped.size(), options.threads, [&](std::size_t i, unsigned worker) {
    const auto k = capped[i];
    const auto a =
        group_distribution(model, layout.x1[k], severities, options.grid, workspaces[worker]);
    const auto b =
        group_distribution(model, layout.x2[k], severities, options.grid, workspaces[worker]);
    capped_moments[i] = evaluate_shape(shapes[k], a, b, options.grid);
  });
  std::vector<double> holder_var(nh, 0.0), provider_var(np, 0.0);
  for (std::size_t k = 0, i = 0; k < nc; ++k) {
    double payment_var = 0, margin_var = 0;
    if (i < capped.size() && capped[i] == k) {
      payment_var = capped_moments[i].sd_payment * capped_moments[i].sd_payment;
      margin_var = capped_moments[i].sd_margin * capped_moments[i].sd_margin;
      ++i;
    } else {
      const auto a = group_moments(model, layout.x1[k]);
      const auto b = group_moments(model, layout.x2[k]);
      const auto& s = shapes[k];
      const double beta = s.terms.rate;
      payment_var = beta * beta * a.variance;
      margin_var = (beta - s.rho) * (beta - s.rho) * a.variance + s.c2 * s.c2 * b.variance;
    }
    holder_var[set.contracts[k].holder] += payment_var;
    provider_var[set.contracts[k].provider] += margin_var;
  }
  std::vector<GroupMoments> holder_tariff(nh), provider_tariff(np);
  for (std::size_t h = 0; h < nh; ++h) {
    holder_tariff[h] = group_moments(model, layout.holder_tariff[h]);
    holder_var[h] += holder_tariff[h].variance;
  }
  for (std::size_t j = 0; j < np; ++j) {
    provider_tariff[j] = group_moments(model, layout.provider_tariff[j]);
    const double rho = providers[j].cost_ratio;
    provider_var[j] += (1 - rho) * (1 - rho) * provider_tariff[j].variance;
  }
  const auto holder_step = [&](std::size_t h) {
    return step_for(sd_of(holder_var[h]), options.grid);
  };
  const auto provider_step = [&](std::size_t j) {
    return step_for(sd_of(provider_var[j]), options.grid);
  };

  CommissioningState state;
  state.contracts.resize(nc);
  std::vector<AggregateDistribution> payment_part(nc), margin_part(nc);
  parallel_for(nc, options.threads, [&](std::size_t k, unsigned worker) {
    const auto a =
        group_distribution(model, layout.x1[k], severities, options.grid, workspaces[worker]);
    const auto b =
        group_distribution(model, layout.x2[k], severities, options.grid, workspaces[worker]);
    const auto& s = shapes[k];
    auto& r = state.contracts[k];
    const auto c = std::lower_bound(capped.begin(), capped.end(), k);
    r = c != capped.end() && *c == k
            ? std::move(capped_moments[static_cast<std::size_t>(c - capped.begin())])
            : evaluate_shape(s, a, b, options.grid);
    r.expected_own_activity = is_prime(set.contracts[k].payment) ? a.mean : a.mean + b.mean;
    if (const double step = holder_step(set.contracts[k].holder); step > 0)
      payment_part[k] = map_distribution(
          a.distribution, step, [&](double v) { return s.payment(v); }, cell_points(s));
    if (const double step = provider_step(set.contracts[k].provider); step > 0)
      margin_part[k] = sum_on_step(margin_parts(s, a, b, step), step);
    if (options.keep_distributions) {
      r.x1 = a.distribution;
      r.x2 = b.distribution;
    }
  });

  // Providers: their contracts and their income at tariff, all independent.
  std::vector<std::size_t> active;
  for (std::size_t j = 0; j < np; ++j)
    if (!of_provider[j].empty() || !layout.provider_tariff[j].empty()) active.push_back(j);
  state.providers.resize(active.size());
  parallel_for(active.size(), options.threads, [&](std::size_t i, unsigned worker) {
    const auto j = active[i];
    const double rho = providers[j].cost_ratio;
    const auto& t = provider_tariff[j];
    auto& r = state.providers[i];
    r.provider = static_cast<std::uint32_t>(j);
    r.contracts = of_provider[j].size();
    double var_income = t.variance, var_margin = (1 - rho) * (1 - rho) * t.variance;
    r.expected_tariff_income = t.mean;
    r.expected_margin = (1 - rho) * t.mean;
    for (const auto k : of_provider[j]) {
      const auto& c = state.contracts[k];
      r.expected_contract_income += c.expected_payment;
      r.expected_margin += c.expected_margin;
      var_income += c.sd_payment * c.sd_payment;
      var_margin += c.sd_margin * c.sd_margin;
    }
    r.expected_income = r.expected_contract_income + r.expected_tariff_income;
    r.expected_cost = r.expected_income - r.expected_margin;
    r.sd_income = sd_of(var_income);
    r.sd_margin = sd_of(var_margin);
    // One contract and no margin at tariff (none paid, or tariff = unit cost): the provider's
    // margin is the contract's, whose P(loss) was taken without a grid for the sum.
    if (r.contracts == 1 && (layout.provider_tariff[j].empty() || rho == 1)) {
      const auto& c = state.contracts[of_provider[j].front()];
      r.p_loss = c.p_loss;
      r.margin_q05 = c.margin_q05;
      return;
    }
    const double step = provider_step(j);
    if (!(r.sd_margin > 0) || !(step > 0)) {
      r.p_loss = r.expected_margin < -1e-9 * std::max(1.0, r.expected_income) ? 1.0 : 0.0;
      r.margin_q05 = r.expected_margin;
      return;
    }
    std::vector<AggregateDistribution> parts;
    for (const auto k : of_provider[j])
      parts.push_back(margin_part[k]);
    if (!layout.provider_tariff[j].empty() && rho != 1) {
      const auto d = group_distribution(model, layout.provider_tariff[j], severities, options.grid,
                                        workspaces[worker]);
      parts.push_back(regrid(scaled(d.distribution, 1 - rho), step));
    }
    const auto margin = sum_on_step(parts, step);
    std::vector<const AggregateDistribution*> of_parts;
    std::vector<double> zero, loss;
    for (const auto k : of_provider[j]) {
      of_parts.push_back(&margin_part[k]);
      zero.push_back(state.contracts[k].p_margin_zero);
      loss.push_back(state.contracts[k].p_loss);
    }
    if (parts.size() > of_parts.size()) {  // the margin at tariff (1 − ρ) T: no atom at 0
      const auto& t = parts.back();
      of_parts.push_back(&t);
      zero.push_back(0);
      loss.push_back(t.total() - histogram_exceedance(t, 0));
    }
    r.p_loss = provider_loss(margin, of_parts, zero, loss);
    r.margin_q05 = quantile(margin, 0.05);
  });

  // Budget holders: every contract's payment and the activity outside contracts, independent.
  state.commissioners.resize(nh);
  parallel_for(nh, options.threads, [&](std::size_t h, unsigned worker) {
    auto& r = state.commissioners[h];
    r.holder = h;
    r.contracts = of_holder[h].size();
    const auto all = group_distribution(model, layout.holder_all[h], severities, options.grid,
                                        workspaces[worker]);
    r.budget = h < budgets.size() ? budgets[h] : all.mean;
    r.expected_at_tariff = all.mean;
    r.exact_sd_at_tariff = sd_of(all.variance);
    r.at_tariff = all.empty ? certain(0, r.budget) : risk_measures(all.distribution, r.budget);
    const auto& t = holder_tariff[h];
    r.expected_tariff_payment = t.mean;
    double variance = t.variance;
    for (const auto k : of_holder[h]) {
      r.expected_contract_payment += state.contracts[k].expected_payment;
      variance += state.contracts[k].sd_payment * state.contracts[k].sd_payment;
    }
    r.exact_sd_with_contracts = sd_of(variance);
    const double expected = r.expected_contract_payment + r.expected_tariff_payment;
    const auto tariff = group_distribution(model, layout.holder_tariff[h], severities, options.grid,
                                           workspaces[worker]);
    if (options.keep_distributions) r.tariff_distribution = tariff.distribution;
    const double step = holder_step(h);
    if (!(variance > 0) || !(step > 0)) {
      r.with_contracts = certain(expected, r.budget);
      return;
    }
    std::vector<AggregateDistribution> parts;
    for (const auto k : of_holder[h])
      parts.push_back(payment_part[k]);
    if (!tariff.empty) parts.push_back(tariff.distribution);
    r.with_contracts = risk_measures(sum_on_step(parts, step), r.budget);
  });
  return state;
}

}  // namespace pco

#include "allocation/weighted_need.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

double WeightedNeed::weighted(std::size_t practice, WpColumn column) const {
  const int r = row[practice];
  if (r < 0) return 0;
  return table->rows[static_cast<std::size_t>(r)].wp[static_cast<std::size_t>(column)] *
         scale[practice];
}

double WeightedNeed::index(std::size_t practice, WpColumn column) const {
  const int r = row[practice];
  if (r < 0) return 1;
  const auto& w = table->rows[static_cast<std::size_t>(r)];
  return w.population > 0 ? w.wp[static_cast<std::size_t>(column)] / w.population : 1;
}

WeightedNeed match_weighted_need(std::shared_ptr<const WeightedPopulations> table,
                                 const Population& population, bool population_is_file) {
  WeightedNeed need;
  need.table = std::move(table);
  const auto& practices = population.practices();
  need.row.assign(practices.size(), -1);
  need.scale.assign(practices.size(), 1.0);
  std::vector<bool> used(need.table->rows.size(), false);
  for (std::size_t p = 0; p < practices.size(); ++p) {
    const auto* r = need.table->find(practices[p].code);
    if (r == nullptr) continue;
    const auto index = static_cast<std::size_t>(r - need.table->rows.data());
    need.row[p] = static_cast<int>(index);
    used[index] = true;
    ++need.matched;
    need.matched_patients += practices[p].list_size();
    if (!population_is_file && r->population > 0)
      need.scale[p] = static_cast<double>(practices[p].list_size()) / r->population;
  }
  need.file_rows_unmatched = static_cast<std::size_t>(std::count(used.begin(), used.end(), false));
  return need;
}

const std::vector<WpColumn>& core_need_columns() {
  static const std::vector<WpColumn> columns = {
      WpColumn::general_and_acute, WpColumn::community,           WpColumn::mental_health,
      WpColumn::maternity,         WpColumn::health_inequalities, WpColumn::prescribing};
  return columns;
}

std::vector<double> solve_spd(std::vector<double> a, std::vector<double> b) {
  const auto n = b.size();
  // Cholesky: a = L Lᵀ, L stored in the lower triangle of a.
  for (std::size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (std::size_t k = 0; k < j; ++k)
      d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0)) throw UsageError("least squares: the components are linearly dependent");
    const double l = std::sqrt(d);
    a[j * n + j] = l;
    for (std::size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (std::size_t k = 0; k < j; ++k)
        s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / l;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {  // L y = b
    for (std::size_t k = 0; k < i; ++k)
      b[i] -= a[i * n + k] * b[k];
    b[i] /= a[i * n + i];
  }
  for (std::size_t i = n; i-- > 0;) {  // Lᵀ x = y
    for (std::size_t k = i + 1; k < n; ++k)
      b[i] -= a[k * n + i] * b[k];
    b[i] /= a[i * n + i];
  }
  return b;
}

ImpliedStructure implied_core_structure(const WeightedPopulations& table, int max_iterations,
                                        double tolerance) {
  ImpliedStructure out;
  out.components = core_need_columns();
  const auto k = out.components.size();
  const auto& rows = table.rows;
  std::unordered_map<std::string, std::size_t> group_of;
  std::vector<std::size_t> group(rows.size());
  for (std::size_t p = 0; p < rows.size(); ++p)
    group[p] = group_of.emplace(rows[p].icb, group_of.size()).first->second;
  const auto final_col = static_cast<std::size_t>(WpColumn::core_overall);
  const auto x = [&](std::size_t p, std::size_t c) {
    return rows[p].wp[static_cast<std::size_t>(out.components[c])];
  };
  std::vector<double> m(group_of.size(), 1.0), s(k, 1.0 / static_cast<double>(k));
  std::vector<double> fitted(rows.size());
  double last_ss = -1;
  for (out.iterations = 1; out.iterations <= max_iterations; ++out.iterations) {
    std::vector<double> a(k * k, 0), b(k, 0);
    for (std::size_t p = 0; p < rows.size(); ++p) {
      const double mp = m[group[p]];
      for (std::size_t i = 0; i < k; ++i) {
        const double xi = mp * x(p, i);
        b[i] += xi * rows[p].wp[final_col];
        for (std::size_t j = 0; j <= i; ++j)
          a[i * k + j] += xi * mp * x(p, j);
      }
    }
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = i + 1; j < k; ++j)
        a[i * k + j] = a[j * k + i];
    s = solve_spd(std::move(a), std::move(b));
    std::vector<double> yl(m.size(), 0), ll(m.size(), 0);
    for (std::size_t p = 0; p < rows.size(); ++p) {
      double l = 0;
      for (std::size_t c = 0; c < k; ++c)
        l += s[c] * x(p, c);
      fitted[p] = l;
      yl[group[p]] += rows[p].wp[final_col] * l;
      ll[group[p]] += l * l;
    }
    double ss = 0;
    for (std::size_t g = 0; g < m.size(); ++g)
      m[g] = ll[g] > 0 ? yl[g] / ll[g] : 1.0;
    for (std::size_t p = 0; p < rows.size(); ++p) {
      const double r = rows[p].wp[final_col] - m[group[p]] * fitted[p];
      ss += r * r;
    }
    if (last_ss >= 0 && std::abs(last_ss - ss) <= tolerance * std::max(1.0, last_ss)) break;
    last_ss = ss;
  }
  out.iterations = std::min(out.iterations, max_iterations);
  double sum = 0;
  for (const auto v : s)
    sum += v;
  for (auto& v : s)
    v /= sum;
  out.shares = s;
  // Exact per-ICB ratios, so every ICB's rebuilt core weighted population is NHS England's.
  std::vector<double> y_sum(m.size(), 0), l_sum(m.size(), 0);
  for (std::size_t p = 0; p < rows.size(); ++p) {
    double l = 0;
    for (std::size_t c = 0; c < k; ++c)
      l += s[c] * x(p, c);
    fitted[p] = l;
    y_sum[group[p]] += rows[p].wp[final_col];
    l_sum[group[p]] += l;
  }
  std::vector<double> factor(m.size());
  for (std::size_t g = 0; g < m.size(); ++g)
    factor[g] = l_sum[g] > 0 ? y_sum[g] / l_sum[g] : 1.0;
  // pco shares each component's money by that component's adjusted weighted population
  // (W_c = m × WP_c, normalised per component), so the factors are calibrated until every
  // ICB's rebuilt total N Σ_c s_c W_c(ICB) / Σ W_c equals NHS England's overall total.
  double national = 0;
  for (const auto v : y_sum)
    national += v;
  for (int round = 0; round < 100; ++round) {
    std::vector<double> comp_total(k, 0);
    std::vector<std::vector<double>> by_group(m.size(), std::vector<double>(k, 0));
    for (std::size_t p = 0; p < rows.size(); ++p)
      for (std::size_t c = 0; c < k; ++c) {
        by_group[group[p]][c] += x(p, c);
        comp_total[c] += factor[group[p]] * x(p, c);
      }
    double worst = 0;
    for (std::size_t g = 0; g < m.size(); ++g) {
      double rebuilt = 0;
      for (std::size_t c = 0; c < k; ++c)
        if (comp_total[c] > 0)
          rebuilt += national * s[c] * factor[g] * by_group[g][c] / comp_total[c];
      if (!(rebuilt > 0)) continue;
      worst = std::max(worst, std::abs(rebuilt - y_sum[g]) / y_sum[g]);
      factor[g] *= y_sum[g] / rebuilt;
    }
    if (worst < 1e-13) break;
  }
  for (const auto& [code, g] : group_of)
    out.icb_factor[code] = factor[g];
  double mean = 0;
  for (const auto& r : rows)
    mean += r.wp[final_col];
  mean /= static_cast<double>(std::max<std::size_t>(rows.size(), 1));
  double ss_res = 0, ss_tot = 0;
  for (std::size_t p = 0; p < rows.size(); ++p) {
    const double y = rows[p].wp[final_col];
    const double f = fitted[p] * (l_sum[group[p]] > 0 ? y_sum[group[p]] / l_sum[group[p]] : 1.0);
    ss_res += (y - f) * (y - f);
    ss_tot += (y - mean) * (y - mean);
    if (y >= 1000) out.max_relative_error = std::max(out.max_relative_error, std::abs(f - y) / y);
  }
  out.r_squared = ss_tot > 0 ? 1 - ss_res / ss_tot : 1;
  return out;
}

}  // namespace pco

#include "sim/simulation.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <mutex>

#include "core/error.hpp"
#include "core/random.hpp"
#include "parallel/parallel_for.hpp"
#include "risk/alias_table.hpp"
#include "risk/factor_mix.hpp"
#include "risk/monte_carlo.hpp"

namespace pco {

namespace {

// A mean-1 lognormal factor with coefficient of variation `cv` (1 when cv = 0): the same family
// as the exact risk's (risk/total_cost.hpp), so that the two agree.
double lognormal_factor(RandomStream& random, double cv) {
  if (!(cv > 0)) return 1.0;
  const double sigma = lognormal_sigma(cv);
  return std::exp(sigma * random.normal() - 0.5 * sigma * sigma);
}

void draw_shocks(RandomStream random, double cv, int years, double* out) {
  for (int y = 0; y < years; ++y)
    out[y] = lognormal_factor(random, cv);
}

// What every holder's draws share: growth factors and the year shocks of replicates
// [first, first + count), national then one group per region, stored
// [(group × years + year) × count + replicate − first] so a holder's pass over the replicates
// reads them in order.
struct Prepared {
  std::vector<double> demand_factor;  // (1 + g_d)^y
  std::vector<double> budget_factor;  // (1 + g_b)^y, y = 0 … years (one beyond, for the caps)
  std::uint64_t first = 0;
  std::uint64_t count = 0;
  std::vector<double> shocks;
  const double* shock(std::size_t group, int year) const {
    return shocks.data() + (group * static_cast<std::size_t>(demand_factor.size() - 1) +
                            static_cast<std::size_t>(year)) *
                               count;
  }
};

Prepared prepare(const SimulationInput& input, const SimulationSettings& settings,
                 std::uint64_t first, std::uint64_t count) {
  Prepared p;
  for (const auto& h : input.holders) {
    if (h.distribution.pmf.empty() && !input.distributions)
      throw UsageError("simulation: holder " + h.code + " has no cost distribution");
    for (const auto& c : h.contracts)
      if (c.activity.pmf.empty())
        throw UsageError("simulation: a contract of holder " + h.code + " has no distribution");
  }
  for (int y = 0; y <= settings.years; ++y) {
    p.demand_factor.push_back(std::pow(1 + settings.demand_growth, y));
    p.budget_factor.push_back(std::pow(1 + settings.budget_growth, y));
  }
  p.first = first;
  p.count = count;
  const auto years = static_cast<std::size_t>(settings.years);
  const std::size_t groups = input.regions.size() + 1;
  p.shocks.resize(groups * years * count);
  std::vector<double> one(years);
  for (std::uint64_t r = 0; r < count; ++r) {
    for (std::size_t g = 0; g < groups; ++g) {
      if (g == 0)
        draw_shocks(RandomStream(settings.seed, first + r, kNationalShockEntity, kShockStream),
                    settings.shock_cv, settings.years, one.data());
      else
        draw_shocks(
            RandomStream(settings.seed, first + r, kRegionalShockEntity + (g - 1), kShockStream),
            settings.regional_shock_cv, settings.years, one.data());
      for (std::size_t y = 0; y < years; ++y)
        p.shocks[(g * years + y) * count + r] = one[y];
    }
  }
  return p;
}

// One holder's draws for the prepared replicates, stored [year × count + replicate − first].
struct HolderDraws {
  std::vector<double> cost;     // C_y, £
  std::vector<double> outturn;  // (C_y − A_y) / B_y
  std::vector<double> deficit;  // cumulative deficit after year y, £
  RiskWorkspace workspace;      // for SimulationInput::distributions
};

// A draw from a grid read as the continuous distribution it discretises, as pco risk reads it
// (docs/risk-holders.md, "Reading the grid"): anywhere in the drawn knot's cell, at `position`
// (uniform in [0, 1)). Drawing the knot itself gave the step function's probabilities, off by
// up to half a knot's mass. Never below 0: costs and activity are not negative (the knot at 0
// is P(no cases) and what rounds there from [0, step/2)).
double within_cell(const AggregateDistribution& d, std::size_t knot, double position) {
  if (d.size() == 1) return d.knot(knot);
  return std::max(0.0, d.knot(knot) + (position - 0.5) * d.step);
}

// Replicate-major within the holder: its alias table (built here, dropped after) stays in
// cache for every draw, and its stream (seed, replicate, holder, cost) gives `years` draws.
void simulate_holder(const SimulationInput& input, const SimulationSettings& settings,
                     const Prepared& p, std::size_t h, HolderDraws& out) {
  const int years = settings.years;
  const auto& holder = input.holders[h];
  AggregateDistribution computed;
  if (holder.distribution.pmf.empty()) {
    computed = input.distributions(h, out.workspace);
    if (computed.pmf.empty())
      throw UsageError("simulation: holder " + holder.code + " has no cost distribution");
  }
  const AggregateDistribution& distribution =
      holder.distribution.pmf.empty() ? computed : holder.distribution;
  const AliasTable table(distribution.pmf);
  std::vector<AliasTable> contract_tables;
  for (const auto& c : holder.contracts)
    contract_tables.emplace_back(c.activity.pmf);
  const std::size_t size = static_cast<std::size_t>(years) * p.count;
  // Every element is written below: resize, never zero a fresh buffer.
  out.cost.resize(size);
  out.outturn.resize(size);
  out.deficit.resize(size);
  const std::size_t region =
      holder.region >= 0 ? static_cast<std::size_t>(holder.region) + 1 : std::size_t{0};
  for (std::uint64_t r = 0; r < p.count; ++r) {
    // The holder's formula error: drawn once per replicate, kept for all its years.
    RandomStream formula(settings.seed, p.first + r, h, kFormulaStream);
    const double formula_factor = lognormal_factor(formula, holder.formula_sd);
    RandomStream random(settings.seed, p.first + r, h, kCostStream);
    double carried = 0;
    double written_off = 0;
    for (int y = 0; y < years; ++y) {
      const auto i = static_cast<std::size_t>(y) * p.count + r;
      const auto [knot, position] = table.sample_with_position(random);
      const double base = within_cell(distribution, knot, position);
      double gross = base * formula_factor * p.demand_factor[y] * p.shock(0, y)[r];
      if (region != 0) gross *= p.shock(region, y)[r];
      // Each contract's payment on its own draw of activity (grown, shocked and off the formula
      // like all the holder's demand), its terms uplifted with the budget
      // (docs/commissioning.md).
      const double demand = formula_factor * p.demand_factor[y] * p.shock(0, y)[r] *
                            (region != 0 ? p.shock(region, y)[r] : 1.0);
      const double g = p.budget_factor[y];
      for (std::size_t k = 0; k < holder.contracts.size(); ++k) {
        const auto& c = holder.contracts[k];
        RandomStream draw(
            settings.seed, p.first + r, h,
            kContractStream + k + static_cast<std::size_t>(y) * holder.contracts.size());
        const auto [unit, at] = contract_tables[k].sample_with_position(draw);
        const double x = within_cell(c.activity, unit, at) * demand;
        gross += std::clamp(g * c.fixed + c.rate * (x - g * c.plan), g * c.floor, g * c.cap);
      }
      const double budget = holder.budget * p.budget_factor[y];
      const double next = holder.budget * p.budget_factor[y + 1];
      const auto o = advance_year(input.rules, gross, budget, next, carried, written_off);
      carried = o.carried;
      written_off += o.written_off;
      out.cost[i] = o.cost;
      out.outturn[i] = budget > 0 ? (o.cost - o.available) / budget : 0.0;
      out.deficit[i] = o.cumulative_deficit;
    }
  }
}

double sample_mean(const double* x, std::size_t n) {
  double s = 0;
  for (std::size_t i = 0; i < n; ++i)
    s += x[i];
  return s / static_cast<double>(n);
}

// Mean ± sd/√N and sd ± its delta-method standard error √((m4 − s⁴)/N) / (2 s).
std::pair<Estimate, Estimate> mean_and_sd(const double* x, std::size_t n) {
  const double mean = sample_mean(x, n);
  double m2 = 0;
  double m4 = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = (x[i] - mean) * (x[i] - mean);
    m2 += d;
    m4 += d * d;
  }
  const double nn = static_cast<double>(n);
  const double var = n > 1 ? m2 / (nn - 1) : 0.0;
  const double sd = std::sqrt(var);
  const double sd_se = sd > 0 ? std::sqrt(std::max(0.0, m4 / nn - var * var) / nn) / (2 * sd) : 0;
  return {{mean, sd / std::sqrt(nn)}, {sd, sd_se}};
}

Estimate proportion(std::uint64_t hits, std::size_t n) {
  const double p = static_cast<double>(hits) / static_cast<double>(n);
  return {p, proportion_se(p, n)};
}

}  // namespace

namespace {

// Puts the order statistics of [first, last) at the 0-based positions ranks (ascending, into
// `base`) where a full sort would put them: the middle rank by nth_element, then each side
// recursively, O(N log ranks).
void select_ranks(double* base, double* first, double* last, const std::size_t* rank_first,
                  const std::size_t* rank_last) {
  if (rank_first == rank_last || first >= last) return;
  const std::size_t* mid = rank_first + (rank_last - rank_first) / 2;
  double* nth = base + *mid;
  std::nth_element(first, nth, last);
  select_ranks(base, first, nth, rank_first, mid);
  select_ranks(base, nth + 1, last, mid + 1, rank_last);
}

// The order statistics at `ranks` (ascending, distinct) of `values` (reordered). A histogram of
// equal-width buckets between the smallest and largest value says which bucket holds each rank
// and where in it, so only those buckets' values are gathered and selected: two passes over the
// sample instead of one nth_element per level of the ranks' bisection. The values are the same
// as a full sort's (an order statistic does not depend on how it is found).
std::vector<double> order_statistics(std::vector<double>& values,
                                     const std::vector<std::size_t>& ranks) {
  constexpr std::size_t kBuckets = 1024;
  std::vector<double> out(ranks.size());
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  const double lo = *low;
  const double width = *high - lo;
  if (values.size() < 4 * kBuckets || !(width > 0) || !std::isfinite(width)) {
    select_ranks(values.data(), values.data(), values.data() + values.size(), ranks.data(),
                 ranks.data() + ranks.size());
    for (std::size_t i = 0; i < ranks.size(); ++i)
      out[i] = values[ranks[i]];
    return out;
  }
  const double scale = static_cast<double>(kBuckets) / width;
  const auto bucket_of = [&](double x) {
    return std::min(kBuckets - 1, static_cast<std::size_t>((x - lo) * scale));
  };
  std::vector<std::size_t> start(kBuckets + 1, 0);
  for (double x : values)
    ++start[bucket_of(x) + 1];
  for (std::size_t b = 0; b < kBuckets; ++b)
    start[b + 1] += start[b];
  // The bucket of each rank (ranks ascending, so the search moves forward only).
  std::vector<std::size_t> bucket(ranks.size());
  std::vector<int> slot(kBuckets, -1);  // index into `gathered` of each wanted bucket
  std::vector<std::vector<double>> gathered;
  std::size_t b = 0;
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    while (start[b + 1] <= ranks[i])
      ++b;
    bucket[i] = b;
    if (slot[b] < 0) {
      slot[b] = static_cast<int>(gathered.size());
      gathered.emplace_back();
      gathered.back().reserve(start[b + 1] - start[b]);
    }
  }
  for (double x : values)
    if (const int k = slot[bucket_of(x)]; k >= 0)
      gathered[static_cast<std::size_t>(k)].push_back(x);
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    auto& v = gathered[static_cast<std::size_t>(slot[bucket[i]])];
    const auto nth = v.begin() + static_cast<std::ptrdiff_t>(ranks[i] - start[bucket[i]]);
    std::nth_element(v.begin(), nth, v.end());
    out[i] = *nth;
  }
  return out;
}

}  // namespace

std::vector<Estimate> quantile_estimates(std::vector<double>& values,
                                         const std::vector<double>& ps) {
  const std::size_t n = values.size();
  std::vector<Estimate> estimates(ps.size());
  if (n == 0) return estimates;
  const double nn = static_cast<double>(n);
  // 0-based position of the order statistic x_(⌈k⌉), clamped to the sample.
  const auto position = [&](double k) {
    const auto i = static_cast<std::int64_t>(std::ceil(k)) - 1;
    return static_cast<std::size_t>(
        std::clamp<std::int64_t>(i, 0, static_cast<std::int64_t>(n) - 1));
  };
  std::vector<std::array<std::size_t, 3>> wanted;
  std::vector<std::size_t> ranks;
  for (double p : ps) {
    const double half = std::sqrt(nn * p * (1 - p));
    wanted.push_back({position(nn * p - half), position(nn * p), position(nn * p + half)});
    ranks.insert(ranks.end(), wanted.back().begin(), wanted.back().end());
  }
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  const auto order = order_statistics(values, ranks);
  const auto at_rank = [&](std::size_t r) {
    return order[static_cast<std::size_t>(std::lower_bound(ranks.begin(), ranks.end(), r) -
                                          ranks.begin())];
  };
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const auto& [lo, at, hi] = wanted[i];
    estimates[i] = {at_rank(at), (at_rank(hi) - at_rank(lo)) / 2};
  }
  return estimates;
}

namespace {

// One holder's rows, years in order, from its draws of replicates [0, n) in replicate order,
// stored [year × n + replicate].
std::vector<HolderYear> summarise_holder(const SimulationHolder& holder,
                                         const SimulationSettings& settings, const double* costs,
                                         const double* outturns, const double* deficits,
                                         std::size_t n) {
  std::vector<char> any(n, 0);
  std::vector<double> sorted(n);
  std::vector<HolderYear> rows;
  for (int y = 0; y < settings.years; ++y) {
    HolderYear row;
    row.code = holder.code;
    row.year = y + 1;
    row.budget = holder.budget * std::pow(1 + settings.budget_growth, y);
    const auto at = static_cast<std::size_t>(y) * n;
    std::tie(row.cost_mean, row.cost_sd) = mean_and_sd(costs + at, n);
    sorted.assign(costs + at, costs + at + n);
    const auto c = quantile_estimates(sorted, {0.05, 0.25, 0.50, 0.75, 0.95});
    std::copy(c.begin(), c.end(), row.cost_quantiles.begin());
    const double* outturn = outturns + at;
    row.outturn_mean = mean_and_sd(outturn, n).first;
    std::uint64_t over = 0;
    std::uint64_t over5 = 0;
    std::uint64_t ever = 0;
    for (std::size_t r = 0; r < n; ++r) {
      over += outturn[r] > 0 ? 1 : 0;
      over5 += outturn[r] > 0.05 ? 1 : 0;
      any[r] = static_cast<char>(any[r] || outturn[r] > 0);
      ever += any[r] ? 1 : 0;
    }
    row.p_overspend = proportion(over, n);
    row.p_overspend_5pct = proportion(over5, n);
    row.p_any_overspend = proportion(ever, n);
    sorted.assign(outturn, outturn + n);
    const auto q = quantile_estimates(sorted, {0.05, 0.25, 0.50, 0.75, 0.95});
    row.outturn_q05 = q[0];
    row.outturn_q25 = q[1];
    row.outturn_q50 = q[2];
    row.outturn_q75 = q[3];
    row.outturn_q95 = q[4];
    const double* deficit = deficits + at;
    row.deficit_mean = mean_and_sd(deficit, n).first;
    sorted.assign(deficit, deficit + n);
    const auto d = quantile_estimates(sorted, {0.50, 0.95, 0.99});
    row.deficit_q50 = d[0];
    row.deficit_q95 = d[1];
    row.deficit_q99 = d[2];
    rows.push_back(row);
  }
  return rows;
}

// Runs work(item, buffer) for items [begin, end) on `threads` threads (parallel_for: each takes
// the next unclaimed item, as holders differ in cost), each worker keeping one HolderDraws
// buffer for all its items. Which thread computes an item changes nothing.
void for_each_holder(std::size_t begin, std::size_t end, int threads,
                     const std::function<void(std::size_t, HolderDraws&)>& work) {
  const std::size_t items = end > begin ? end - begin : 0;
  // threads <= 0 is one thread here (the settings resolve "all cores" before this).
  const auto requested = static_cast<unsigned>(std::max(1, threads));
  std::vector<HolderDraws> buffers(worker_count(requested, items));
  parallel_for(items, requested,
               [&](std::size_t i, unsigned worker) { work(begin + i, buffers[worker]); });
}

// The numbers of a row in a fixed order, for sending between processes (the code and year
// follow from the holder and the row's position). Every Estimate of HolderYear must be here
// (the cost quantiles are sent after them); the MPI test fails on a missing one.
constexpr Estimate HolderYear::*kEstimates[] = {
    &HolderYear::cost_mean,        &HolderYear::cost_sd,         &HolderYear::outturn_mean,
    &HolderYear::outturn_q05,      &HolderYear::outturn_q50,     &HolderYear::outturn_q95,
    &HolderYear::outturn_q25,      &HolderYear::outturn_q75,     &HolderYear::p_overspend,
    &HolderYear::p_overspend_5pct, &HolderYear::p_any_overspend, &HolderYear::deficit_mean,
    &HolderYear::deficit_q50,      &HolderYear::deficit_q95,     &HolderYear::deficit_q99};
constexpr std::size_t kRowBytes =
    sizeof(double) *
    (1 + 2 * (std::size(kEstimates) + std::tuple_size_v<decltype(HolderYear::cost_quantiles)>));

void append(std::string& bytes, const void* data, std::size_t size) {
  bytes.append(static_cast<const char*>(data), size);
}

void append_row(std::string& bytes, const HolderYear& row) {
  append(bytes, &row.budget, sizeof row.budget);
  for (auto member : kEstimates) {
    append(bytes, &(row.*member).value, sizeof(double));
    append(bytes, &(row.*member).se, sizeof(double));
  }
  for (const auto& q : row.cost_quantiles) {
    append(bytes, &q.value, sizeof(double));
    append(bytes, &q.se, sizeof(double));
  }
}

const char* read_row(const char* data, HolderYear& row) {
  std::memcpy(&row.budget, data, sizeof row.budget);
  data += sizeof row.budget;
  for (auto member : kEstimates) {
    std::memcpy(&(row.*member).value, data, sizeof(double));
    std::memcpy(&(row.*member).se, data + sizeof(double), sizeof(double));
    data += 2 * sizeof(double);
  }
  for (auto& q : row.cost_quantiles) {
    std::memcpy(&q.value, data, sizeof(double));
    std::memcpy(&q.se, data + sizeof(double), sizeof(double));
    data += 2 * sizeof(double);
  }
  return data;
}

SimulationResults assemble(const SimulationInput& input, const SimulationSettings& settings,
                           const std::vector<std::vector<HolderYear>>& by_holder) {
  SimulationResults results;
  results.level = input.level;
  results.settings = settings;
  for (std::size_t h = 0; h < input.holders.size(); ++h) {
    results.holder_names.push_back(input.holders[h].name);
    results.populations.push_back(input.holders[h].population);
    results.rows.insert(results.rows.end(), by_holder[h].begin(), by_holder[h].end());
  }
  return results;
}

// Rank 0's rows of every holder from each rank's block: [holder range][rows of its holders].
void read_blocks(const SimulationInput& input, const SimulationSettings& settings,
                 const std::vector<std::string>& parts,
                 std::vector<std::vector<HolderYear>>& by_holder) {
  const auto years = static_cast<std::size_t>(settings.years);
  for (const auto& part : parts) {
    std::uint64_t range[2] = {0, 0};
    if (part.size() >= sizeof range) std::memcpy(range, part.data(), sizeof range);
    if (part.size() < sizeof range || range[0] > range[1] || range[1] > input.holders.size() ||
        part.size() != sizeof range + (range[1] - range[0]) * years * kRowBytes)
      throw IoError("simulation: a process sent a malformed block of results");
    const char* data = part.data() + sizeof range;
    for (auto h = range[0]; h < range[1]; ++h) {
      auto& rows = by_holder[h];
      rows.resize(years);
      for (std::size_t y = 0; y < years; ++y) {
        rows[y].code = input.holders[h].code;
        rows[y].year = static_cast<int>(y) + 1;
        data = read_row(data, rows[y]);
      }
    }
  }
}

}  // namespace

SimulationSamples simulate_replicates(const SimulationInput& input,
                                      const SimulationSettings& settings, std::uint64_t first,
                                      std::uint64_t count, int threads) {
  check_simulation_settings(settings);
  const Prepared prepared = prepare(input, settings, first, count);
  SimulationSamples out;
  out.holders = input.holders.size();
  out.years = settings.years;
  out.first = first;
  out.count = count;
  const std::size_t size = out.holders * static_cast<std::size_t>(out.years) * count;
  out.cost.resize(size);
  out.outturn.resize(size);
  out.deficit.resize(size);
  for_each_holder(0, input.holders.size(), threads, [&](std::size_t h, HolderDraws& draws) {
    simulate_holder(input, settings, prepared, h, draws);
    const auto at = static_cast<std::ptrdiff_t>(out.at(h, 0, first));
    std::copy(draws.cost.begin(), draws.cost.end(), out.cost.begin() + at);
    std::copy(draws.outturn.begin(), draws.outturn.end(), out.outturn.begin() + at);
    std::copy(draws.deficit.begin(), draws.deficit.end(), out.deficit.begin() + at);
  });
  return out;
}

SimulationResults summarise(const SimulationInput& input, const SimulationSettings& settings,
                            const SimulationSamples& samples, int threads) {
  if (samples.count == 0) throw UsageError("simulation: no replicates to summarise");
  std::vector<std::vector<HolderYear>> by_holder(input.holders.size());
  for_each_holder(0, input.holders.size(), threads, [&](std::size_t h, HolderDraws&) {
    const auto at = samples.at(h, 0, samples.first);
    by_holder[h] =
        summarise_holder(input.holders[h], settings, samples.cost.data() + at,
                         samples.outturn.data() + at, samples.deficit.data() + at, samples.count);
  });
  return assemble(input, settings, by_holder);
}

std::optional<SimulationResults> simulate(const SimulationInput& input,
                                          const SimulationSettings& settings,
                                          const ProcessGroup& group, int threads,
                                          const SimulationProgress& progress) {
  check_simulation_settings(settings);
  const std::uint64_t n = settings.replications;
  // Every rank draws the shared shocks of all replicates (a few MB; each is keyed by its
  // replicate, so every rank has the same ones).
  const Prepared prepared = prepare(input, settings, 0, n);
  // Named variables, not a structured binding: clang 14 cannot capture one in a lambda.
  const auto share = group.share(input.holders.size());
  const std::size_t begin = share.first;
  const std::size_t end = share.second;
  std::vector<std::vector<HolderYear>> by_holder(input.holders.size());
  std::mutex report;
  std::uint64_t done = 0;  // under `report`
  for_each_holder(begin, end, threads, [&](std::size_t h, HolderDraws& draws) {
    simulate_holder(input, settings, prepared, h, draws);
    by_holder[h] = summarise_holder(input.holders[h], settings, draws.cost.data(),
                                    draws.outturn.data(), draws.deficit.data(), n);
    const std::lock_guard lock(report);
    ++done;
    if (progress) progress(done, end - begin);
  });
  if (group.size() == 1) return assemble(input, settings, by_holder);

  std::string bytes;
  const std::uint64_t range[2] = {begin, end};
  append(bytes, range, sizeof range);
  for (std::size_t h = begin; h < end; ++h)
    for (const auto& row : by_holder[h])
      append_row(bytes, row);
  const auto parts = group.gather(bytes);
  if (!group.is_root()) return std::nullopt;
  read_blocks(input, settings, parts, by_holder);
  return assemble(input, settings, by_holder);
}

}  // namespace pco

#include "sim/simulation.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <mutex>
#include <thread>

#include "core/error.hpp"
#include "core/random.hpp"
#include "risk/alias_table.hpp"
#include "risk/monte_carlo.hpp"

namespace pco {

namespace {

// A mean-1 gamma year shock with coefficient of variation `cv` (1 when cv = 0).
void draw_shocks(RandomStream random, double cv, int years, double* out) {
  for (int y = 0; y < years; ++y)
    out[y] = cv > 0 ? random.gamma(1 / (cv * cv), cv * cv) : 1.0;
}

struct Prepared {
  std::vector<AliasTable> tables;
  std::vector<std::vector<AliasTable>> contract_tables;  // [holder][contract]
  std::vector<double> demand_factor;                     // (1 + g_d)^y
  std::vector<double> budget_factor;  // (1 + g_b)^y, y = 0 … years (one beyond, for the caps)
};

Prepared prepare(const SimulationInput& input, const SimulationSettings& settings) {
  Prepared p;
  p.tables.reserve(input.holders.size());
  for (const auto& h : input.holders) {
    if (h.distribution.pmf.empty())
      throw UsageError("simulation: holder " + h.code + " has no cost distribution");
    p.tables.emplace_back(h.distribution.pmf);
    auto& contracts = p.contract_tables.emplace_back();
    for (const auto& c : h.contracts) {
      if (c.activity.pmf.empty())
        throw UsageError("simulation: a contract of holder " + h.code + " has no distribution");
      contracts.emplace_back(c.activity.pmf);
    }
  }
  for (int y = 0; y <= settings.years; ++y) {
    p.demand_factor.push_back(std::pow(1 + settings.demand_growth, y));
    p.budget_factor.push_back(std::pow(1 + settings.budget_growth, y));
  }
  return p;
}

void simulate_one(const SimulationInput& input, const SimulationSettings& settings,
                  const Prepared& p, std::uint64_t r, SimulationSamples& out,
                  std::vector<double>& shocks) {
  const int years = settings.years;
  const auto regions = input.regions.size();
  shocks.assign((regions + 1) * static_cast<std::size_t>(years), 1.0);
  draw_shocks(RandomStream(settings.seed, r, kNationalShockEntity, kShockStream), settings.shock_cv,
              years, shocks.data());
  for (std::size_t g = 0; g < regions; ++g)
    draw_shocks(RandomStream(settings.seed, r, kRegionalShockEntity + g, kShockStream),
                settings.regional_shock_cv, years, shocks.data() + (g + 1) * years);
  for (std::size_t h = 0; h < input.holders.size(); ++h) {
    const auto& holder = input.holders[h];
    const double* regional =
        holder.region >= 0 ? shocks.data() + (static_cast<std::size_t>(holder.region) + 1) * years
                           : nullptr;
    RandomStream random(settings.seed, r, h, kCostStream);
    double carried = 0;
    double written_off = 0;
    for (int y = 0; y < years; ++y) {
      const double base = holder.distribution.knot(p.tables[h].sample(random));
      double gross = base * p.demand_factor[y] * shocks[y];
      if (regional != nullptr) gross *= regional[y];
      const double demand = p.demand_factor[y] * shocks[y] * (regional ? regional[y] : 1.0);
      // Each contract's payment on its own draw of activity, its terms uplifted with the budget.
      for (std::size_t k = 0; k < holder.contracts.size(); ++k) {
        const auto& c = holder.contracts[k];
        RandomStream draw(settings.seed, r, h, kContractStream + k + y * holder.contracts.size());
        const double x = c.activity.knot(p.contract_tables[h][k].sample(draw)) * demand;
        const double g = p.budget_factor[y];
        gross += std::clamp(g * c.fixed + c.rate * (x - g * c.plan), g * c.floor, g * c.cap);
      }
      const double budget = holder.budget * p.budget_factor[y];
      const double next = holder.budget * p.budget_factor[y + 1];
      const auto o = advance_year(input.rules, gross, budget, next, carried, written_off);
      carried = o.carried;
      written_off += o.written_off;
      const auto i = out.at(h, y, r);
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

// Runs work(begin, end) over contiguous blocks of [first, first + count), one per thread (the
// calling thread takes the last). Which thread computes an item changes nothing.
void for_blocks(std::uint64_t first, std::uint64_t count, int threads,
                const std::function<void(std::uint64_t, std::uint64_t)>& work) {
  const auto workers = static_cast<std::uint64_t>(std::max(1, threads));
  std::vector<std::thread> pool;
  const std::uint64_t per = count / workers;
  const std::uint64_t extra = count % workers;
  std::uint64_t at = first;
  for (std::uint64_t t = 0; t < workers; ++t) {
    const std::uint64_t n = per + (t < extra ? 1 : 0);
    if (t + 1 == workers)
      work(at, at + n);
    else
      pool.emplace_back(work, at, at + n);
    at += n;
  }
  for (auto& t : pool)
    t.join();
}

void append(std::string& bytes, const void* data, std::size_t size) {
  bytes.append(static_cast<const char*>(data), size);
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
  select_ranks(values.data(), values.data(), values.data() + n, ranks.data(),
               ranks.data() + ranks.size());
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const auto& [lo, at, hi] = wanted[i];
    estimates[i] = {values[at], (values[hi] - values[lo]) / 2};
  }
  return estimates;
}

SimulationSamples simulate_replicates(const SimulationInput& input,
                                      const SimulationSettings& settings, std::uint64_t first,
                                      std::uint64_t count, int threads,
                                      const SimulationProgress& progress) {
  check_simulation_settings(settings);
  const Prepared prepared = prepare(input, settings);
  SimulationSamples out;
  out.holders = input.holders.size();
  out.years = settings.years;
  out.first = first;
  out.count = count;
  const std::size_t size = out.holders * static_cast<std::size_t>(out.years) * count;
  out.cost.assign(size, 0.0);
  out.outturn.assign(size, 0.0);
  out.deficit.assign(size, 0.0);
  std::atomic<std::uint64_t> done{0};
  std::mutex report;
  std::uint64_t reported = 0;  // under `report`: never step the bar backwards
  const auto work = [&](std::uint64_t begin, std::uint64_t end) {
    std::vector<double> shocks;
    for (std::uint64_t r = begin; r < end; ++r) {
      simulate_one(input, settings, prepared, r, out, shocks);
      const auto finished = ++done;
      if (progress && (finished % 64 == 0 || finished == count)) {
        const std::lock_guard lock(report);
        if (finished > reported) {
          reported = finished;
          progress(finished, count);
        }
      }
    }
  };
  for_blocks(first, count, threads, work);
  return out;
}

SimulationSamples simulate_in_group(const SimulationInput& input,
                                    const SimulationSettings& settings, const ProcessGroup& group,
                                    int threads, const SimulationProgress& progress) {
  const auto [begin, end] = group.share(settings.replications);
  auto local = simulate_replicates(input, settings, begin, end - begin, threads, progress);
  if (group.size() == 1) return local;
  std::string bytes;
  append(bytes, &local.first, sizeof local.first);
  append(bytes, &local.count, sizeof local.count);
  for (const auto* v : {&local.cost, &local.outturn, &local.deficit})
    append(bytes, v->data(), v->size() * sizeof(double));
  local = SimulationSamples{};
  const auto parts = group.gather(bytes);
  SimulationSamples all;
  if (!group.is_root()) return all;
  all.holders = input.holders.size();
  all.years = settings.years;
  all.count = settings.replications;
  const std::size_t cells = all.holders * static_cast<std::size_t>(all.years);
  for (auto* v : {&all.cost, &all.outturn, &all.deficit})
    v->assign(cells * all.count, 0.0);
  for (const auto& part : parts) {
    std::uint64_t first = 0;
    std::uint64_t count = 0;
    std::memcpy(&first, part.data(), sizeof first);
    std::memcpy(&count, part.data() + sizeof first, sizeof count);
    const char* data = part.data() + sizeof first + sizeof count;
    if (part.size() != sizeof first + sizeof count + 3 * cells * count * sizeof(double))
      throw IoError("simulation: a process sent a malformed block of results");
    for (auto* v : {&all.cost, &all.outturn, &all.deficit}) {
      for (std::size_t c = 0; c < cells; ++c) {
        std::memcpy(v->data() + c * all.count + first, data, count * sizeof(double));
        data += count * sizeof(double);
      }
    }
  }
  return all;
}

namespace {

// One holder's rows, years in order.
std::vector<HolderYear> summarise_holder(const SimulationHolder& holder, std::size_t h,
                                         const SimulationSettings& settings,
                                         const SimulationSamples& samples) {
  const std::size_t n = samples.count;
  std::vector<char> any(n, 0);
  std::vector<double> sorted(n);
  std::vector<HolderYear> rows;
  for (int y = 0; y < samples.years; ++y) {
    HolderYear row;
    row.code = holder.code;
    row.year = y + 1;
    row.budget = holder.budget * std::pow(1 + settings.budget_growth, y);
    const auto at = samples.at(h, y, samples.first);
    std::tie(row.cost_mean, row.cost_sd) = mean_and_sd(samples.cost.data() + at, n);
    const double* outturn = samples.outturn.data() + at;
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
    const auto q = quantile_estimates(sorted, {0.05, 0.50, 0.95});
    row.outturn_q05 = q[0];
    row.outturn_q50 = q[1];
    row.outturn_q95 = q[2];
    const double* deficit = samples.deficit.data() + at;
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

}  // namespace

SimulationResults summarise(const SimulationInput& input, const SimulationSettings& settings,
                            const SimulationSamples& samples, int threads) {
  SimulationResults results;
  results.level = input.level;
  results.settings = settings;
  if (samples.count == 0) throw UsageError("simulation: no replicates to summarise");
  std::vector<std::vector<HolderYear>> by_holder(input.holders.size());
  for_blocks(0, input.holders.size(), threads, [&](std::uint64_t begin, std::uint64_t end) {
    for (auto h = begin; h < end; ++h)
      by_holder[h] = summarise_holder(input.holders[h], h, settings, samples);
  });
  for (std::size_t h = 0; h < input.holders.size(); ++h) {
    results.holder_names.push_back(input.holders[h].name);
    results.populations.push_back(input.holders[h].population);
    results.rows.insert(results.rows.end(), by_holder[h].begin(), by_holder[h].end());
  }
  return results;
}

}  // namespace pco

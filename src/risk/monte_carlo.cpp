#include "risk/monte_carlo.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <span>

#include "core/error.hpp"
#include "parallel/parallel_for.hpp"
#include "risk/alias_table.hpp"

namespace pco {

namespace {

constexpr std::uint64_t kStream = 0x636f6d70;  // "comp"
constexpr std::int64_t kBeyond = -1;
// Words drawn per batch: small enough to stay in L1, large enough to overlap Philox blocks.
constexpr std::size_t kBatch = 64;

}  // namespace

double proportion_se(double p, std::uint64_t n) {
  return n > 0 ? std::sqrt(std::max(0.0, p * (1 - p)) / static_cast<double>(n)) : 0.0;
}

MonteCarloResult compound_monte_carlo(const Frequency& frequency, const SeverityGrid& severity,
                                      const MonteCarloOptions& options) {
  if (options.replications == 0) throw UsageError("replications must be at least 1");
  // The severity's missing mass (beyond its grid) is one more outcome: "beyond".
  std::vector<double> weights = severity.pmf;
  const double missing = std::max(0.0, 1.0 - severity.total());
  weights.push_back(missing);
  const std::size_t beyond_index = weights.size() - 1;
  std::vector<std::size_t> support;
  for (std::size_t j = 0; j < weights.size(); ++j)
    if (weights[j] > 0) support.push_back(j);

  // A compound Poisson on a discrete severity is Σ_j j·N_j with N_j ~ Poisson(λ f_j)
  // independent: per replication that costs one draw per knot instead of one per claim.
  const bool split = frequency.kind() == FrequencyKind::poisson && !frequency.is_zero_modified() &&
                     frequency.lambda() > 4.0 * static_cast<double>(support.size());
  const AliasTable table(weights);

  // Every total is written below: allocated, not zeroed.
  const std::unique_ptr<std::int64_t[]> totals(new std::int64_t[options.replications]);
  // Replications [begin, end); returns the claims drawn.
  const auto run = [&](std::uint64_t begin, std::uint64_t end) {
    std::uint64_t events = 0;
    for (std::uint64_t r = begin; r < end; ++r) {
      RandomStream random(options.seed, r, 0, kStream);
      std::int64_t total = 0;
      bool beyond = false;
      if (split) {
        for (std::size_t j : support) {
          const auto count = sample_poisson(random, frequency.lambda() * weights[j]);
          events += count;
          if (j == beyond_index) {
            beyond = beyond || count > 0;
          } else {
            total += static_cast<std::int64_t>(count * j);
          }
        }
      } else {
        const auto n = frequency.sample(random);
        events += n;
        // Words in batches (the same words, in the same order, as one draw at a time); a claim
        // beyond the grid makes the whole total "beyond", so the sum need not skip it.
        std::array<std::uint64_t, kBatch> words;
        for (std::uint64_t done = 0; done < n;) {
          const auto m = static_cast<std::size_t>(std::min<std::uint64_t>(kBatch, n - done));
          random.next_u64s(words.data(), m);
          for (std::size_t i = 0; i < m; ++i) {
            const auto j = table.sample_word(words[i]);
            beyond |= j == beyond_index;
            total += static_cast<std::int64_t>(j);
          }
          done += m;
        }
      }
      totals[r] = beyond ? kBeyond : total;
    }
    return events;
  };
  // Blocks of replications per thread: each replication has its own stream and slot, so the
  // split changes no byte.
  MonteCarloResult result;
  const auto threads = static_cast<std::uint64_t>(std::max(1, options.threads));
  std::vector<std::uint64_t> events(threads, 0);
  parallel_for(threads, static_cast<unsigned>(threads), [&](std::size_t t, unsigned) {
    events[t] = run(options.replications * t / threads, options.replications * (t + 1) / threads);
  });
  for (auto e : events)
    result.events += e;

  std::int64_t lo = std::numeric_limits<std::int64_t>::max();
  std::int64_t hi = -1;
  double sum = 0;
  std::uint64_t on_grid = 0;
  const auto all = std::span(totals.get(), options.replications);
  for (auto t : all) {
    if (t == kBeyond) continue;
    lo = std::min(lo, t);
    hi = std::max(hi, t);
    sum += static_cast<double>(t) * severity.step;
    ++on_grid;
  }
  const double count = static_cast<double>(on_grid);
  const double mean = on_grid > 0 ? sum / count : 0.0;
  double squares = 0;
  for (auto t : all) {
    if (t == kBeyond) continue;
    const double dx = static_cast<double>(t) * severity.step - mean;
    squares += dx * dx;
  }
  result.replications = options.replications;
  auto& d = result.distribution;
  d.step = severity.step;
  d.method = "simulation";
  if (on_grid == 0) {
    d.pmf = {0.0};
    return result;
  }
  d.first = lo;
  d.pmf.assign(static_cast<std::size_t>(hi - lo + 1), 0.0);
  const double weight = 1.0 / static_cast<double>(options.replications);
  for (auto t : all)
    if (t != kBeyond) d.pmf[static_cast<std::size_t>(t - lo)] += weight;
  result.mean = mean;
  result.sd = on_grid > 1 ? std::sqrt(squares / (count - 1)) : 0.0;
  result.mean_se = result.sd / std::sqrt(count);
  return result;
}

}  // namespace pco

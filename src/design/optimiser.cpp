#include "design/optimiser.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>

#include <fmt/format.h>
#include <metis.h>

#include "core/error.hpp"
#include "core/random.hpp"
#include "parallel/parallel_for.hpp"
#include "parallel/process_group.hpp"

namespace pco {

namespace {

constexpr std::uint64_t kAnnealStream = 0x616e6e65616cULL;  // "anneal"
constexpr std::uint64_t kMetisStream = 0x6d65746973ULL;     // "metis"

// Atoms of each part, split into connected pieces; `pieces[k]` lists part k's pieces.
std::vector<std::vector<std::vector<std::size_t>>> pieces_of(const NeighbourGraph& g,
                                                             const std::vector<int>& assignment,
                                                             int parts) {
  std::vector<std::vector<std::vector<std::size_t>>> pieces(static_cast<std::size_t>(parts));
  std::vector<bool> seen(assignment.size(), false);
  for (std::size_t s = 0; s < assignment.size(); ++s) {
    if (seen[s]) continue;
    std::vector<std::size_t> piece{s};
    seen[s] = true;
    for (std::size_t i = 0; i < piece.size(); ++i)
      for (const auto e : g.adjacent[piece[i]]) {
        const auto j = g.other(e, piece[i]);
        if (!seen[j] && assignment[j] == assignment[s]) {
          seen[j] = true;
          piece.push_back(j);
        }
      }
    pieces[static_cast<std::size_t>(assignment[s])].push_back(std::move(piece));
  }
  return pieces;
}

// Gives every piece but the most populous of each part to the neighbouring part it touches
// most, until every part is one piece (METIS's contiguity option is a best effort).
void make_contiguous(const DesignProblem& p, std::vector<int>& assignment, int parts) {
  const auto& g = p.graph;
  for (int round = 0; round < 100; ++round) {
    const auto pieces = pieces_of(g, assignment, parts);
    bool changed = false;
    for (const auto& list : pieces) {
      if (list.size() <= 1) continue;
      const auto population = [&](const std::vector<std::size_t>& piece) {
        std::int64_t n = 0;
        for (const auto a : piece)
          n += p.atoms.atoms[a].population;
        return n;
      };
      std::size_t keep = 0;
      for (std::size_t i = 1; i < list.size(); ++i)
        if (population(list[i]) > population(list[keep])) keep = i;
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i == keep) continue;
        std::map<int, int> touches;
        for (const auto a : list[i])
          for (const auto e : g.adjacent[a]) {
            const int other = assignment[g.other(e, a)];
            if (other != assignment[a]) ++touches[other];
          }
        if (touches.empty()) continue;
        const auto best =
            std::max_element(touches.begin(), touches.end(),
                             [](const auto& x, const auto& y) { return x.second < y.second; });
        for (const auto a : list[i])
          assignment[a] = best->first;
        changed = true;
      }
    }
    if (!changed) return;
  }
}

// Relabels the used parts 0..k-1 in order of first appearance; returns k.
int compact_labels(std::vector<int>& assignment) {
  std::map<int, int> label;
  for (auto& a : assignment) {
    const auto [it, added] = label.emplace(a, static_cast<int>(label.size()));
    a = it->second;
  }
  return static_cast<int>(label.size());
}

// When METIS (or making its parts contiguous) leaves fewer parts than wanted, splits the most
// populous part of two or more atoms in two, repeatedly: the atoms reached first by a search
// from the part's atom farthest from its centre, up to half its population, become a new part
// (then made contiguous again). Deterministic.
void fill_parts(const DesignProblem& p, std::vector<int>& assignment, int parts) {
  const auto& g = p.graph;
  for (int k = compact_labels(assignment); k < parts; k = compact_labels(assignment)) {
    std::vector<double> population(static_cast<std::size_t>(k), 0);
    std::vector<std::size_t> atoms_in(static_cast<std::size_t>(k), 0);
    for (std::size_t a = 0; a < assignment.size(); ++a) {
      population[static_cast<std::size_t>(assignment[a])] +=
          static_cast<double>(p.atoms.atoms[a].population);
      ++atoms_in[static_cast<std::size_t>(assignment[a])];
    }
    int split = -1;
    for (int j = 0; j < k; ++j)
      if (atoms_in[static_cast<std::size_t>(j)] >= 2 &&
          (split < 0 ||
           population[static_cast<std::size_t>(j)] > population[static_cast<std::size_t>(split)]))
        split = j;
    if (split < 0) return;  // every part is a single atom
    double cx = 0, cy = 0, w = 0;
    for (std::size_t a = 0; a < assignment.size(); ++a)
      if (assignment[a] == split) {
        const double n = std::max(1.0, static_cast<double>(p.atoms.atoms[a].population));
        cx += n * g.points[a].x;
        cy += n * g.points[a].y;
        w += n;
      }
    cx /= w;
    cy /= w;
    std::size_t start = 0;
    double far = -1;
    for (std::size_t a = 0; a < assignment.size(); ++a)
      if (assignment[a] == split) {
        const double d = std::hypot(g.points[a].x - cx, g.points[a].y - cy);
        if (d > far) far = d, start = a;
      }
    std::vector<bool> seen(assignment.size(), false);
    std::vector<std::size_t> queue{start};
    seen[start] = true;
    double taken = 0;
    for (std::size_t i = 0;
         i < queue.size() && taken < 0.5 * population[static_cast<std::size_t>(split)]; ++i) {
      const auto a = queue[i];
      assignment[a] = k;
      taken += static_cast<double>(p.atoms.atoms[a].population);
      for (const auto e : g.adjacent[a]) {
        const auto b = g.other(e, a);
        if (!seen[b] && assignment[b] == split) {
          seen[b] = true;
          queue.push_back(b);
        }
      }
    }
    make_contiguous(p, assignment, k + 1);
    if (compact_labels(assignment) <= k) return;  // the split was undone: give up
  }
}

class Annealer {
 public:
  Annealer(const DesignProblem& p, PlanState& state)
      : p_(p), s_(state), stamp_(p.atoms.atoms.size(), 0) {}

  // Whether `atom`'s part stays connected without it: every neighbour in the part must be
  // reachable from the first without passing through the atom.
  bool donor_stays_connected(std::size_t atom) {
    const auto& g = p_.graph;
    const auto& as = s_.assignment();
    const int part = as[atom];
    ++generation_;
    targets_.clear();
    for (const auto e : g.adjacent[atom]) {
      const auto j = g.other(e, atom);
      if (as[j] == part && stamp_[j] != generation_) {
        stamp_[j] = generation_;
        targets_.push_back(j);
      }
    }
    if (targets_.size() <= 1) return true;
    ++generation_;
    stamp_[atom] = generation_;
    queue_.assign(1, targets_.front());
    stamp_[targets_.front()] = generation_;
    std::size_t found = 1;
    for (std::size_t i = 0; i < queue_.size() && found < targets_.size(); ++i)
      for (const auto e : g.adjacent[queue_[i]]) {
        const auto j = g.other(e, queue_[i]);
        if (as[j] != part || stamp_[j] == generation_) continue;
        stamp_[j] = generation_;
        queue_.push_back(j);
        if (std::find(targets_.begin(), targets_.end(), j) != targets_.end()) ++found;
      }
    return found == targets_.size();
  }

  // A random move of a boundary atom to a neighbouring part that keeps both parts contiguous
  // and non-empty; false when the draw gives none.
  bool propose(RandomStream& rng, std::size_t& atom, int& to) {
    const auto& g = p_.graph;
    const auto n = p_.atoms.atoms.size();
    atom = static_cast<std::size_t>(rng.below(n));
    const auto& adj = g.adjacent[atom];
    if (adj.empty()) return false;
    const auto j = g.other(adj[static_cast<std::size_t>(rng.below(adj.size()))], atom);
    to = s_.assignment()[j];
    const int from = s_.assignment()[atom];
    if (to == from || s_.size(from) <= 1) return false;
    return donor_stays_connected(atom);
  }

 private:
  const DesignProblem& p_;
  PlanState& s_;
  std::vector<std::uint32_t> stamp_;
  std::uint32_t generation_ = 0;
  std::vector<std::size_t> targets_;
  std::vector<std::size_t> queue_;
};

void put(std::string& out, const void* data, std::size_t bytes) {
  out.append(static_cast<const char*>(data), bytes);
}
template <typename T>
T take(const std::string& in, std::size_t& at) {
  T v;
  std::memcpy(&v, in.data() + at, sizeof(T));
  at += sizeof(T);
  return v;
}

// A rank's restarts in bytes: count, then (restart, seed total, best total) each, then the
// rank's best restart's parts and both plans.
std::string serialise(const std::vector<RestartResult>& results, const DesignOutcome& best) {
  std::string out;
  const auto count = static_cast<std::uint64_t>(results.size());
  put(out, &count, 8);
  for (const auto& r : results) {
    put(out, &r.restart, sizeof(int));
    put(out, &r.seed_total, 8);
    put(out, &r.best_total, 8);
  }
  put(out, &best.parts, sizeof(int));
  put(out, &best.chosen_restart, sizeof(int));
  const auto n = static_cast<std::uint64_t>(best.assignment.size());
  put(out, &n, 8);
  put(out, best.assignment.data(), n * sizeof(int));
  put(out, best.seed_assignment.data(), n * sizeof(int));
  return out;
}

void deserialise(const std::string& in, std::vector<RestartResult>& results, DesignOutcome& best) {
  std::size_t at = 0;
  const auto count = take<std::uint64_t>(in, at);
  for (std::uint64_t i = 0; i < count; ++i) {
    RestartResult r;
    r.restart = take<int>(in, at);
    r.seed_total = take<double>(in, at);
    r.best_total = take<double>(in, at);
    results.push_back(std::move(r));
  }
  best.parts = take<int>(in, at);
  best.chosen_restart = take<int>(in, at);
  const auto n = take<std::uint64_t>(in, at);
  best.assignment.resize(n);
  best.seed_assignment.resize(n);
  std::memcpy(best.assignment.data(), in.data() + at, n * sizeof(int));
  at += n * sizeof(int);
  std::memcpy(best.seed_assignment.data(), in.data() + at, n * sizeof(int));
}

}  // namespace

int choose_parts(double total, double min_pop, double max_pop, int wanted) {
  if (!(min_pop > 0) || !(max_pop >= min_pop))
    throw UsageError(fmt::format(
        "population bounds: got min {:g}, max {:g}, expected 0 < min <= max", min_pop, max_pop));
  const double lo = std::ceil(total / max_pop), hi = std::floor(total / min_pop);
  if (lo > hi || hi < 1)
    throw UsageError(fmt::format(
        "no number of organisations of {:.0f}-{:.0f} people adds up to {:.0f}; widen the bounds",
        min_pop, max_pop, total));
  if (wanted > 0) {
    if (wanted < lo || wanted > hi)
      throw UsageError(
          fmt::format("{} organisations of {:.0f}-{:.0f} people cannot hold {:.0f} people; "
                      "expected {:.0f} to {:.0f}",
                      wanted, min_pop, max_pop, total, std::max(lo, 1.0), hi));
    return wanted;
  }
  const double mid = std::round(total / (0.5 * (min_pop + max_pop)));
  return static_cast<int>(std::clamp(mid, std::max(lo, 1.0), hi));
}

bool parts_contiguous(const NeighbourGraph& graph, const std::vector<int>& assignment, int parts) {
  for (const auto& list : pieces_of(graph, assignment, parts))
    if (list.size() > 1) return false;
  return true;
}

namespace {

// METIS reports some problems with printf on standard output, where they would corrupt a
// command's output (`pco design --format json`). While it runs, file descriptor 1 points at
// standard error, so its messages are still seen. pco writes no output of its own during a
// search (the summary comes after), and the METIS lock keeps one redirection at a time.
class StdoutToStderr {
 public:
  StdoutToStderr() {
    std::fflush(stdout);
    saved_ = ::dup(STDOUT_FILENO);
    if (saved_ >= 0) ::dup2(STDERR_FILENO, STDOUT_FILENO);
  }
  ~StdoutToStderr() {
    if (saved_ < 0) return;
    std::fflush(stdout);
    ::dup2(saved_, STDOUT_FILENO);
    ::close(saved_);
  }
  StdoutToStderr(const StdoutToStderr&) = delete;
  StdoutToStderr& operator=(const StdoutToStderr&) = delete;

 private:
  int saved_ = -1;
};

}  // namespace

std::vector<int> metis_seed(const DesignProblem& p, int parts, int seed_value) {
  const auto& g = p.graph;
  const auto n = p.atoms.atoms.size();
  std::vector<int> assignment(n, 0);
  if (parts <= 1 || n <= 1) return assignment;
  std::vector<idx_t> xadj{0}, adjncy, vwgt;
  for (std::size_t a = 0; a < n; ++a) {
    for (const auto e : g.adjacent[a])
      adjncy.push_back(static_cast<idx_t>(g.other(e, a)));
    xadj.push_back(static_cast<idx_t>(adjncy.size()));
    vwgt.push_back(static_cast<idx_t>(std::max<std::int64_t>(1, p.atoms.atoms[a].population)));
  }
  idx_t nv = static_cast<idx_t>(n), ncon = 1, np = parts, cut = 0;
  std::vector<idx_t> part(n, 0);
  idx_t options[METIS_NOPTIONS];
  METIS_SetDefaultOptions(options);
  options[METIS_OPTION_CONTIG] = 1;
  options[METIS_OPTION_SEED] = seed_value;
  options[METIS_OPTION_NUMBERING] = 0;
  // Allowed imbalance: the largest part may reach the upper bound.
  const double mean = p.total_population / parts;
  options[METIS_OPTION_UFACTOR] =
      static_cast<idx_t>(std::clamp((p.max_pop / mean - 1) * 1000, 1.0, 1000.0));
  // METIS keeps its random state in globals: one call at a time.
  static std::mutex metis_lock;
  const std::lock_guard<std::mutex> hold(metis_lock);
  const StdoutToStderr quiet_stdout;
  const int status =
      METIS_PartGraphKway(&nv, &ncon, xadj.data(), adjncy.data(), vwgt.data(), nullptr, nullptr,
                          &np, nullptr, nullptr, options, &cut, part.data());
  if (status != METIS_OK)
    throw UsageError(fmt::format("METIS could not partition {} atoms into {} parts (status {})", n,
                                 parts, status));
  for (std::size_t a = 0; a < n; ++a)
    assignment[a] = static_cast<int>(part[a]);
  make_contiguous(p, assignment, parts);
  compact_labels(assignment);
  fill_parts(p, assignment, parts);
  return assignment;
}

std::vector<int> restart_seed(const DesignProblem& p, int parts, std::uint64_t seed,
                              std::size_t restart) {
  RandomStream rng(seed, kMetisStream, restart);
  return metis_seed(p, parts, static_cast<int>(rng.below(1u << 30)));
}

void normalise_terms(DesignProblem& p, const SearchOptions& o) {
  p.reference = DesignWeights{};
  const int parts = choose_parts(p.total_population, p.min_pop, p.max_pop, o.parts);
  const auto seed = restart_seed(p, parts, o.seed, 0);
  set_reference(p, PlanState(p, seed, *std::max_element(seed.begin(), seed.end()) + 1).terms());
}

namespace {

// Whether moving `atom` to `to` takes its two parts further outside the population bounds.
// Such moves are never made: a plan within bounds stays within them, and one outside (a seed
// METIS could not balance) only moves towards them, so the search spends its time on the
// weighted terms instead of on bound penalties that are orders of magnitude larger.
bool worsens_bounds(const DesignProblem& p, const PlanState& s, std::size_t atom, int to) {
  const double pop = static_cast<double>(p.atoms.atoms[atom].population);
  const int from = s.assignment()[atom];
  const auto excess = [&p](double n) {
    return std::max(0.0, p.min_pop - n) + std::max(0.0, n - p.max_pop);
  };
  const double before = excess(s.population(from)) + excess(s.population(to));
  const double after = excess(s.population(from) - pop) + excess(s.population(to) + pop);
  if (after > before) return true;
  // Likewise the providers rule: no move leaves the two parts further short of providers.
  const auto held = static_cast<double>(p.atoms.atoms[atom].providers.size());
  if (p.min_providers <= 0 || held == 0) return false;
  const auto shortfall = [&p](double k) { return std::max(0.0, p.min_providers - k); };
  return shortfall(s.providers(from) - held) + shortfall(s.providers(to) + held) >
         shortfall(s.providers(from)) + shortfall(s.providers(to));
}

}  // namespace

std::vector<int> anneal(const DesignProblem& p, const std::vector<int>& start, int parts,
                        std::uint64_t seed, int restart, double sweeps) {
  PlanState state(p, start, parts);
  const PlanState seed_state = state;
  const auto n = p.atoms.atoms.size();
  if (n < 2 || parts < 2) return start;
  Annealer annealer(p, state);
  RandomStream rng(seed, kAnnealStream, static_cast<std::uint64_t>(restart));
  // Starting temperature: the median size of a valid move's change, so that early on a
  // typical worsening move is accepted with probability about 1/e; it falls 10^4-fold
  // geometrically.
  std::vector<double> changes;
  for (int i = 0; i < 2000 && changes.size() < 200; ++i) {
    std::size_t atom;
    int to;
    if (!annealer.propose(rng, atom, to) || worsens_bounds(p, state, atom, to)) continue;
    changes.push_back(std::abs(state.delta(atom, to)));
  }
  double t0 = 1e-12;
  if (!changes.empty()) {
    const auto mid = changes.begin() + static_cast<std::ptrdiff_t>(changes.size() / 2);
    std::nth_element(changes.begin(), mid, changes.end());
    t0 = std::max(*mid, 1e-12);
  }
  const auto steps = static_cast<std::uint64_t>(std::max(1.0, sweeps * static_cast<double>(n)));
  const double cool = std::pow(1e-4, 1.0 / static_cast<double>(steps));
  double t = t0;
  std::vector<int> best = start;
  double best_total = state.total();
  for (std::uint64_t step = 0; step < steps; ++step, t *= cool) {
    std::size_t atom;
    int to;
    if (!annealer.propose(rng, atom, to) || worsens_bounds(p, state, atom, to)) continue;
    const double d = state.delta(atom, to);
    if (d > 0 && rng.uniform() >= std::exp(-d / t)) continue;
    state.move(atom, to);
    if (state.total() < best_total - 1e-12) {
      best_total = state.total();
      best = state.assignment();
    }
  }
  // The running total drifts by rounding; judge the best plan afresh against the start.
  const PlanState check(p, best, parts, seed_state.matching());
  return check.total() <= seed_state.total() ? best : start;
}

DesignOutcome optimise(const DesignProblem& p, const SearchOptions& o) {
  const int parts = choose_parts(p.total_population, p.min_pop, p.max_pop, o.parts);
  const auto metis_restarts = static_cast<std::size_t>(std::max(1, o.restarts));
  const bool has_extra = !o.extra_start.empty() && o.extra_start_parts > 0;
  const auto restarts = metis_restarts + (has_extra ? 1 : 0);
  auto& group = ProcessGroup::world();
  const bool split = o.use_processes && group.size() > 1;
  // Plain variables, not a structured binding: the worker lambda captures them, which clang
  // before 16 does not allow for bindings.
  const auto range =
      split ? group.share(restarts) : std::pair<std::size_t, std::size_t>{0, restarts};
  const std::size_t begin = range.first;
  const std::size_t end = range.second;
  struct Local {
    RestartResult result;
    std::vector<int> seed;
    int parts = 0;
  };
  std::vector<Local> local(end - begin);
  // parallel_for rethrows the error of the lowest-numbered failing restart, whatever the
  // scheduling.
  parallel_for(local.size(), static_cast<unsigned>(std::max(1, o.threads)),
               [&](std::size_t i, unsigned) {
                 const std::size_t r = begin + i;
                 auto& out = local[i];
                 if (r < metis_restarts) {
                   out.seed = restart_seed(p, parts, o.seed, r);
                   out.parts = *std::max_element(out.seed.begin(), out.seed.end()) + 1;
                 } else {
                   out.seed = o.extra_start;
                   out.parts = o.extra_start_parts;
                 }
                 const PlanState seed_state(p, out.seed, out.parts);
                 out.result.restart = static_cast<int>(r);
                 out.result.seed_total = seed_state.total();
                 out.result.assignment =
                     anneal(p, out.seed, out.parts, o.seed, static_cast<int>(r), o.sweeps);
                 out.result.best_total =
                     PlanState(p, out.result.assignment, out.parts, seed_state.matching()).total();
               });

  DesignOutcome mine;
  std::vector<RestartResult> summaries;
  const Local* best = nullptr;
  for (const auto& l : local) {
    summaries.push_back({l.result.restart, l.result.seed_total, l.result.best_total, {}});
    if (!best || l.result.best_total < best->result.best_total) best = &l;
  }
  if (best) {
    mine.parts = best->parts;
    mine.chosen_restart = best->result.restart;
    mine.assignment = best->result.assignment;
    mine.seed_assignment = best->seed;
  }
  if (!split) {
    mine.restarts = std::move(summaries);
    return mine;
  }
  // Ranks hold contiguous blocks of restarts, so rank order is restart order and the first
  // strictly smaller total wins ties by restart index, as on one process.
  const auto gathered = group.gather(serialise(summaries, mine));
  std::string chosen;
  if (group.is_root()) {
    DesignOutcome winner;
    std::vector<RestartResult> all;
    bool have = false;
    for (const auto& bytes : gathered) {
      std::vector<RestartResult> part;
      DesignOutcome candidate;
      deserialise(bytes, part, candidate);
      for (const auto& r : part) {
        if (r.restart == candidate.chosen_restart && !candidate.assignment.empty() &&
            (!have ||
             r.best_total < all[static_cast<std::size_t>(winner.chosen_restart)].best_total)) {
          winner = candidate;
          have = true;
        }
        all.push_back(r);
      }
    }
    winner.restarts = std::move(all);
    chosen = serialise(winner.restarts, winner);
  }
  chosen = group.broadcast(chosen);
  DesignOutcome out;
  deserialise(chosen, out.restarts, out);
  return out;
}

}  // namespace pco

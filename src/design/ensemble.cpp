#include "design/ensemble.hpp"

#include <algorithm>

#include "core/random.hpp"

namespace pco {

namespace {

constexpr std::uint64_t kEnsembleStream = 0x7265636f6dULL;  // "recom"

// The metrics an ensemble reports, by name and how to read them from a plan summary.
struct MetricReader {
  const char* name;
  double (*read)(const PlanSummary&);
};
const MetricReader kMetrics[] = {
    {"objective", [](const PlanSummary& s) { return s.terms.total; }},
    {"risk", [](const PlanSummary& s) { return s.terms.risk; }},
    {"cost", [](const PlanSummary& s) { return s.terms.cost; }},
    {"engagement", [](const PlanSummary& s) { return s.terms.engagement; }},
    {"disruption", [](const PlanSummary& s) { return s.terms.disruption; }},
    {"compactness", [](const PlanSummary& s) { return s.terms.compactness; }},
    {"max_population_deviation", [](const PlanSummary& s) { return s.max_deviation; }},
    {"cut_edges", [](const PlanSummary& s) { return static_cast<double>(s.cut_edges); }},
    {"mean_polsby_popper", [](const PlanSummary& s) { return s.mean_polsby_popper; }},
    {"people_moved", [](const PlanSummary& s) { return static_cast<double>(s.people_moved); }},
};

}  // namespace

bool recombine(const DesignProblem& p, std::vector<int>& assignment, RandomStream& rng,
               int attempts) {
  const auto& g = p.graph;
  if (g.edges.empty()) return false;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    // A uniformly drawn cut edge (by rejection), so that pairs with long borders merge more.
    const GraphEdge* cut = nullptr;
    for (int k = 0; k < 10000 && !cut; ++k) {
      const auto& e = g.edges[static_cast<std::size_t>(rng.below(g.edges.size()))];
      if (assignment[e.a] != assignment[e.b]) cut = &e;
    }
    if (!cut) return false;
    const int a = assignment[cut->a], b = assignment[cut->b];
    std::vector<std::size_t> nodes;
    std::vector<int> local(assignment.size(), -1);
    for (std::size_t i = 0; i < assignment.size(); ++i)
      if (assignment[i] == a || assignment[i] == b) {
        local[i] = static_cast<int>(nodes.size());
        nodes.push_back(i);
      }
    const auto m = nodes.size();
    std::vector<std::vector<std::size_t>> adj(m);
    for (std::size_t i = 0; i < m; ++i)
      for (const auto e : g.adjacent[nodes[i]]) {
        const int j = local[g.other(e, nodes[i])];
        if (j >= 0) adj[i].push_back(static_cast<std::size_t>(j));
      }
    // Wilson's algorithm: loop-erased random walks from each node to the growing tree.
    const auto root = static_cast<std::size_t>(rng.below(m));
    std::vector<bool> in_tree(m, false);
    std::vector<std::size_t> next(m, m);
    in_tree[root] = true;
    for (std::size_t s = 0; s < m; ++s) {
      for (std::size_t u = s; !in_tree[u]; u = next[u])
        next[u] = adj[u][static_cast<std::size_t>(rng.below(adj[u].size()))];
      for (std::size_t u = s; !in_tree[u]; u = next[u])
        in_tree[u] = true;
    }
    // Subtree populations, children after parents in `order`.
    std::vector<std::vector<std::size_t>> children(m);
    for (std::size_t u = 0; u < m; ++u)
      if (u != root) children[next[u]].push_back(u);
    std::vector<std::size_t> order{root};
    for (std::size_t i = 0; i < order.size(); ++i)
      for (const auto c : children[order[i]])
        order.push_back(c);
    std::vector<double> below(m, 0);
    double total = 0;
    for (std::size_t u = 0; u < m; ++u)
      total += static_cast<double>(p.atoms.atoms[nodes[u]].population);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      below[*it] += static_cast<double>(p.atoms.atoms[nodes[*it]].population);
      if (*it != root) below[next[*it]] += below[*it];
    }
    std::vector<std::size_t> cuts;
    for (std::size_t u = 0; u < m; ++u) {
      if (u == root) continue;
      const double rest = total - below[u];
      if (below[u] >= p.min_pop && below[u] <= p.max_pop && rest >= p.min_pop && rest <= p.max_pop)
        cuts.push_back(u);
    }
    if (cuts.empty()) continue;
    const auto chosen = cuts[static_cast<std::size_t>(rng.below(cuts.size()))];
    for (const auto u : nodes)
      assignment[u] = b;
    std::vector<std::size_t> stack{chosen};
    while (!stack.empty()) {
      const auto u = stack.back();
      stack.pop_back();
      assignment[nodes[u]] = a;
      for (const auto c : children[u])
        stack.push_back(c);
    }
    return true;
  }
  return false;
}

double percentile_of(const std::vector<double>& values, double x) {
  if (values.empty()) return 0;
  double below = 0;
  for (const double v : values)
    below += v < x ? 1.0 : v == x ? 0.5 : 0.0;
  return below / static_cast<double>(values.size());
}

EnsembleResult run_ensemble(const DesignProblem& p, const std::vector<int>& start, int parts,
                            const PlanSummary& designed, const PlanSummary& current,
                            const EnsembleOptions& o) {
  EnsembleResult r;
  r.plans = std::max(0, o.plans);
  r.spacing = o.spacing > 0 ? o.spacing : std::max(1, parts);
  for (const auto& m : kMetrics)
    r.metrics.push_back({m.name, {}, m.read(designed), m.read(current), 0, 0});
  RandomStream rng(o.seed, kEnsembleStream);
  auto plan = start;
  for (int k = 0; k < r.plans; ++k) {
    for (int s = 0; s < r.spacing; ++s)
      if (!recombine(p, plan, rng)) ++r.rejected_steps;
    const auto summary = summarise_plan(p, plan, parts);
    for (std::size_t i = 0; i < r.metrics.size(); ++i)
      r.metrics[i].values.push_back(kMetrics[i].read(summary));
  }
  for (auto& m : r.metrics) {
    m.designed_percentile = percentile_of(m.values, m.designed);
    m.current_percentile = percentile_of(m.values, m.current);
  }
  return r;
}

}  // namespace pco

#include "design/objective.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include <fmt/format.h>

#include "appraisal/appraisal.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"

namespace pco {

DesignWeights parse_weights(const std::string& text) {
  DesignWeights w;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const auto item = std::string(trim(std::string_view(text).substr(start, end - start)));
    start = end + 1;
    if (item.empty()) continue;
    const auto eq = item.find('=');
    const auto name = item.substr(0, eq);
    double* slot = name == "risk"          ? &w.risk
                   : name == "cost"        ? &w.cost
                   : name == "engagement"  ? &w.engagement
                   : name == "disruption"  ? &w.disruption
                   : name == "compactness" ? &w.compactness
                                           : nullptr;
    if (!slot || eq == std::string::npos)
      throw UsageError(fmt::format(
          "--weights: got \"{}\", expected NAME=VALUE with NAME one of risk, cost, engagement, "
          "disruption, compactness",
          item));
    const auto value = item.substr(eq + 1);
    char* stop = nullptr;
    const double v = std::strtod(value.c_str(), &stop);
    if (value.empty() || *stop != '\0' || !(v >= 0) || !std::isfinite(v))
      throw UsageError(
          fmt::format("--weights: {} got \"{}\", expected a number >= 0", name, value));
    *slot = v;
  }
  return w;
}

std::vector<int> match_current(const AtomSet& atoms, const std::vector<int>& assignment,
                               int parts) {
  std::vector<std::tuple<double, int, int>> overlap;  // (-people, current, part)
  {
    std::vector<std::vector<double>> m(atoms.current_codes.size(),
                                       std::vector<double>(static_cast<std::size_t>(parts), 0));
    for (std::size_t a = 0; a < atoms.atoms.size(); ++a)
      if (atoms.atoms[a].current >= 0)
        m[static_cast<std::size_t>(atoms.atoms[a].current)]
         [static_cast<std::size_t>(assignment[a])] +=
            static_cast<double>(atoms.atoms[a].population);
    for (std::size_t c = 0; c < m.size(); ++c)
      for (int k = 0; k < parts; ++k)
        if (m[c][static_cast<std::size_t>(k)] > 0)
          overlap.emplace_back(-m[c][static_cast<std::size_t>(k)], static_cast<int>(c), k);
  }
  std::sort(overlap.begin(), overlap.end());
  std::vector<int> matching(atoms.current_codes.size(), -1);
  std::vector<bool> taken(static_cast<std::size_t>(parts), false);
  for (const auto& [people, c, k] : overlap) {
    if (matching[static_cast<std::size_t>(c)] >= 0 || taken[static_cast<std::size_t>(k)]) continue;
    matching[static_cast<std::size_t>(c)] = k;
    taken[static_cast<std::size_t>(k)] = true;
  }
  return matching;
}

PlanState::PlanState(const DesignProblem& problem, std::vector<int> assignment, int parts)
    : PlanState(problem, assignment, parts, match_current(problem.atoms, assignment, parts)) {}

PlanState::PlanState(const DesignProblem& problem, std::vector<int> assignment, int parts,
                     std::vector<int> matching)
    : p_(&problem),
      assignment_(std::move(assignment)),
      parts_(parts),
      matching_(std::move(matching)),
      org_(static_cast<std::size_t>(parts)),
      count_(static_cast<std::size_t>(parts), 0) {
  const auto& atoms = problem.atoms.atoms;
  const auto& g = problem.graph;
  for (std::size_t a = 0; a < atoms.size(); ++a) {
    auto& s = org_[static_cast<std::size_t>(assignment_[a])];
    s.population += static_cast<double>(atoms[a].population);
    s.mean += atoms[a].mean_cost;
    s.variance += atoms[a].cost_variance;
    s.area += g.cell_area[a];
    s.perimeter += g.cell_perimeter[a];
    s.providers += static_cast<double>(atoms[a].providers.size());
    ++count_[static_cast<std::size_t>(assignment_[a])];
    if (atoms[a].current >= 0) {
      mapped_population_ += static_cast<double>(atoms[a].population);
      stayed_ += stays(a, assignment_[a]);
    }
  }
  for (const auto& e : g.edges)
    if (assignment_[e.a] == assignment_[e.b])
      org_[static_cast<std::size_t>(assignment_[e.a])].perimeter -= 2 * e.shared;
  total_ = terms().total;
}

double PlanState::stays(std::size_t atom, int part) const {
  const auto& a = p_->atoms.atoms[atom];
  if (a.current < 0 || matching_[static_cast<std::size_t>(a.current)] != part) return 0;
  return static_cast<double>(a.population);
}

double PlanState::shared_with(std::size_t atom, int part) const {
  double sum = 0;
  for (const auto e : p_->graph.adjacent[atom])
    if (assignment_[p_->graph.other(e, atom)] == part) sum += p_->graph.edges[e].shared;
  return sum;
}

namespace {

double reserve99(double mean, double variance, const DesignProblem& p) {
  return std::max(0.0, p.z99 * std::sqrt(std::max(variance, 0.0)) - p.margin * mean);
}

double bounds_excess(double n, const DesignProblem& p) {
  return std::max(0.0, p.min_pop - n) + std::max(0.0, n - p.max_pop);
}

double provider_shortfall(double providers, const DesignProblem& p) {
  if (p.min_providers <= 0) return 0;
  return std::max(0.0, p.min_providers - providers) / p.min_providers;
}

}  // namespace

namespace {

// weight / reference per term: what multiplies each raw term in the total.
DesignWeights factors(const DesignProblem& p) {
  const auto& w = p.weights;
  const auto& r = p.reference;
  return {w.risk / r.risk, w.cost / r.cost, w.engagement / r.engagement,
          w.disruption / r.disruption, w.compactness / r.compactness};
}

}  // namespace

void set_reference(DesignProblem& p, const ObjectiveTerms& raw) {
  const auto divisor = [](double v) { return v > 0 && std::isfinite(v) ? v : 1.0; };
  p.reference = {divisor(raw.risk), divisor(raw.cost), divisor(raw.engagement),
                 divisor(raw.disruption), divisor(raw.compactness)};
}

ObjectiveTerms weighted_terms(const DesignProblem& p, const ObjectiveTerms& raw) {
  const auto f = factors(p);
  ObjectiveTerms t;
  t.risk = f.risk * raw.risk;
  t.cost = f.cost * raw.cost;
  t.engagement = f.engagement * raw.engagement;
  t.disruption = f.disruption * raw.disruption;
  t.compactness = f.compactness * raw.compactness;
  t.bounds = kBoundsWeight * raw.bounds;
  t.providers = kBoundsWeight * raw.providers;
  t.total = raw.total;
  return t;
}

double PlanState::contribution(const Sums& s) const {
  const auto& p = *p_;
  const auto w = factors(p);
  const double m = std::max(p.total_mean, 1e-300);
  const double n_total = std::max(p.total_population, 1.0);
  double c = w.risk * reserve99(s.mean, s.variance, p) / m +
             w.cost * standalone_management_cost(s.population, p.params) / m -
             w.engagement * s.population * engagement_proxy(s.population, p.params) / n_total +
             w.compactness * (1 - polsby_popper(s.area, s.perimeter)) / parts_ +
             kBoundsWeight * bounds_excess(s.population, p) / (0.5 * (p.min_pop + p.max_pop)) +
             kBoundsWeight * provider_shortfall(s.providers, p);
  return c;
}

ObjectiveTerms PlanState::terms() const {
  const auto& p = *p_;
  ObjectiveTerms t;
  const double m = std::max(p.total_mean, 1e-300);
  const double n_total = std::max(p.total_population, 1.0);
  double engaged = 0;
  for (const auto& s : org_) {
    t.risk += reserve99(s.mean, s.variance, p) / m;
    t.cost += standalone_management_cost(s.population, p.params) / m;
    engaged += s.population * engagement_proxy(s.population, p.params) / n_total;
    t.compactness += (1 - polsby_popper(s.area, s.perimeter)) / parts_;
    t.bounds += bounds_excess(s.population, p) / (0.5 * (p.min_pop + p.max_pop));
    t.providers += provider_shortfall(s.providers, p);
  }
  t.engagement = 1 - engaged;
  t.disruption = mapped_population_ > 0 ? 1 - stayed_ / mapped_population_ : 0;
  const auto w = factors(p);
  t.total = w.risk * t.risk + w.cost * t.cost + w.engagement * t.engagement +
            w.disruption * t.disruption + w.compactness * t.compactness +
            kBoundsWeight * (t.bounds + t.providers);
  return t;
}

void PlanState::shift(std::size_t atom, int to, Sums& k, Sums& l) const {
  const auto& a = p_->atoms.atoms[atom];
  const auto& g = p_->graph;
  const double pop = static_cast<double>(a.population);
  k.perimeter += -g.cell_perimeter[atom] + 2 * shared_with(atom, assignment_[atom]);
  l.perimeter += g.cell_perimeter[atom] - 2 * shared_with(atom, to);
  k.population -= pop;
  l.population += pop;
  k.mean -= a.mean_cost;
  l.mean += a.mean_cost;
  k.variance -= a.cost_variance;
  l.variance += a.cost_variance;
  k.area -= g.cell_area[atom];
  l.area += g.cell_area[atom];
  const auto held = static_cast<double>(a.providers.size());
  k.providers -= held;
  l.providers += held;
}

double PlanState::delta(std::size_t atom, int to) const {
  const int from = assignment_[atom];
  if (from == to) return 0;
  Sums k = org_[static_cast<std::size_t>(from)], l = org_[static_cast<std::size_t>(to)];
  const double before = contribution(k) + contribution(l);
  shift(atom, to, k, l);
  const double stay_change = stays(atom, to) - stays(atom, from);
  const double disruption =
      mapped_population_ > 0 ? -factors(*p_).disruption * stay_change / mapped_population_ : 0;
  return contribution(k) + contribution(l) - before + disruption;
}

void PlanState::move(std::size_t atom, int to) {
  const int from = assignment_[atom];
  if (from == to) return;
  total_ += delta(atom, to);
  shift(atom, to, org_[static_cast<std::size_t>(from)], org_[static_cast<std::size_t>(to)]);
  stayed_ += stays(atom, to) - stays(atom, from);
  --count_[static_cast<std::size_t>(from)];
  ++count_[static_cast<std::size_t>(to)];
  assignment_[atom] = to;
}

}  // namespace pco

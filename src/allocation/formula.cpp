#include "allocation/formula.hpp"

#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "allocation/code_values.hpp"
#include "allocation/rounding.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"
#include "scenario/toml_check.hpp"

namespace pco {

namespace {

struct DefaultComponent {
  const char* name;
  double share;
  const char* weights;
};

// Illustrative shares (see docs/allocation.md): pco ships no published split of the quantum.
constexpr DefaultComponent kDefaults[] = {
    {"general_and_acute", 0.60, "flat"},    {"community", 0.10, "flat"},
    {"mental_health", 0.12, "flat"},        {"prescribing", 0.10, "astro_pu_2013"},
    {"primary_medical_care", 0.08, "flat"},
};

std::filesystem::path resolve(const std::filesystem::path& base, const std::string& p) {
  const std::filesystem::path path(p);
  return path.is_absolute() ? path : base / path;
}

TextFile load(const std::filesystem::path& path) {
  return {path.string(), read_text_file(path)};
}

// A number in [lo, hi] from a row, for read_code_values.
auto number_between(double lo, double hi) {
  return [lo, hi](FieldReader& row, std::size_t col) { return row.number_in(col, lo, hi); };
}

std::vector<double> read_need(const std::filesystem::path& path, const Population& population,
                              DiagnosticList& problems) {
  std::vector<double> need(population.size(), 1.0);
  const auto file = load(path);
  read_code_values(file, {"need", "need_index"}, problems, number_between(0.0, 1000.0),
                   [&](const std::string& code, double value, FieldReader& row, std::size_t col) {
                     const auto index = population.index_of(code);
                     if (!index) {
                       row.problem(col, "a practice in the population");
                       return;
                     }
                     need[*index] = value;
                   });
  return need;
}

// An MFF row names a practice or an organisation at any level; a practice's own row wins
// over its organisations', and a lower level's over a higher one's.
std::vector<double> read_mff(const std::filesystem::path& path, const Population& population,
                             const Configuration& configuration, DiagnosticList& problems) {
  std::vector<double> mff(population.size(), 1.0);
  constexpr int kPracticeRank = -1;
  std::vector<int> set_rank(population.size(), std::numeric_limits<int>::max());
  const auto file = load(path);
  const auto& levels = configuration.levels();
  read_code_values(file, {"mff", "market_forces_factor"}, problems, number_between(0.0, 100.0),
                   [&](const std::string& code, double value, FieldReader& row, std::size_t col) {
                     if (const auto index = population.index_of(code)) {
                       mff[*index] = value;
                       set_rank[*index] = kPracticeRank;
                       return;
                     }
                     for (std::size_t l = 0; l < levels.size(); ++l) {
                       const auto it = levels[l].index.find(code);
                       if (it == levels[l].index.end()) continue;
                       for (const auto p : levels[l].organisations[it->second].members) {
                         if (set_rank[p] > static_cast<int>(l)) {
                           mff[p] = value;
                           set_rank[p] = static_cast<int>(l);
                         }
                       }
                       return;
                     }
                     row.problem(col, "a practice or an organisation of the configuration");
                   });
  return mff;
}

}  // namespace

Formula default_formula(const Population& population) {
  Formula formula;
  for (const auto& d : kDefaults) {
    FormulaComponent c;
    c.name = d.name;
    c.share = d.share;
    c.weights = *builtin_weights(d.weights);
    c.need.assign(population.size(), 1.0);
    c.mff.assign(population.size(), 1.0);
    formula.components.push_back(std::move(c));
  }
  return formula;
}

Formula read_formula(const toml::table& document, const std::string& scenario_file,
                     const std::filesystem::path& base_dir, const Population& population,
                     const Configuration& configuration) {
  const auto* section = document.get_as<toml::table>("formula");
  Formula formula;
  DiagnosticList problems;
  if (section != nullptr) {
    if (const auto* q = section->get("quantum_pence"); q && q->is_integer()) {
      formula.quantum_pence = q->as_integer()->get();
      if (formula.quantum_pence < 0) {
        problems.add(toml_diagnostic(*q, scenario_file, "formula.quantum_pence",
                                     toml_value_text(*q), "a whole number of pence, 0 or more"));
      }
    }
  }
  const auto* list = section ? section->get_as<toml::array>("component") : nullptr;
  if (list == nullptr || list->empty()) {
    const auto quantum = formula.quantum_pence;
    formula = default_formula(population);
    formula.quantum_pence = quantum;
  }
  // Formula-wide need and MFF files apply to every component that names none of its own.
  std::optional<std::vector<double>> common_need;
  std::optional<std::vector<double>> common_mff;
  if (section != nullptr) {
    if (const auto* f = section->get_as<std::string>("need_file")) {
      common_need = read_need(resolve(base_dir, f->get()), population, problems);
    }
    if (const auto* f = section->get_as<std::string>("mff_file")) {
      common_mff = read_mff(resolve(base_dir, f->get()), population, configuration, problems);
    }
  }
  if (list != nullptr && !list->empty()) {
    std::set<std::string> names;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto* t = (*list)[i].as_table();
      if (t == nullptr) continue;  // reported by the schema check
      const auto key = [&](std::string_view k) {
        return fmt::format("formula.component[{}].{}", i, k);
      };
      FormulaComponent c;
      if (const auto* n = t->get("name"); n && n->is_string()) {
        c.name = n->as_string()->get();
        if (!names.insert(c.name).second) {
          problems.add(toml_diagnostic(*n, scenario_file, key("name"), c.name,
                                       "a name not used by another component"));
        }
      }
      const auto* share = t->get("share");
      const auto* quantum = t->get("quantum_pence");
      if (share && (share->is_integer() || share->is_floating_point())) {
        c.share = share->value<double>().value_or(0.0);
        if (!(*c.share >= 0.0 && *c.share <= 1.0)) {
          problems.add(toml_diagnostic(*share, scenario_file, key("share"), toml_value_text(*share),
                                       "a share from 0 to 1"));
        }
      }
      if (quantum && quantum->is_integer()) {
        c.quantum_pence = quantum->as_integer()->get();
        if (*c.quantum_pence < 0) {
          problems.add(toml_diagnostic(*quantum, scenario_file, key("quantum_pence"),
                                       toml_value_text(*quantum),
                                       "a whole number of pence, 0 or more"));
        }
      }
      if ((share != nullptr) == (quantum != nullptr)) {
        problems.add(toml_diagnostic(*t, scenario_file, key("share"), "",
                                     "either share (of formula.quantum_pence) or quantum_pence, "
                                     "not both"));
      }
      const auto* builtin = t->get("weights");
      const auto* file = t->get("weights_file");
      if ((builtin != nullptr) == (file != nullptr)) {
        problems.add(toml_diagnostic(
            *t, scenario_file, key("weights"), "",
            fmt::format("either weights = a built-in curve ({}) or weights_file = FILE",
                        fmt::join(builtin_weight_names(), ", "))));
      } else if (builtin && builtin->is_string()) {
        const auto name = builtin->as_string()->get();
        if (const auto* curve = builtin_weights(name)) {
          c.weights = *curve;
        } else {
          problems.add(toml_diagnostic(
              *builtin, scenario_file, key("weights"), name,
              fmt::format("a built-in curve: {}", fmt::join(builtin_weight_names(), ", "))));
        }
      } else if (file && file->is_string()) {
        c.weights = read_weight_file(load(resolve(base_dir, file->as_string()->get())), problems);
      }
      if (const auto* f = t->get_as<std::string>("need_file")) {
        c.need = read_need(resolve(base_dir, f->get()), population, problems);
      }
      if (const auto* f = t->get_as<std::string>("mff_file")) {
        c.mff = read_mff(resolve(base_dir, f->get()), population, configuration, problems);
      }
      if (const auto* r = t->get_as<bool>("ring_fenced")) c.ring_fenced = r->get();
      formula.components.push_back(std::move(c));
    }
  }
  double share_sum = 0;
  bool any_share = false;
  for (auto& c : formula.components) {
    if (c.need.empty()) c.need = common_need.value_or(std::vector<double>(population.size(), 1.0));
    if (c.mff.empty()) c.mff = common_mff.value_or(std::vector<double>(population.size(), 1.0));
    if (c.share) {
      any_share = true;
      share_sum += *c.share;
    }
  }
  if (any_share && std::abs(share_sum - 1.0) > 1e-9) {
    const toml::node* where = list != nullptr ? static_cast<const toml::node*>(list) : section;
    Diagnostic d{scenario_file,
                 0,
                 0,
                 "formula.component.share",
                 fmt::format("{:.10g}", share_sum),
                 "shares of the components that take a share to sum to 1"};
    if (where != nullptr) d = toml_diagnostic(*where, scenario_file, d.field, d.value, d.expected);
    problems.add(d);
  }
  problems.throw_if_any();
  return formula;
}

std::vector<std::int64_t> component_quanta(const Formula& formula) {
  std::vector<long double> shares;
  for (const auto& c : formula.components)
    shares.push_back(c.share ? static_cast<long double>(*c.share) : 0.0L);
  bool any_share = false;
  for (const auto s : shares)
    any_share = any_share || s > 0;
  auto quanta = any_share ? largest_remainder(formula.quantum_pence, shares)
                          : std::vector<std::int64_t>(shares.size(), 0);
  for (std::size_t i = 0; i < quanta.size(); ++i) {
    if (formula.components[i].quantum_pence) quanta[i] = *formula.components[i].quantum_pence;
  }
  return quanta;
}

}  // namespace pco

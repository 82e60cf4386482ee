#include "allocation/formula.hpp"

#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "allocation/carr_hill.hpp"
#include "allocation/code_values.hpp"
#include "allocation/nhs_structure.hpp"
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
                              DiagnosticList& problems, std::vector<std::string>& notes) {
  const auto file = load(path);
  if (is_payments_file(file.text)) return read_carr_hill_need(file, population, problems, notes);
  std::vector<double> need(population.size(), 1.0);
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

// A cost-adjustment row (MFF, EACA) names a practice or an organisation at any level; a
// practice's own row wins over its organisations', and a lower level's over a higher one's.
std::vector<double> read_cost_file(const std::filesystem::path& path,
                                   std::initializer_list<std::string_view> value_names,
                                   const Population& population, const Configuration& configuration,
                                   DiagnosticList& problems) {
  std::vector<double> out(population.size(), 1.0);
  constexpr int kPracticeRank = -1;
  std::vector<int> set_rank(population.size(), std::numeric_limits<int>::max());
  const auto file = load(path);
  const auto& levels = configuration.levels();
  read_code_values(file, value_names, problems, number_between(0.0, 100.0),
                   [&](const std::string& code, double value, FieldReader& row, std::size_t col) {
                     if (const auto index = population.index_of(code)) {
                       out[*index] = value;
                       set_rank[*index] = kPracticeRank;
                       return;
                     }
                     for (std::size_t l = 0; l < levels.size(); ++l) {
                       const auto it = levels[l].index.find(code);
                       if (it == levels[l].index.end()) continue;
                       for (const auto p : levels[l].organisations[it->second].members) {
                         if (set_rank[p] > static_cast<int>(l)) {
                           out[p] = value;
                           set_rank[p] = static_cast<int>(l);
                         }
                       }
                       return;
                     }
                     row.problem(col, "a practice or an organisation of the configuration");
                   });
  return out;
}

std::vector<double> read_mff(const std::filesystem::path& path, const Population& population,
                             const Configuration& configuration, DiagnosticList& problems) {
  return read_cost_file(path, {"mff", "market_forces_factor"}, population, configuration, problems);
}

double age_sex_weighted(const Practice& p, const WeightCurve& w) {
  long double sum = 0;
  for (int cell = 0; cell < kCells; ++cell)
    sum += static_cast<long double>(p.counts[cell]) * w.cells[cell];
  return static_cast<double>(sum);
}

std::int64_t mapped_population(const Population& population, const Configuration& configuration) {
  std::int64_t n = 0;
  for (std::size_t p = 0; p < population.size(); ++p)
    if (configuration.is_mapped(p)) n += population.practices()[p].list_size();
  return n;
}

// Reads [[formula.stream]] into `streams` (replacing a stream of the same name, adding others).
void read_streams(const toml::table& section, const std::string& file,
                  std::vector<FormulaStream>& streams, DiagnosticList& problems) {
  const auto* list = section.get_as<toml::array>("stream");
  if (list == nullptr) return;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto* t = (*list)[i].as_table();
    if (t == nullptr) continue;
    const auto key = [&](std::string_view k) { return fmt::format("formula.stream[{}].{}", i, k); };
    FormulaStream s;
    if (const auto* n = t->get_as<std::string>("name")) s.name = n->get();
    if (!seen.insert(s.name).second) {
      problems.add(toml_diagnostic(*t, file, key("name"), s.name, "each stream named once"));
      continue;
    }
    const auto* q = t->get("quantum_pence");
    const auto* h = t->get("per_head_pence");
    if ((q != nullptr) == (h != nullptr)) {
      problems.add(toml_diagnostic(*t, file, key("quantum_pence"), "",
                                   "either quantum_pence or per_head_pence, not both"));
      continue;
    }
    const auto* node = q ? q : h;
    const auto value = node->value<std::int64_t>();
    if (!value || *value < 0) {
      problems.add(toml_diagnostic(*node, file, key(q ? "quantum_pence" : "per_head_pence"),
                                   toml_value_text(*node), "a whole number of pence, 0 or more"));
      continue;
    }
    if (q) s.quantum_pence = *value;
    if (h) s.per_head_pence = *value;
    s.source = fmt::format("{} ({})", file, key(q ? "quantum_pence" : "per_head_pence"));
    bool replaced = false;
    for (auto& existing : streams) {
      if (existing.name != s.name) continue;
      existing.quantum_pence = s.quantum_pence;
      existing.per_head_pence = s.per_head_pence;
      existing.source = s.source;
      replaced = true;
    }
    if (!replaced) streams.push_back(std::move(s));
  }
}

// Sets each component's base from its weighted-population column: the file's weighted
// population for matched practices; for the others the component's age-sex curve, scaled so
// that it is on the file's scale (same total per weighted person over the matched practices).
void fill_weighted_bases(Formula& formula, const Population& population,
                         const Configuration& configuration, const WeightedNeed* weighted) {
  std::size_t fallback = 0;
  for (auto& c : formula.components) {
    if (!c.weighted_column || weighted == nullptr) continue;
    c.base.assign(population.size(), 0.0);
    long double file_sum = 0, curve_sum = 0;
    for (std::size_t p = 0; p < population.size(); ++p) {
      if (!configuration.is_mapped(p) || !weighted->has(p)) continue;
      c.base[p] = weighted->weighted(p, *c.weighted_column);
      file_sum += c.base[p];
      curve_sum += age_sex_weighted(population.practices()[p], c.weights);
    }
    const double scale = curve_sum > 0 ? static_cast<double>(file_sum / curve_sum) : 1.0;
    std::size_t here = 0;
    for (std::size_t p = 0; p < population.size(); ++p) {
      if (!configuration.is_mapped(p) || weighted->has(p)) continue;
      c.base[p] = age_sex_weighted(population.practices()[p], c.weights) * scale;
      ++here;
    }
    fallback = std::max(fallback, here);
  }
  if (fallback > 0 && weighted != nullptr) {
    formula.notes.push_back(fmt::format(
        "{} mapped practices are not in the weighted-populations file; their need comes from "
        "pco's age-sex weights scaled to the file",
        fallback));
  }
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

std::int64_t default_quantum_pence(std::int64_t population) {
  return static_cast<std::int64_t>(std::llround(static_cast<long double>(kDefaultQuantumPence) *
                                                population / kDefaultQuantumPopulation));
}

Formula read_formula(const toml::table& document, const std::string& scenario_file,
                     const std::filesystem::path& base_dir, const Population& population,
                     const Configuration& configuration, const WeightedNeed* weighted,
                     const CellValues* service_weights) {
  const auto* section = document.get_as<toml::table>("formula");
  Formula formula;
  formula.quantum_pence = default_quantum_pence(population.total_patients());
  DiagnosticList problems;
  std::optional<std::int64_t> given_quantum;
  std::string structure;
  if (section != nullptr) {
    if (const auto* q = section->get("quantum_pence"); q && q->is_integer()) {
      given_quantum = q->as_integer()->get();
      if (*given_quantum < 0) {
        problems.add(toml_diagnostic(*q, scenario_file, "formula.quantum_pence",
                                     toml_value_text(*q), "a whole number of pence, 0 or more"));
      }
    }
    if (const auto* s = section->get("structure"); s && s->is_string()) {
      structure = s->as_string()->get();
      if (structure != kNhs202526 && structure != "pco_default") {
        problems.add(toml_diagnostic(*s, scenario_file, "formula.structure", structure,
                                     fmt::format("{} or pco_default", kNhs202526)));
      } else if (structure == kNhs202526 && weighted == nullptr) {
        problems.add(toml_diagnostic(
            *s, scenario_file, "formula.structure", structure,
            "NHS England's weighted populations ([population] weighted_populations or "
            "--weighted-populations FILE): the 2025/26 structure is built on them"));
      }
    }
  }
  if (given_quantum) formula.quantum_pence = *given_quantum;
  const auto* list = section ? section->get_as<toml::array>("component") : nullptr;
  const bool explicit_components = list != nullptr && !list->empty();
  if (!explicit_components && structure.empty() && weighted != nullptr) structure = kNhs202526;
  if (explicit_components && structure == kNhs202526) {
    problems.add({scenario_file, 0, 0, "formula.structure", structure,
                  "either structure = \"nhs_2025_26\" or [[formula.component]] tables, not both"});
  }
  if (!explicit_components) {
    if (structure == kNhs202526 && weighted != nullptr) {
      auto preset = nhs_2025_26_formula(*weighted, population);
      preset.notes.insert(preset.notes.begin(), formula.notes.begin(), formula.notes.end());
      formula = std::move(preset);
    } else {
      const auto quantum = formula.quantum_pence;
      formula = default_formula(population);
      formula.quantum_pence = quantum;
    }
    // Left empty so that [formula] need_file / mff_file reach the default components too.
    for (auto& c : formula.components) {
      c.need.clear();
      if (c.cost_adjustment.empty()) c.mff.clear();
    }
  }
  if (section != nullptr) read_streams(*section, scenario_file, formula.streams, problems);
  // Formula-wide need and MFF files apply to every component that names none of its own.
  std::optional<std::vector<double>> common_need;
  std::optional<std::vector<double>> common_mff;
  if (section != nullptr) {
    if (const auto* f = section->get_as<std::string>("need_file")) {
      common_need = read_need(resolve(base_dir, f->get()), population, problems, formula.notes);
    }
    if (const auto* f = section->get_as<std::string>("mff_file")) {
      common_mff = read_mff(resolve(base_dir, f->get()), population, configuration, problems);
    }
    if (const auto* c = section->get("cost_adjustment"); c && c->is_string()) {
      const auto value = c->as_string()->get();
      if (value == "none") {
        for (auto& comp : formula.components) {
          comp.mff.clear();
          comp.cost_adjustment.clear();
        }
      } else if (value != "implied") {
        problems.add(toml_diagnostic(*c, scenario_file, "formula.cost_adjustment", value,
                                     "implied or none"));
      }
    }
  }
  if (explicit_components) {
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
      if (const auto* s = t->get_as<std::string>("stream")) c.stream = s->get();
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
      const auto* column = t->get("weighted_population");
      if (column && column->is_string()) {
        const auto name = column->as_string()->get();
        c.weighted_column = parse_wp_column(name);
        if (!c.weighted_column) {
          std::vector<std::string> keys;
          for (const auto col : all_wp_columns())
            keys.emplace_back(wp_column_key(col));
          problems.add(toml_diagnostic(
              *column, scenario_file, key("weighted_population"), name,
              fmt::format("a weighted-populations column: {}", fmt::join(keys, ", "))));
        } else if (weighted == nullptr) {
          problems.add(toml_diagnostic(*column, scenario_file, key("weighted_population"), name,
                                       "NHS England's weighted populations ([population] "
                                       "weighted_populations or --weighted-populations FILE)"));
        }
      }
      const auto* builtin = t->get("weights");
      const auto* file = t->get("weights_file");
      if (builtin != nullptr && file != nullptr) {
        problems.add(toml_diagnostic(*t, scenario_file, key("weights"), "",
                                     "either weights = a built-in curve or weights_file = FILE"));
      } else if (builtin == nullptr && file == nullptr) {
        if (column != nullptr) {
          c.weights = *builtin_weights("flat");  // the fallback for practices not in the file
        } else {
          problems.add(toml_diagnostic(
              *t, scenario_file, key("weights"), "",
              fmt::format("either weights = a built-in curve ({}) or weights_file = FILE",
                          fmt::join(builtin_weight_names(), ", "))));
        }
      } else if (builtin && builtin->is_string()) {
        const auto name = builtin->as_string()->get();
        if (const auto* curve = builtin_weights(name)) {
          c.weights = *curve;
        } else if (name == kServicesCurve && service_weights != nullptr) {
          c.weights = services_weight_curve(*service_weights);
        } else if (name == kServicesCurve) {
          // Every command passes it: a caller that does not is a bug, not bad input.
          throw std::logic_error(
              "read_formula: weights = \"pco_services\" without the service "
              "model's weights");
        } else {
          problems.add(toml_diagnostic(
              *builtin, scenario_file, key("weights"), name,
              fmt::format("a built-in curve: {}", fmt::join(builtin_weight_names(), ", "))));
        }
      } else if (file && file->is_string()) {
        c.weights = read_weight_file(load(resolve(base_dir, file->as_string()->get())), problems);
      }
      if (const auto* f = t->get_as<std::string>("need_file")) {
        c.need = read_need(resolve(base_dir, f->get()), population, problems, formula.notes);
      }
      if (const auto* f = t->get_as<std::string>("mff_file")) {
        c.mff = read_mff(resolve(base_dir, f->get()), population, configuration, problems);
      }
      if (const auto* f = t->get_as<std::string>("eaca_file")) {
        const auto share_node = t->get("eaca_share");
        const double a = share_node ? share_node->value<double>().value_or(-1) : -1;
        if (!(a >= 0 && a <= 1)) {
          problems.add(toml_diagnostic(share_node ? *share_node : *t, scenario_file,
                                       key("eaca_share"),
                                       share_node ? toml_value_text(*share_node) : "",
                                       "the emergency ambulance share of the component, 0 to 1, "
                                       "with eaca_file"));
        } else {
          const auto eaca = read_cost_file(resolve(base_dir, f->get()), {"eaca"}, population,
                                           configuration, problems);
          if (c.mff.empty()) c.mff.assign(population.size(), 1.0);
          for (std::size_t p = 0; p < population.size(); ++p)
            c.mff[p] *= 1 - a + a * eaca[p];
          c.cost_adjustment = "mff and eaca files";
        }
      }
      if (const auto* r = t->get_as<bool>("ring_fenced")) c.ring_fenced = r->get();
      formula.components.push_back(std::move(c));
    }
  }
  // Streams: every component's stream must exist; a one-stream formula needs none named.
  std::set<std::string> stream_names;
  for (const auto& s : formula.streams)
    stream_names.insert(s.name);
  for (std::size_t i = 0; i < formula.components.size(); ++i) {
    const auto& c = formula.components[i];
    if (formula.streams.empty() ? !c.stream.empty() : !stream_names.count(c.stream)) {
      problems.add({scenario_file, 0, 0, fmt::format("formula.component[{}].stream", i), c.stream,
                    formula.streams.empty()
                        ? std::string("a [[formula.stream]] of that name (none are defined)")
                        : fmt::format("one of the streams: {}", fmt::join(stream_names, ", "))});
    }
  }
  const auto people = mapped_population(population, configuration);
  if (!formula.streams.empty()) {
    formula.quantum_pence = 0;
    for (auto& s : formula.streams) {
      s.quantum = s.quantum_pence ? *s.quantum_pence : *s.per_head_pence * people;
      formula.quantum_pence += s.quantum;
    }
    if (given_quantum && *given_quantum != formula.quantum_pence) {
      problems.add({scenario_file, 0, 0, "formula.quantum_pence", std::to_string(*given_quantum),
                    fmt::format("the sum of the streams' quanta ({}) or no quantum_pence",
                                formula.quantum_pence)});
    }
  }
  std::vector<double> share_sum(std::max<std::size_t>(formula.streams.size(), 1), 0.0);
  std::vector<bool> any_share(share_sum.size(), false);
  const auto streams = component_streams(formula);
  for (std::size_t i = 0; i < formula.components.size(); ++i) {
    auto& c = formula.components[i];
    if (c.need.empty()) c.need = common_need.value_or(std::vector<double>(population.size(), 1.0));
    if (c.mff.empty()) c.mff = common_mff.value_or(std::vector<double>(population.size(), 1.0));
    if (c.share) {
      any_share[streams[i]] = true;
      share_sum[streams[i]] += *c.share;
    }
  }
  for (std::size_t s = 0; s < share_sum.size(); ++s) {
    if (!any_share[s] || std::abs(share_sum[s] - 1.0) <= 1e-9) continue;
    const toml::node* where = list != nullptr ? static_cast<const toml::node*>(list) : section;
    Diagnostic d{scenario_file,
                 0,
                 0,
                 "formula.component.share",
                 fmt::format("{:.10g}", share_sum[s]),
                 formula.streams.empty()
                     ? std::string("shares of the components that take a share to sum to 1")
                     : fmt::format("shares of the components of stream {} to sum to 1",
                                   formula.streams[s].name)};
    if (where != nullptr) d = toml_diagnostic(*where, scenario_file, d.field, d.value, d.expected);
    problems.add(d);
  }
  problems.throw_if_any();
  fill_weighted_bases(formula, population, configuration, weighted);
  return formula;
}

std::vector<std::size_t> component_streams(const Formula& formula) {
  std::vector<std::size_t> out(formula.components.size(), 0);
  for (std::size_t i = 0; i < formula.components.size(); ++i)
    for (std::size_t s = 0; s < formula.streams.size(); ++s)
      if (formula.streams[s].name == formula.components[i].stream) out[i] = s;
  return out;
}

std::vector<std::int64_t> component_quanta(const Formula& formula) {
  const auto streams = component_streams(formula);
  const auto stream_count = std::max<std::size_t>(formula.streams.size(), 1);
  std::vector<std::int64_t> quanta(formula.components.size(), 0);
  for (std::size_t s = 0; s < stream_count; ++s) {
    const auto quantum =
        formula.streams.empty() ? formula.quantum_pence : formula.streams[s].quantum;
    std::vector<long double> shares;
    std::vector<std::size_t> members;
    bool any_share = false;
    for (std::size_t i = 0; i < formula.components.size(); ++i) {
      if (streams[i] != s) continue;
      const auto& c = formula.components[i];
      shares.push_back(c.share ? static_cast<long double>(*c.share) : 0.0L);
      members.push_back(i);
      any_share = any_share || shares.back() > 0;
    }
    if (!any_share) continue;
    const auto parts = largest_remainder(quantum, shares);
    for (std::size_t k = 0; k < members.size(); ++k)
      quanta[members[k]] = parts[k];
  }
  for (std::size_t i = 0; i < quanta.size(); ++i) {
    if (formula.components[i].quantum_pence) quanta[i] = *formula.components[i].quantum_pence;
  }
  return quanta;
}

}  // namespace pco

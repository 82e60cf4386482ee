#include "governance/indicators.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/text.hpp"
#include "governance/csv_input.hpp"

namespace pco {

namespace {

std::optional<double> optional_number(FieldReader& reader, std::optional<std::size_t> column,
                                      std::string_view expected, bool& ok) {
  if (!column || trim(reader.text(*column)).empty()) return std::nullopt;
  const auto v = reader.number(*column, expected);
  ok = ok && v.has_value();
  return v;
}

std::optional<double> non_negative(FieldReader& reader, std::size_t column) {
  const auto v = parse_double(trim(reader.text(column)));
  if (!v || !std::isfinite(*v) || *v < 0) {
    reader.problem(column, "a number of 0 or more");
    return std::nullopt;
  }
  return v;
}

Rag rag_for(const IndicatorDefinition& d, std::optional<double> value) {
  if (!value) return Rag::not_computable;
  if (!d.target) return Rag::no_target;
  const auto at_least_as_good = [&](double threshold) {
    return d.low_is_good ? *value <= threshold : *value >= threshold;
  };
  if (at_least_as_good(*d.target)) return Rag::green;
  if (d.amber && at_least_as_good(*d.amber)) return Rag::amber;
  return Rag::red;
}

std::string compare(const IndicatorDefinition& d, std::optional<double> value,
                    std::optional<double> parent) {
  if (!value || !parent) return "";
  if (*value == *parent) return "same";
  return (*value < *parent) == d.low_is_good ? "better" : "worse";
}

// Percent rank (rank of the smallest tied value - 1) / (n - 1), as SQL's PERCENT_RANK and
// OpenPrescribing's measures use; deciles from the type-7 quantiles.
void rank_level(const IndicatorDefinition& d, IndicatorLevel& level) {
  std::vector<double> values;
  for (const auto& u : level.units)
    if (u.value) values.push_back(*u.value);
  std::sort(values.begin(), values.end());
  level.computable = values.size();
  if (!values.empty()) {
    for (int k = 1; k <= 9; ++k)
      level.deciles.push_back(quantile_sorted(values, k / 10.0));
  }
  for (auto& u : level.units) {
    u.rag = rag_for(d, u.value);
    if (!u.value) continue;
    const auto below = static_cast<std::size_t>(
        std::lower_bound(values.begin(), values.end(), *u.value) - values.begin());
    if (values.size() > 1)
      u.percentile = 100.0 * static_cast<double>(below) / static_cast<double>(values.size() - 1);
    int band = 1;
    for (const double cut : level.deciles)
      if (cut < *u.value) ++band;
    u.decile = band;
  }
}

// Sums, not ratios, are added up the tree, in practice order.
void add_practice(IndicatorUnit& into, const IndicatorUnit& practice) {
  into.practices_with_data += practice.practices_with_data;
  into.numerator += practice.numerator;
  into.denominator += practice.denominator;
}

void finish_unit(const IndicatorDefinition& d, IndicatorUnit& u) {
  if (u.denominator > 0) u.value = u.numerator / u.denominator * d.multiplier;
}

}  // namespace

std::vector<IndicatorDefinition> parse_indicator_definitions(std::string_view text,
                                                             const std::string& file) {
  DiagnosticList problems;
  const auto doc = parse_csv_document(
      text, file, "code,name,low_is_good,target,amber,multiplier,units", problems);
  const auto cols =
      require_columns(doc.header, {{"code", {"code", "indicator"}}, {"name", {"name"}}}, file,
                      doc.header_line, problems);
  problems.throw_if_any();
  const auto low = doc.header.find({"low_is_good"});
  const auto target = doc.header.find({"target"});
  const auto amber = doc.header.find({"amber"});
  const auto multiplier = doc.header.find({"multiplier"});
  const auto units = doc.header.find({"units", "unit"});
  std::vector<IndicatorDefinition> defs;
  std::set<std::string> seen;
  for (const auto& record : doc.records) {
    FieldReader reader(file, record, &doc.header, problems);
    IndicatorDefinition d;
    const auto code = reader.required_text(*cols[0], "an indicator code");
    const auto name = reader.required_text(*cols[1], "an indicator name");
    bool ok = code && name;
    if (low && !trim(reader.text(*low)).empty()) {
      const auto v = parse_yes_no(reader.text(*low));
      if (v) {
        d.low_is_good = *v;
      } else {
        reader.problem(*low, "yes or no");
        ok = false;
      }
    }
    d.target = optional_number(reader, target, "a number", ok);
    d.amber = optional_number(reader, amber, "a number", ok);
    if (const auto m = optional_number(reader, multiplier, "a number above 0", ok)) {
      if (*m <= 0) {
        reader.problem(*multiplier, "a number above 0");
        ok = false;
      }
      d.multiplier = *m;
    }
    if (units) d.units = std::string(trim(reader.text(*units)));
    if (d.amber && !d.target) {
      reader.problem(*amber, "empty unless a target is given");
      ok = false;
    } else if (d.amber && (d.low_is_good ? *d.amber < *d.target : *d.amber > *d.target)) {
      reader.problem(*amber, fmt::format("a threshold {} the target {} (low_is_good is {})",
                                         d.low_is_good ? "at or above" : "at or below", *d.target,
                                         d.low_is_good ? "yes" : "no"));
      ok = false;
    }
    if (code && !seen.insert(*code).second) {
      reader.problem(*cols[0], "a code not already defined");
      ok = false;
    }
    if (!ok) continue;
    d.code = *code;
    d.name = *name;
    defs.push_back(std::move(d));
  }
  problems.sort_by_position();
  problems.throw_if_any();
  return defs;
}

std::vector<IndicatorDefinition> read_indicator_definitions(const std::string& path) {
  return parse_indicator_definitions(read_text_file(path), path);
}

std::vector<IndicatorObservation> parse_indicator_values(
    std::string_view text, const std::string& file,
    const std::vector<IndicatorDefinition>& definitions) {
  DiagnosticList problems;
  const auto doc =
      parse_csv_document(text, file, "practice,indicator,numerator,denominator", problems);
  const auto cols = require_columns(doc.header,
                                    {{"practice", {"practice", "practice_code", "code"}},
                                     {"indicator", {"indicator", "measure"}},
                                     {"numerator", {"numerator"}},
                                     {"denominator", {"denominator"}}},
                                    file, doc.header_line, problems);
  problems.throw_if_any();
  std::string known;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < definitions.size(); ++i) {
    index[definitions[i].code] = i;
    known += (known.empty() ? "" : ", ") + definitions[i].code;
  }
  std::vector<IndicatorObservation> out;
  std::map<std::pair<std::string, std::size_t>, std::size_t> seen;
  for (const auto& record : doc.records) {
    FieldReader reader(file, record, &doc.header, problems);
    const auto practice = reader.required_text(*cols[0], "a practice code");
    const auto indicator = reader.required_text(*cols[1], "an indicator code");
    const auto num = non_negative(reader, *cols[2]);
    const auto den = non_negative(reader, *cols[3]);
    std::optional<std::size_t> which;
    if (indicator) {
      const auto it = index.find(*indicator);
      if (it == index.end()) {
        reader.problem(*cols[1], "a defined indicator: " + known);
      } else {
        which = it->second;
      }
    }
    if (!practice || !which || !num || !den) continue;
    const auto [it, inserted] = seen.emplace(std::make_pair(*practice, *which), record.line);
    if (!inserted) {
      reader.problem(
          *cols[0],
          fmt::format("one row per practice and indicator (already at line {})", it->second));
      continue;
    }
    out.push_back({*practice, *which, *num, *den});
  }
  problems.sort_by_position();
  problems.throw_if_any();
  return out;
}

std::vector<IndicatorObservation> read_indicator_values(
    const std::string& path, const std::vector<IndicatorDefinition>& definitions) {
  return parse_indicator_values(read_text_file(path), path, definitions);
}

std::string_view rag_label(Rag rag) {
  switch (rag) {
    case Rag::green:
      return "green";
    case Rag::amber:
      return "amber";
    case Rag::red:
      return "red";
    case Rag::no_target:
      return "no target";
    case Rag::not_computable:
      return "not computable";
  }
  return "not computable";
}

double quantile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::nan("");
  const double h = (static_cast<double>(sorted.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

IndicatorRollup roll_up_indicators(const Population& population, const Configuration& configuration,
                                   const std::vector<IndicatorDefinition>& definitions,
                                   const std::vector<IndicatorObservation>& observations) {
  IndicatorRollup rollup;
  const auto n_practices = population.size();
  const auto& levels = configuration.levels();
  // Per indicator, the practice's observation (index into `observations`) or none.
  std::vector<std::vector<std::ptrdiff_t>> obs(definitions.size(),
                                               std::vector<std::ptrdiff_t>(n_practices, -1));
  std::vector<std::string> unknown;
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const auto p = population.index_of(observations[i].practice);
    if (!p) {
      unknown.push_back(observations[i].practice);
      continue;
    }
    obs[observations[i].indicator][*p] = static_cast<std::ptrdiff_t>(i);
  }
  if (!unknown.empty()) {
    std::sort(unknown.begin(), unknown.end());
    unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
    std::string examples;
    for (std::size_t i = 0; i < std::min<std::size_t>(unknown.size(), 10); ++i)
      examples += (i ? ", " : "") + unknown[i];
    rollup.notes.push_back(fmt::format(
        "{} practices have indicator values but are not in the population and are left out: "
        "{}{}",
        unknown.size(), examples, unknown.size() > 10 ? ", ..." : ""));
  }

  for (std::size_t k = 0; k < definitions.size(); ++k) {
    const auto& d = definitions[k];
    IndicatorResult result{d, {}};
    // Practice level.
    IndicatorLevel practice_level{std::string(kPracticeLevel), {}, {}, 0};
    practice_level.units.reserve(n_practices);
    for (std::size_t p = 0; p < n_practices; ++p) {
      const auto& pr = population.practices()[p];
      IndicatorUnit u;
      u.code = pr.code;
      u.name = pr.name.empty() ? pr.code : pr.name;
      if (levels.empty()) {
        u.parent = std::string(kNationalLevel);
        u.parent_index = 0;
      } else if (configuration.member_of(0, p) >= 0) {
        u.parent_index = configuration.member_of(0, p);
        u.parent = levels[0].organisations[static_cast<std::size_t>(u.parent_index)].code;
      }
      u.practices = 1;
      if (obs[k][p] >= 0) {
        const auto& o = observations[obs[k][p]];
        u.practices_with_data = 1;
        u.numerator = o.numerator;
        u.denominator = o.denominator;
      }
      finish_unit(d, u);
      practice_level.units.push_back(std::move(u));
    }
    result.levels.push_back(std::move(practice_level));
    // Configuration levels: sums over member practices, in member order.
    for (std::size_t l = 0; l < levels.size(); ++l) {
      IndicatorLevel level{levels[l].name, {}, {}, 0};
      for (const auto& org : levels[l].organisations) {
        IndicatorUnit u;
        u.code = org.code;
        u.name = org.name.empty() ? org.code : org.name;
        if (l + 1 < levels.size()) {
          if (org.parent >= 0) u.parent = levels[l + 1].organisations[org.parent].code;
          u.parent_index = org.parent;
        } else {
          u.parent = std::string(kNationalLevel);
          u.parent_index = 0;
        }
        u.practices = org.members.size();
        for (const auto p : org.members)
          add_practice(u, result.levels[0].units[p]);
        finish_unit(d, u);
        level.units.push_back(std::move(u));
      }
      result.levels.push_back(std::move(level));
    }
    // National: every practice of the population.
    IndicatorLevel national{std::string(kNationalLevel), {}, {}, 0};
    IndicatorUnit all;
    all.code = std::string(kNationalLevel);
    all.name = "All practices";
    for (const auto& pu : result.levels[0].units) {
      ++all.practices;
      add_practice(all, pu);
    }
    finish_unit(d, all);
    national.units.push_back(std::move(all));
    result.levels.push_back(std::move(national));

    for (auto& level : result.levels)
      rank_level(d, level);
    // Each unit against its parent: practices against their first-level organisation, top
    // organisations against the national figure.
    for (std::size_t l = 0; l + 1 < result.levels.size(); ++l) {
      const auto& above = result.levels[l + 1].units;
      for (auto& u : result.levels[l].units) {
        if (u.parent_index < 0) continue;
        u.parent_value = above[static_cast<std::size_t>(u.parent_index)].value;
        u.vs_parent = compare(d, u.value, u.parent_value);
      }
    }
    rollup.indicators.push_back(std::move(result));
  }
  return rollup;
}

}  // namespace pco

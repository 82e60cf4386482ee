#include "demand/service_scenario.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/error.hpp"
#include "demand/tariff.hpp"
#include "risk/model_spec.hpp"
#include "scenario/toml_check.hpp"

namespace pco {

namespace {

std::string file_of(const Scenario& scenario) {
  return scenario.file.empty() ? std::string("scenario") : scenario.file.string();
}

// A number the user gave, checked against [lo, hi]; records a problem when out of range.
std::optional<double> number(const toml::table& t, std::string_view key, double lo, double hi,
                             const std::string& expected, const std::string& file,
                             const std::string& path, DiagnosticList& problems) {
  const auto* node = t.get(key);
  if (node == nullptr) return std::nullopt;
  const auto value = node->value<double>();
  if (!value) return std::nullopt;  // wrong type: reported by the schema check
  if (!(*value >= lo && *value <= hi)) {
    problems.add(toml_diagnostic(*node, file, path + "." + std::string(key), toml_value_text(*node),
                                 expected));
    return std::nullopt;
  }
  return value;
}

ServiceLine read_line(const toml::table& t, const std::string& path, const Scenario& scenario,
                      DiagnosticList& problems) {
  const std::string file = file_of(scenario);
  ServiceLine s;
  const auto& where = t.source().begin;
  s.line = where.line;
  s.column = where.column;
  if (const auto* n = t.get_as<std::string>("name")) s.name = n->get();
  if (const auto* l = t.get_as<std::string>("level")) {
    s.level = l->get();
    if (s.level.empty())
      problems.add(toml_diagnostic(*l, file, path + ".level", "", "a commissioning level"));
  } else {
    problems.add(Diagnostic{file, s.line, s.column, path + ".level", s.name,
                            "a commissioning level (practice, organisation, national or a "
                            "configuration level name)"});
  }
  constexpr double kBig = 1e12;
  if (const auto* rates = t.get_as<toml::array>("rates")) {
    if (rates->size() != static_cast<std::size_t>(kCells)) {
      problems.add(toml_diagnostic(*rates, file, path + ".rates",
                                   fmt::format("{} values", rates->size()),
                                   "40 rates: men 0-4 … 95+, then women 0-4 … 95+"));
    } else {
      for (std::size_t i = 0; i < rates->size(); ++i) {
        const auto v = (*rates)[i].value<double>();
        if (!v || !(*v >= 0 && *v < kBig)) {
          problems.add(toml_diagnostic((*rates)[i], file, fmt::format("{}.rates[{}]", path, i),
                                       toml_value_text((*rates)[i]), "a rate >= 0"));
        } else {
          s.rates[i] = *v;
        }
      }
    }
    if (t.contains("rate_per_head"))
      problems.add(toml_diagnostic(*t.get("rate_per_head"), file, path + ".rate_per_head", "",
                                   "either rates or rate_per_head, not both"));
  } else if (t.contains("rate_per_head")) {
    AgeCurve curve;
    const auto rph =
        number(t, "rate_per_head", 0, kBig, "a rate per person-year >= 0", file, path, problems);
    curve.rate_per_head = rph.value_or(0);
    curve.slope = number(t, "age_slope", -1, 1, "a slope per year in [-1, 1]", file, path, problems)
                      .value_or(0);
    curve.curvature =
        number(t, "age_curvature", -10, 10, "a curvature in [-10, 10]", file, path, problems)
            .value_or(0);
    curve.infant = number(t, "infant", 0, kBig, "a number >= 0", file, path, problems).value_or(0);
    curve.floor = number(t, "floor", 0, kBig, "a number >= 0", file, path, problems).value_or(0);
    curve.female_ratio =
        number(t, "female_ratio", 0, kBig, "a ratio >= 0", file, path, problems).value_or(1);
    s.rates = curve_rates(curve);
  } else {
    problems.add(Diagnostic{file, s.line, s.column, path + ".rates", s.name,
                            "rates (40 values) or rate_per_head with an age curve"});
  }
  if (const auto* b = t.get_as<bool>("need_scaled")) s.need_scaled = b->get();
  s.phi = number(t, "phi", 0, 1e6, "an over-dispersion phi >= 0", file, path, problems).value_or(0);
  const auto* cost = t.get_as<std::string>("cost");
  const auto* tariff = t.get_as<std::string>("tariff");
  if ((cost == nullptr) == (tariff == nullptr)) {
    problems.add(Diagnostic{file, s.line, s.column, path + ".cost", s.name,
                            "exactly one of cost (a severity such as \"lognormal:7.2,1.1\") or "
                            "tariff (a CSV file)"});
  } else {
    const toml::node& node = cost ? static_cast<const toml::node&>(*cost) : *tariff;
    try {
      if (cost) {
        s.severity_text = cost->get();
        s.severity = parse_severity_spec(s.severity_text);
      } else {
        auto p = std::filesystem::path(tariff->get());
        if (p.is_relative() && !scenario.file.empty()) p = scenario.file.parent_path() / p;
        s.severity_text = "tariff:" + tariff->get();
        s.severity = read_tariff(p);
      }
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics())
        problems.add(d);
    } catch (const Error& e) {
      problems.add(toml_diagnostic(node, file, path + (cost ? ".cost" : ".tariff"),
                                   toml_value_text(node), e.what()));
    }
  }
  if (const auto* providers = t.get_as<toml::array>("provider");
      providers && providers->is_array_of_tables()) {
    double total = 0;
    for (const auto& p : *providers) {
      const auto& pt = *p.as_table();
      ProviderShare share;
      if (const auto* n = pt.get_as<std::string>("name")) share.name = n->get();
      share.share =
          number(pt, "share", 0, 1, "a share in [0, 1]", file, path + ".provider", problems)
              .value_or(0);
      total += share.share;
      s.providers.push_back(share);
    }
    if (std::fabs(total - 1) > 1e-9)
      problems.add(toml_diagnostic(*providers, file, path + ".provider",
                                   fmt::format("shares summing to {:.6g}", total),
                                   "provider shares summing to 1"));
  }
  return s;
}

}  // namespace

ServiceModel read_service_model(const Scenario& scenario) {
  ServiceModel model;
  bool defaults = true;
  if (const auto* risk = scenario.table.get_as<toml::table>("risk"))
    if (const auto* d = risk->get_as<bool>("default_services")) defaults = d->get();
  if (defaults) model = default_service_model();
  const auto* lines = scenario.table.get_as<toml::array>("service");
  if (lines == nullptr || !lines->is_array_of_tables()) {
    if (model.services.empty())
      throw InputError(Diagnostic{file_of(scenario), 0, 0, "service", "",
                                  "at least one [[service]] when default_services = false"});
    return model;
  }
  model.source = defaults ? "default England model with " + file_of(scenario) : file_of(scenario);
  DiagnosticList problems;
  std::size_t i = 0;
  for (const auto& node : *lines) {
    auto line = read_line(*node.as_table(), fmt::format("service[{}]", i++), scenario, problems);
    bool replaced = false;
    for (auto& existing : model.services)
      if (existing.name == line.name) {
        existing = line;
        replaced = true;
      }
    if (!replaced) model.services.push_back(std::move(line));
  }
  problems.sort_by_position();
  problems.throw_if_any();
  return model;
}

RiskSettings read_risk_settings(const Scenario& scenario) {
  RiskSettings settings;
  if (const auto* risk = scenario.table.get_as<toml::table>("risk")) {
    DiagnosticList problems;
    const std::string file = file_of(scenario);
    settings.margin =
        number(*risk, "margin", -0.99, 10, "a margin in [-0.99, 10]", file, "risk", problems)
            .value_or(0);
    auto& s = settings.sources;
    const std::string sd = "a relative standard deviation in [0, 1]";
    s.formula_practice_sd = number(*risk, "formula_practice_sd", 0, 1, sd, file, "risk", problems)
                                .value_or(s.formula_practice_sd);
    s.formula_area_sd = number(*risk, "formula_area_sd", 0, 1, sd, file, "risk", problems)
                            .value_or(s.formula_area_sd);
    s.shock_sd = number(*risk, "shock_sd", 0, 1, sd, file, "risk", problems).value_or(s.shock_sd);
    s.effective_list = number(*risk, "effective_list", 1, 1e9, "a list size (people) in [1, 1e9]",
                              file, "risk", problems)
                           .value_or(s.effective_list);
    if (const auto* list = risk->get_as<toml::array>("sources")) {
      std::string names;
      for (const auto& node : *list) {
        const auto name = node.value<std::string>();
        if (!name) continue;  // wrong type: reported by the schema check
        names += (names.empty() ? "" : ",") + *name;
      }
      try {
        parse_sources(names, s);
      } catch (const UsageError&) {
        problems.add(toml_diagnostic(*list, file, "risk.sources", toml_value_text(*list),
                                     "a non-empty list of distinct sources: \"chance\", "
                                     "\"formula\", \"shock\""));
      }
    }
    problems.sort_by_position();
    problems.throw_if_any();
  }
  return settings;
}

std::string resolve_level(const std::string& level, const std::string& default_level) {
  return level == kOrganisationLevel ? default_level : level;
}

void check_service_levels(const ServiceModel& model, const Configuration& configuration,
                          const std::string& file) {
  std::string known = "practice, organisation, national";
  for (const auto& l : configuration.levels())
    if (l.name != kOrganisationLevel) known += ", " + l.name;
  DiagnosticList problems;
  for (const auto& s : model.services) {
    if (s.level == kPracticeLevel || s.level == kNationalLevel || s.level == kOrganisationLevel)
      continue;
    if (configuration.level_index(s.level)) continue;
    problems.add(Diagnostic{s.line > 0 ? file : std::string("default model"), s.line, s.column,
                            "service " + s.name + " level", s.level, "one of: " + known});
  }
  problems.throw_if_any();
}

}  // namespace pco

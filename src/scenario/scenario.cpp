#include "scenario/scenario.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/extract_date.hpp"
#include "scenario/toml_check.hpp"

namespace pco {

namespace {

std::vector<std::string> strings(const toml::node* node) {
  std::vector<std::string> out;
  if (const auto* a = node ? node->as_array() : nullptr) {
    for (const auto& e : *a) {
      if (const auto* s = e.as_string()) out.push_back(s->get());
    }
  }
  return out;
}

std::string string_or(const toml::table& t, std::string_view key, std::string fallback = {}) {
  if (const auto* s = t.get_as<std::string>(key)) return s->get();
  return fallback;
}

std::filesystem::path resolve(const std::filesystem::path& base, const std::string& p) {
  const std::filesystem::path path(p);
  return path.is_absolute() ? path : base / path;
}

// A date key of the scenario as ISO, or "" (with a problem recorded when it is malformed).
std::string date_or_empty(const toml::table& t, std::string_view key, const std::string& path,
                          const std::string& file, DiagnosticList& problems) {
  const auto* node = t.get(key);
  if (node == nullptr || !node->is_string()) return {};
  const auto date = parse_extract_date(node->as_string()->get());
  if (!date) {
    problems.add(
        toml_diagnostic(*node, file, path, node->as_string()->get(), "a date such as 2026-04-01"));
    return {};
  }
  return *date;
}

}  // namespace

Scenario parse_scenario_document(std::string_view text, const std::string& file_name) {
  Scenario scenario;
  scenario.file = file_name;
  scenario.text = std::string(text);
  try {
    scenario.table = toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    throw InputError({file_name, where.line, where.column, "", "",
                      fmt::format("valid TOML ({})", e.description())});
  }
  return scenario;
}

void read_foundation_sections(Scenario& scenario, const std::filesystem::path& base_dir,
                              DiagnosticList& problems) {
  const std::string file_name = scenario.file.string();
  const auto& t = scenario.table;

  if (const auto* v = t.get("schema_version");
      v && v->is_integer() && v->as_integer()->get() != kScenarioSchemaVersion) {
    problems.add(
        toml_diagnostic(*v, file_name, "schema_version", toml_value_text(*v),
                        fmt::format("{} (the version this pco reads)", kScenarioSchemaVersion)));
  }
  scenario.name = string_or(t, "name", std::filesystem::path(file_name).stem().string());
  if (const auto* v = t.get("seed"); v && v->is_integer()) {
    if (v->as_integer()->get() < 0) {
      problems.add(toml_diagnostic(*v, file_name, "seed", toml_value_text(*v),
                                   "a whole number of 0 or more"));
    } else {
      scenario.seed = static_cast<std::uint64_t>(v->as_integer()->get());
    }
  }

  if (const auto* pop = t.get_as<toml::table>("population")) {
    for (const auto& f : strings(pop->get("files"))) {
      scenario.population.files.push_back(resolve(base_dir, f));
    }
    if (const auto* f = pop->get_as<std::string>("file")) {
      scenario.population.files.push_back(resolve(base_dir, f->get()));
    }
    if (const auto* f = pop->get_as<std::string>("ods")) {
      scenario.population.ods = resolve(base_dir, f->get());
    }
    if (const auto* f = pop->get_as<std::string>("postcode_districts")) {
      scenario.population.postcode_districts = resolve(base_dir, f->get());
    }
    if (const auto* f = pop->get_as<std::string>("locations")) {
      scenario.population.locations = resolve(base_dir, f->get());
    }
    if (const auto* f = pop->get_as<std::string>("weighted_populations")) {
      scenario.population.weighted_populations = resolve(base_dir, f->get());
    }
  }
  if (const auto* syn = t.get_as<toml::table>("synthetic")) {
    SyntheticInputs s;
    if (const auto* v = syn->get("seed"); v && v->is_integer()) {
      if (v->as_integer()->get() < 0) {
        problems.add(toml_diagnostic(*v, file_name, "synthetic.seed", toml_value_text(*v),
                                     "a whole number of 0 or more"));
      }
      s.seed = static_cast<std::uint64_t>(v->as_integer()->get());
    } else if (scenario.seed) {
      s.seed = *scenario.seed;
    }
    if (const auto* v = syn->get("practices"); v && v->is_integer()) {
      s.practices = v->as_integer()->get();
      if (s.practices < 10 || s.practices > 20000) {
        problems.add(toml_diagnostic(*v, file_name, "synthetic.practices", toml_value_text(*v),
                                     "a number of practices from 10 to 20000"));
      }
    }
    scenario.synthetic = s;
  }
  if (scenario.synthetic && !scenario.population.files.empty()) {
    problems.add({file_name, 0, 0, "population.files", "",
                  "either [population] files or a [synthetic] economy, not both"});
  }
  if (!scenario.synthetic && scenario.population.files.empty()) {
    problems.add({file_name, 0, 0, "population", "",
                  "a [population] section with files, or a [synthetic] section"});
  }

  auto& config = scenario.configuration;
  config.source = scenario.synthetic ? ConfigurationInputs::Source::synthetic
                                     : ConfigurationInputs::Source::population;
  if (const auto* c = t.get_as<toml::table>("configuration")) {
    if (const auto* m = c->get_as<std::string>("map")) {
      config.map = resolve(base_dir, m->get());
      config.source = ConfigurationInputs::Source::map;
    }
    if (const auto* s = c->get("source"); s && s->is_string()) {
      const auto value = s->as_string()->get();
      if (value == "map") {
        config.source = ConfigurationInputs::Source::map;
      } else if (value == "population") {
        config.source = ConfigurationInputs::Source::population;
      } else if (value == "ods") {
        config.source = ConfigurationInputs::Source::ods;
      } else if (value == "synthetic") {
        config.source = ConfigurationInputs::Source::synthetic;
      } else {
        problems.add(toml_diagnostic(*s, file_name, "configuration.source", value,
                                     "one of map, population, ods, synthetic"));
      }
      if (value == "map" && !config.map) {
        problems.add(toml_diagnostic(*s, file_name, "configuration.source", value,
                                     "a configuration.map file when source is map"));
      }
      if (value == "ods" && !scenario.population.ods) {
        problems.add(toml_diagnostic(*s, file_name, "configuration.source", value,
                                     "a population.ods file when source is ods"));
      }
      if (value == "synthetic" && !scenario.synthetic) {
        problems.add(toml_diagnostic(*s, file_name, "configuration.source", value,
                                     "a [synthetic] section when source is synthetic"));
      }
    }
    config.level_names = strings(c->get("levels"));
    config.level = string_or(*c, "level");
    if (const auto* merges = c->get_as<toml::array>("merge");
        merges && merges->is_array_of_tables()) {
      for (const auto& m : *merges) {
        const auto& mt = *m.as_table();
        config.merges.push_back(
            {string_or(mt, "level"), strings(mt.get("codes")), string_or(mt, "code"),
             string_or(mt, "name"),
             date_or_empty(mt, "effective", "configuration.merge.effective", file_name, problems)});
      }
    }
    if (const auto* moves = c->get_as<toml::array>("move"); moves && moves->is_array_of_tables()) {
      for (const auto& m : *moves) {
        const auto& mt = *m.as_table();
        config.moves.push_back(
            {string_or(mt, "practice"), string_or(mt, "level"), string_or(mt, "to"),
             date_or_empty(mt, "effective", "configuration.move.effective", file_name, problems)});
      }
    }
    if (const auto* feds = c->get_as<toml::array>("federation");
        feds && feds->is_array_of_tables()) {
      for (const auto& f : *feds) {
        const auto& ft = *f.as_table();
        FederationSpec spec{string_or(ft, "code"),
                            string_or(ft, "name"),
                            string_or(ft, "level"),
                            strings(ft.get("members")),
                            strings(ft.get("shared_functions")),
                            false};
        if (const auto* b = ft.get_as<bool>("shared_risk_pool")) spec.shared_risk_pool = b->get();
        spec.effective = date_or_empty(ft, "effective", "configuration.federation.effective",
                                       file_name, problems);
        config.federations.push_back(std::move(spec));
      }
    }
  }
  if (const auto* c = t.get_as<toml::table>("configuration")) {
    config.as_of = date_or_empty(*c, "as_of", "configuration.as_of", file_name, problems);
    if (const auto* transfers = c->get_as<toml::array>("transfer");
        transfers && transfers->is_array_of_tables()) {
      for (const auto& node : *transfers) {
        const auto& tt = *node.as_table();
        TransferEdit edit{string_or(tt, "level"),
                          string_or(tt, "from"),
                          string_or(tt, "to"),
                          string_or(tt, "to_name"),
                          strings(tt.get("areas")),
                          std::nullopt,
                          date_or_empty(tt, "effective", "configuration.transfer.effective",
                                        file_name, problems)};
        if (const auto* f = tt.get_as<std::string>("areas_file"))
          edit.areas_file = resolve(base_dir, f->get());
        if (edit.areas.empty() != !edit.areas_file) {
          problems.add(toml_diagnostic(tt, file_name, "configuration.transfer.areas", "",
                                       "both areas (codes) and areas_file (GeoJSON), or neither"));
        }
        config.transfers.push_back(std::move(edit));
      }
    }
    if (const auto* series = c->get_as<toml::array>("map_series");
        series && series->is_array_of_tables()) {
      for (const auto& node : *series) {
        const auto& mt = *node.as_table();
        const auto from =
            date_or_empty(mt, "from", "configuration.map_series.from", file_name, problems);
        config.map_series.push_back({from, resolve(base_dir, string_or(mt, "file"))});
      }
      std::sort(config.map_series.begin(), config.map_series.end(),
                [](const DatedMap& a, const DatedMap& b) { return a.from < b.from; });
      if (config.map) {
        problems.add({file_name, 0, 0, "configuration.map_series", "",
                      "either configuration.map or configuration.map_series, not both"});
      }
      if (!config.map_series.empty()) config.source = ConfigurationInputs::Source::map;
    }
  }
}

}  // namespace pco

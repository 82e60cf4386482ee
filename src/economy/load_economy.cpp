#include "economy/load_economy.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "demand/service_scenario.hpp"
#include "geo/areas.hpp"
#include "model/dated_mapping.hpp"
#include "readers/geojson_boundaries.hpp"
#include "readers/locations.hpp"
#include "readers/mapping_file.hpp"
#include "readers/ods_practices.hpp"
#include "readers/population_file.hpp"
#include "readers/weighted_populations.hpp"
#include "synth/synthetic_economy.hpp"

namespace pco {

namespace {

// An edit is in force on `as_of` when it has no date or its date is on or before it; with no
// as-of date every edit is applied.
bool in_force(const std::string& effective, const std::string& as_of) {
  return effective.empty() || as_of.empty() || effective <= as_of;
}

// The practices a transfer moves: those of organisation `from` (at whichever level has that
// code, lowest first), optionally only those located inside the named areas.
std::vector<std::size_t> transfer_practices(const TransferEdit& t, const Population& population,
                                            const Configuration& configuration) {
  std::vector<std::size_t> practices;
  for (const auto& level : configuration.levels()) {
    if (const auto* org = level.find(t.from)) {
      practices = org->members;
      break;
    }
  }
  if (practices.empty())
    throw UsageError(
        fmt::format("transfer: no organisation with code \"{}\" at any level", t.from));
  if (!t.areas_file) return practices;
  auto boundaries =
      parse_geojson_boundaries({t.areas_file->string(), read_text_file(*t.areas_file)});
  std::vector<Boundary> wanted;
  for (auto& b : boundaries)
    if (std::find(t.areas.begin(), t.areas.end(), b.code) != t.areas.end())
      wanted.push_back(std::move(b));
  if (wanted.size() != t.areas.size()) {
    std::vector<std::string> missing;
    for (const auto& code : t.areas)
      if (std::none_of(wanted.begin(), wanted.end(),
                       [&](const Boundary& b) { return b.code == code; }))
        missing.push_back(code);
    throw UsageError(fmt::format("transfer from {}: {} has no area {}", t.from,
                                 t.areas_file->string(), fmt::join(missing, ", ")));
  }
  const AreaIndex index(std::move(wanted));
  std::vector<std::size_t> inside;
  for (const auto p : practices) {
    const auto& loc = population.practices()[p].location;
    if (loc && index.containing(*loc) >= 0) inside.push_back(p);
  }
  return inside;
}

}  // namespace

void apply_edits(const ConfigurationInputs& inputs, const Population& population,
                 Configuration& configuration) {
  const auto& as_of = inputs.as_of;
  for (const auto& m : inputs.merges)
    if (in_force(m.effective, as_of)) configuration.merge(m.level, m.codes, m.code, m.name);
  for (const auto& m : inputs.moves) {
    if (in_force(m.effective, as_of))
      configuration.move_practice(population, m.practice, m.level, m.to);
  }
  // Transfers select their practices on the configuration before any of them is applied, so
  // their order does not matter.
  std::vector<std::pair<const TransferEdit*, std::vector<std::size_t>>> transfers;
  for (const auto& t : inputs.transfers)
    if (in_force(t.effective, as_of))
      transfers.emplace_back(&t, transfer_practices(t, population, configuration));
  for (const auto& [t, practices] : transfers)
    configuration.transfer(t->level, practices, t->to, t->to_name);
  for (const auto& f : inputs.federations) {
    if (!in_force(f.effective, as_of)) continue;
    configuration.add_federation(Federation{f.code, f.name.empty() ? f.code : f.name, f.level,
                                            f.members, f.shared_functions, f.shared_risk_pool});
  }
}

std::string choose_default_level(const Configuration& configuration, const std::string& wanted) {
  if (!wanted.empty()) return configuration.level(wanted).name;  // validates the name
  for (const auto* name : {"organisation", "ccg", "sub_icb", "pco", "commissioner"}) {
    if (configuration.level_index(name)) return name;
  }
  const auto& levels = configuration.levels();
  if (levels.size() > 1 && levels[0].name == "network") return levels[1].name;
  return levels.front().name;
}

namespace {

// Matches NHS England's weighted populations to the population (need), and places practices
// that have no exact location at the file's coordinates.
void attach_weighted_populations(const Scenario& scenario,
                                 std::shared_ptr<const WeightedPopulations> file_table,
                                 Economy& economy) {
  std::shared_ptr<const WeightedPopulations> table;
  bool population_is_file = false;
  if (scenario.population.weighted_populations) {
    table = std::make_shared<const WeightedPopulations>(
        read_weighted_populations_file(*scenario.population.weighted_populations));
    population_is_file = file_table && file_table->source_file == table->source_file;
    economy.notes.insert(economy.notes.end(), table->notes.begin(), table->notes.end());
  } else if (file_table) {
    table = std::move(file_table);
    population_is_file = true;
  }
  if (!table) return;
  auto& population = economy.population;
  economy.weighted_need = match_weighted_need(table, population, population_is_file);
  const auto& need = *economy.weighted_need;
  if (!population_is_file) {
    economy.notes.push_back(fmt::format(
        "weighted populations{} from {}: {} of {} practices matched ({} patients); the others' "
        "need comes from pco's age-sex model; {} practices of the file are not in the population",
        table->year.empty() ? "" : " " + table->year, table->source_file, need.matched,
        population.size(), need.matched_patients, need.file_rows_unmatched));
  }
  std::size_t placed = 0;
  for (std::size_t p = 0; p < population.size(); ++p) {
    auto& practice = population.practices()[p];
    if (!need.has(p) || (practice.location && !practice.location_is_approximate)) continue;
    const auto& row = table->rows[static_cast<std::size_t>(need.row[p])];
    if (!row.location) continue;
    practice.location = row.location;
    practice.location_is_approximate = false;
    ++placed;
  }
  // Said even when the population is the file: a postcode-district note before this one would
  // otherwise leave the impression that the locations are approximate.
  if (placed > 0)
    economy.notes.push_back(fmt::format(
        "{} practices located exactly from the weighted-populations file's coordinates", placed));
}

}  // namespace

Economy load_economy(const Scenario& scenario) {
  Economy economy;
  std::shared_ptr<const WeightedPopulations> file_table;  // the population file, if it is one
  std::optional<MappingTable> embedded;
  std::optional<MappingTable> synthetic_mapping;
  if (scenario.synthetic) {
    auto synthetic =
        generate_synthetic_economy({scenario.synthetic->seed, scenario.synthetic->practices});
    economy.population = std::move(synthetic.population);
    synthetic_mapping = std::move(synthetic.mapping);
    economy.notes.push_back(fmt::format("synthetic economy: seed {}, {} practices, {} patients",
                                        scenario.synthetic->seed, economy.population.size(),
                                        economy.population.total_patients()));
  } else {
    std::vector<TextFile> files;
    for (const auto& path : scenario.population.files)
      files.push_back({path.string(), read_text_file(path)});
    PopulationSource source;
    if (files.size() == 1 && is_weighted_populations_file(files[0].text)) {
      // The weighted-populations file is both the population and the need.
      auto table =
          std::make_shared<const WeightedPopulations>(parse_weighted_populations(files[0]));
      source = weighted_populations_as_population(*table);
      file_table = std::move(table);
    } else {
      source = read_population(files);
    }
    economy.population = std::move(source.population);
    embedded = std::move(source.embedded_mapping);
    economy.notes = std::move(source.notes);
  }
  auto& population = economy.population;

  std::vector<OdsPractice> ods;
  if (scenario.population.ods) {
    const auto path = *scenario.population.ods;
    ods = parse_epraccur({path.string(), read_text_file(path)});
    const auto found = apply_ods(population, ods);
    std::size_t closed_with_patients = 0;
    for (const auto& p : population.practices()) {
      if (p.status == PracticeStatus::closed) ++closed_with_patients;
    }
    economy.notes.push_back(fmt::format("{} of {} practices found in the ODS file {}", found,
                                        population.size(), path.string()));
    if (closed_with_patients > 0) {
      economy.notes.push_back(fmt::format(
          "{} practices are marked closed in ODS but still have registered patients in the "
          "population file; they are kept, as their patients still need funding",
          closed_with_patients));
    }
  }
  if (scenario.population.locations) {
    const auto path = *scenario.population.locations;
    const auto report = apply_practice_locations(
        population, parse_practice_locations({path.string(), read_text_file(path)}));
    economy.notes.push_back(
        fmt::format("{} practices located exactly from {}; {} without a "
                    "location",
                    report.located, path.string(), report.unlocated.size()));
  } else if (scenario.population.postcode_districts) {
    const auto path = *scenario.population.postcode_districts;
    const auto report = locate_by_postcode_district(
        population, parse_postcode_districts({path.string(), read_text_file(path)}));
    economy.notes.push_back(
        fmt::format("{} practices placed at postcode-district centroids; {} "
                    "without a known district",
                    report.located, report.unlocated.size()));
  }

  attach_weighted_populations(scenario, file_table, economy);

  const auto& inputs = scenario.configuration;
  MappingTable mapping;
  switch (inputs.source) {
    case ConfigurationInputs::Source::map: {
      auto path = inputs.map;
      if (!inputs.map_series.empty()) {
        // The latest map in force on the as-of date (the latest of all without one).
        for (const auto& m : inputs.map_series)
          if (inputs.as_of.empty() || m.from <= inputs.as_of) path = m.file;
        if (!path)
          throw UsageError(
              fmt::format("no map of configuration.map_series is in force on {} (the "
                          "first is from {})",
                          inputs.as_of, inputs.map_series.front().from));
        economy.notes.push_back(fmt::format("configuration{} from {}",
                                            inputs.as_of.empty() ? "" : " on " + inputs.as_of,
                                            path->string()));
      }
      const auto text = read_text_file(*path);
      const TextFile file{path->string(), text};
      if (inputs.level_names.size() >= 1) {
        mapping =
            parse_membership(file, inputs.level_names[0],
                             inputs.level_names.size() > 1 ? inputs.level_names[1] : "parent");
      } else {
        mapping = read_mapping(file);
      }
      break;
    }
    case ConfigurationInputs::Source::population:
      if (!embedded) {
        throw UsageError(
            "the population file names no organisations; give [configuration] map = FILE "
            "(or --map FILE)");
      }
      mapping = std::move(*embedded);
      break;
    case ConfigurationInputs::Source::ods:
      mapping = ods_commissioner_mapping(ods, scenario.population.ods->string());
      break;
    case ConfigurationInputs::Source::synthetic:
      mapping = std::move(*synthetic_mapping);
      break;
  }
  if (mapping.dated) mapping = mapping_as_of(mapping, inputs.as_of);
  economy.configuration = Configuration::build(population, mapping, economy.join);
  apply_edits(inputs, population, economy.configuration);
  economy.default_level = choose_default_level(economy.configuration, inputs.level);
  // Service lines and [risk] are checked here, once and the same way for every command that
  // loads an economy, so no command accepts a scenario that another rejects.
  if (scenario.table.contains("service") || scenario.table.contains("risk")) {
    const auto model = read_service_model(scenario);
    read_risk_settings(scenario);
    check_service_levels(model, economy.configuration, scenario.file.string());
  }
  return economy;
}

}  // namespace pco

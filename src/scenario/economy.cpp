#include "scenario/economy.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "readers/locations.hpp"
#include "readers/mapping_file.hpp"
#include "readers/ods_practices.hpp"
#include "readers/population_file.hpp"
#include "readers/weighted_populations.hpp"
#include "synth/synthetic_economy.hpp"

namespace pco {

void apply_edits(const ConfigurationInputs& inputs, const Population& population,
                 Configuration& configuration) {
  for (const auto& m : inputs.merges)
    configuration.merge(m.level, m.codes, m.code, m.name);
  for (const auto& m : inputs.moves) {
    configuration.move_practice(population, m.practice, m.level, m.to);
  }
  for (const auto& f : inputs.federations) {
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
  if (placed > 0 && !population_is_file)
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
      const auto text = read_text_file(*inputs.map);
      const TextFile file{inputs.map->string(), text};
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
  economy.configuration = Configuration::build(population, mapping, economy.join);
  apply_edits(inputs, population, economy.configuration);
  economy.default_level = choose_default_level(economy.configuration, inputs.level);
  return economy;
}

}  // namespace pco

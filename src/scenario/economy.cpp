#include "scenario/economy.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "demand/service_scenario.hpp"
#include "readers/locations.hpp"
#include "readers/mapping_file.hpp"
#include "readers/ods_practices.hpp"
#include "readers/population_file.hpp"
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

Economy load_economy(const Scenario& scenario) {
  Economy economy;
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
    auto source = read_population_files(scenario.population.files);
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

#pragma once
// Readers for registered-population files. Each takes the decoded text and the file name (so
// tests and fuzzers need no disk) and either returns the whole population or throws
// InputError listing every problem found.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/mapping.hpp"
#include "model/population.hpp"

namespace pco {

enum class PopulationFormat {
  nhs_registered,        // NHS Digital "Patients Registered at a GP Practice" (totals, quinary,
                         // single year of age)
  list_size_9band,       // 2013/2015 list-size files: Male 0-4 ... Female 75+, with PCO codes
  plain_cells,           // practice,sex,age_band,count
  weighted_populations,  // NHS England's practice weighted populations (projected totals)
};

std::string_view format_label(PopulationFormat format);

struct TextFile {
  std::string name;  // as shown in messages
  std::string text;  // decoded UTF-8
};

struct PopulationSource {
  PopulationFormat format{};
  Population population;
  // Organisations named in the population file itself (CCG codes in NHS files, PCO / area
  // team / region in the list-size files), usable as a configuration without a map file.
  std::optional<MappingTable> embedded_mapping;
  // Informational notes for the user (rows skipped by design, imputed structures).
  std::vector<std::string> notes;
};

// Recognises the layout from the header line; nullopt if it is none of the known ones.
std::optional<PopulationFormat> detect_population_format(std::string_view text);

// Reads one or more files of the same layout (e.g. the male and female single-year files).
PopulationSource read_population(const std::vector<TextFile>& files);
PopulationSource read_population_files(const std::vector<std::filesystem::path>& paths);

PopulationSource parse_nhs_registered(const std::vector<TextFile>& files);
PopulationSource parse_list_size_9band(const TextFile& file);
PopulationSource parse_plain_cells(const TextFile& file);

}  // namespace pco

// The 2013/2015 practice list-size files: one row per practice with Male/Female counts in 9
// age bands (0-4, 5-14, ..., 75+) and the practice's PCO, area team and region.

#include <unordered_map>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "model/reference_profile.hpp"
#include "readers/population_file.hpp"

namespace pco {

PopulationSource parse_list_size_9band(const TextFile& file) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  if (!parser.next(record)) {
    throw InputError({file.name, 0, 0, "", "", "a header line and at least one practice row"});
  }
  const CsvHeader header(record);
  // Practice code and name, three organisation codes, then Male/Female for each of 9 bands.
  std::vector<RequiredColumn> wanted = {{"Practice Code", {"Practice Code"}},
                                        {"Practice Name", {"Practice Name"}},
                                        {"PCO Code", {"PCO Code"}},
                                        {"Area Team Code", {"Area Team Code"}},
                                        {"Regional Office Code", {"Regional Office Code"}}};
  std::vector<std::string> band_names;
  for (int s = 0; s < kSexes; ++s) {
    for (const auto& band : nine_bands()) {
      band_names.push_back(fmt::format("{} {}", s == 0 ? "Male" : "Female", band.label));
    }
  }
  for (const auto& name : band_names)
    wanted.push_back({name, {name}});
  const auto found = require_columns(header, wanted, file.name, record.line, problems);
  problems.throw_if_any();
  const auto code_col = found[0];
  const auto name_col = found[1];
  const std::array<std::optional<std::size_t>, 3> org_cols = {found[2], found[3], found[4]};
  const std::array<std::optional<std::size_t>, 3> org_name_cols = {
      header.find({"PCO Name"}), header.find({"Area Team Name"}),
      header.find({"Regional Office Name"})};
  std::array<std::array<std::optional<std::size_t>, 9>, 2> band_cols{};
  for (std::size_t s = 0; s < 2; ++s) {
    for (std::size_t b = 0; b < 9; ++b)
      band_cols[s][b] = found[5 + s * 9 + b];
  }
  problems.throw_if_any();

  PopulationSource source;
  source.format = PopulationFormat::list_size_9band;
  MappingTable mapping;
  mapping.levels = {"pco", "area_team", "region"};
  mapping.source_file = file.name;
  std::unordered_map<std::string, std::size_t> first_line;
  std::size_t rows = 0;
  while (parser.next(record)) {
    ++rows;
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    const auto code = row.required_text(*code_col, "a practice code");
    bool ok = code.has_value();
    std::array<std::array<std::int64_t, 9>, 2> counts{};
    for (std::size_t s = 0; s < 2; ++s) {
      for (std::size_t b = 0; b < 9; ++b) {
        const auto c = row.count(*band_cols[s][b]);
        if (!c) {
          ok = false;
          continue;
        }
        counts[s][b] = *c;
      }
    }
    if (!ok) continue;
    const auto [it, fresh] = first_line.emplace(*code, record.line);
    if (!fresh) {
      row.problem(*code_col, fmt::format("each practice once (first at line {})", it->second));
      continue;
    }
    Practice practice;
    practice.code = *code;
    practice.name = std::string(trim(row.text(*name_col)));
    practice.source = fmt::format("{}:{}", file.name, record.line);
    practice.imputed_structure = true;
    for (std::size_t s = 0; s < 2; ++s) {
      for (std::size_t b = 0; b < 9; ++b) {
        const auto& band = nine_bands()[b];
        const auto sex = static_cast<Sex>(s);
        spread_count(counts[s][b], cell_index(sex, band.first_band),
                     cell_index(sex, band.last_band), national_reference_profile(),
                     practice.counts);
      }
    }
    if (practice.list_size() == 0) {
      source.population.excluded.push_back(
          {practice.code, "registered list of 0 patients", practice.source});
      continue;
    }
    MappingRow mapping_row{practice.code, {}, practice.source, {}, {}};
    for (std::size_t l = 0; l < 3; ++l) {
      mapping_row.orgs.push_back(
          {std::string(trim(row.text(*org_cols[l]))),
           org_name_cols[l] ? std::string(trim(row.text(*org_name_cols[l]))) : std::string()});
    }
    mapping.rows.push_back(std::move(mapping_row));
    source.population.add(std::move(practice));
  }
  if (rows == 0)
    problems.add({file.name, 0, 0, "", "", "at least one practice row after the header"});
  problems.throw_if_any();
  source.embedded_mapping = std::move(mapping);
  source.notes.push_back(
      fmt::format("age-sex structure read in 9 bands and spread over quinary cells by the national "
                  "reference profile for {} practices (flagged as imputed)",
                  source.population.size()));
  if (!source.population.excluded.empty()) {
    source.notes.push_back(fmt::format("{} practices with a registered list of 0 were left out",
                                       source.population.excluded.size()));
  }
  return source;
}

}  // namespace pco

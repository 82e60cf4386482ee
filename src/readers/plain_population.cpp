// The plain layout for users with their own data: practice,sex,age_band,count, one row per
// practice and cell; optional name and postcode columns.

#include <map>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "readers/population_file.hpp"

namespace pco {

PopulationSource parse_plain_cells(const TextFile& file) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  if (!parser.next(record)) {
    throw InputError({file.name, 0, 0, "", "", "a header line and at least one practice row"});
  }
  const CsvHeader header(record);
  const auto found = require_columns(header,
                                     {{"practice", {"practice"}},
                                      {"sex", {"sex"}},
                                      {"age_band", {"age_band"}},
                                      {"count", {"count"}}},
                                     file.name, record.line, problems);
  problems.throw_if_any();
  const auto practice_col = found[0];
  const auto sex_col = found[1];
  const auto band_col = found[2];
  const auto count_col = found[3];
  const auto name_col = header.find({"name"});
  const auto postcode_col = header.find({"postcode"});

  std::map<std::string, std::size_t> seen;  // practice|cell -> line
  std::vector<Practice> practices;
  std::map<std::string, std::size_t> index;
  std::size_t rows = 0;
  while (parser.next(record)) {
    ++rows;
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    const auto code = row.required_text(*practice_col, "a practice code");
    const auto sex = parse_sex(row.text(*sex_col));
    if (!sex) row.problem(*sex_col, "M, F, male or female");
    const auto band = parse_age_band(row.text(*band_col));
    if (!band) row.problem(*band_col, "an age band 0-4, 5-9, ..., 90-94 or 95+");
    const auto count = row.count(*count_col);
    if (!code || !sex || !band || !count) continue;
    const int cell = cell_index(*sex, *band);
    const auto [dup, fresh] = seen.emplace(fmt::format("{}|{}", *code, cell), record.line);
    if (!fresh) {
      row.problem_with_value(*practice_col, *code,
                             fmt::format("one row per practice and age-sex cell ({} repeats "
                                         "line {})",
                                         cell_label(cell), dup->second));
      continue;
    }
    auto [it, inserted] = index.try_emplace(*code, practices.size());
    if (inserted) {
      Practice p;
      p.code = *code;
      p.source = fmt::format("{}:{}", file.name, record.line);
      practices.push_back(std::move(p));
    }
    auto& p = practices[it->second];
    p.counts[cell] += *count;
    if (name_col && p.name.empty()) p.name = std::string(trim(row.text(*name_col)));
    if (postcode_col && p.postcode.empty()) {
      p.postcode = std::string(trim(row.text(*postcode_col)));
    }
  }
  if (rows == 0)
    problems.add({file.name, 0, 0, "", "", "at least one practice row after the header"});
  problems.throw_if_any();

  PopulationSource source;
  source.format = PopulationFormat::plain_cells;
  for (auto& p : practices) {
    if (p.list_size() == 0) {
      source.population.excluded.push_back({p.code, "registered list of 0 patients", p.source});
      continue;
    }
    source.population.add(std::move(p));
  }
  if (!source.population.excluded.empty()) {
    source.notes.push_back(fmt::format("{} practices with a registered list of 0 were left out",
                                       source.population.excluded.size()));
  }
  return source;
}

}  // namespace pco

#include "allocation/carr_hill.hpp"

#include <fmt/format.h>

#include "core/csv.hpp"

namespace pco {

namespace {

constexpr std::string_view kWeighted = "Number of Weighted Patients (Last Known Figure)";
constexpr std::string_view kRegistered = "Number of Registered Patients (Last Known Figure)";

}  // namespace

bool is_payments_file(std::string_view text) {
  const auto header = text.substr(0, text.find('\n'));
  return header.find(kWeighted) != std::string_view::npos &&
         header.find(kRegistered) != std::string_view::npos;
}

std::vector<double> read_carr_hill_need(const TextFile& file, const Population& population,
                                        DiagnosticList& problems, std::vector<std::string>& notes) {
  std::vector<double> need(population.size(), 1.0);
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  if (!parser.next(record)) return need;
  const CsvHeader header(record);
  const auto cols = require_columns(header,
                                    {{"Practice Code", {"Practice Code"}},
                                     {std::string(kRegistered), {kRegistered}},
                                     {std::string(kWeighted), {kWeighted}}},
                                    file.name, record.line, problems);
  if (!cols[0] || !cols[1] || !cols[2]) return need;
  std::vector<bool> found(population.size(), false);
  std::size_t not_in_population = 0;
  std::size_t empty_lists = 0;
  while (parser.next(record)) {
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    const auto code = row.required_text(*cols[0], "a practice code");
    const auto registered = row.number_in(*cols[1], 0.0, 1e7);
    const auto weighted = row.number_in(*cols[2], 0.0, 1e7);
    if (!code || !registered || !weighted) continue;
    const auto index = population.index_of(*code);
    if (!index) {
      ++not_in_population;
      continue;
    }
    if (*registered <= 0) {
      ++empty_lists;
      continue;
    }
    if (found[*index]) {
      row.problem(*cols[0], "each practice once");
      continue;
    }
    found[*index] = true;
    need[*index] = *weighted / *registered;
  }
  std::size_t missing = 0;
  for (const bool f : found)
    missing += f ? 0 : 1;
  notes.push_back(fmt::format(
      "Carr-Hill need from {}: {} practices indexed; {} in the file but not in the population "
      "and {} with no registered patients were ignored; {} practices of the population have no "
      "row and keep need 1",
      file.name, population.size() - missing, not_in_population, empty_lists, missing));
  return need;
}

}  // namespace pco

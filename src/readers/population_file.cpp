#include "readers/population_file.hpp"

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "readers/weighted_populations.hpp"

namespace pco {

std::string_view format_label(PopulationFormat format) {
  switch (format) {
    case PopulationFormat::nhs_registered:
      return "nhs-registered";
    case PopulationFormat::list_size_9band:
      return "list-size-9band";
    case PopulationFormat::plain_cells:
      return "plain";
    case PopulationFormat::weighted_populations:
      return "weighted-populations";
  }
  return "unknown";
}

std::optional<PopulationFormat> detect_population_format(std::string_view text) {
  DiagnosticList ignored;
  CsvParser parser(text, "", ignored);
  CsvRecord record;
  if (!parser.next(record)) return std::nullopt;
  const CsvHeader header(record);
  if (header.find({"NUMBER_OF_PATIENTS"}) && header.find({"CODE", "ORG_CODE", "PRACTICE_CODE"}) &&
      header.find({"SEX"})) {
    return PopulationFormat::nhs_registered;
  }
  if (header.find({"Practice Code"}) && header.find({"Male 0-4"})) {
    return PopulationFormat::list_size_9band;
  }
  if (is_weighted_populations_file(text)) return PopulationFormat::weighted_populations;
  if (header.find({"practice"}) && header.find({"sex"}) && header.find({"age_band"}) &&
      header.find({"count"})) {
    return PopulationFormat::plain_cells;
  }
  return std::nullopt;
}

PopulationSource read_population(const std::vector<TextFile>& files) {
  if (files.empty()) throw UsageError("no population file given");
  std::optional<PopulationFormat> format;
  DiagnosticList problems;
  for (const auto& file : files) {
    const auto detected = detect_population_format(file.text);
    if (!detected) {
      const auto first_line = file.text.substr(0, file.text.find_first_of("\r\n"));
      problems.add({file.name, 1, 0, "header", first_line,
                    "the header of an NHS Digital registered-patients file "
                    "(...,SEX,...,NUMBER_OF_PATIENTS), a list-size file (Practice Code,Male "
                    "0-4,...), NHS England's weighted populations (Practice_Code,...,Final WP,...) "
                    "or a plain file (practice,sex,age_band,count)"});
      continue;
    }
    if (format && *format != *detected) {
      problems.add({file.name, 1, 0, "header", std::string(format_label(*detected)),
                    fmt::format("the same layout as the first file ({})", format_label(*format))});
    }
    if (!format) format = detected;
  }
  problems.throw_if_any();
  switch (*format) {
    case PopulationFormat::nhs_registered:
      return parse_nhs_registered(files);
    case PopulationFormat::list_size_9band:
    case PopulationFormat::plain_cells:
    case PopulationFormat::weighted_populations:
      if (files.size() != 1) {
        throw UsageError(fmt::format("{} files are read one at a time; got {} files",
                                     format_label(*format), files.size()));
      }
      if (*format == PopulationFormat::weighted_populations)
        return weighted_populations_as_population(parse_weighted_populations(files[0]));
      return *format == PopulationFormat::list_size_9band ? parse_list_size_9band(files[0])
                                                          : parse_plain_cells(files[0]);
  }
  throw UsageError("unreachable population format");
}

PopulationSource read_population_files(const std::vector<std::filesystem::path>& paths) {
  std::vector<TextFile> files;
  for (const auto& path : paths)
    files.push_back({path.string(), read_text_file(path)});
  return read_population(files);
}

}  // namespace pco

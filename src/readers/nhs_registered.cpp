// NHS Digital "Patients Registered at a GP Practice": the totals file, the quinary-age file
// and the single-year-of-age male/female files share one long layout (one row per practice,
// sex and age), so one reader accumulates all of them.

#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/extract_date.hpp"
#include "model/reference_profile.hpp"
#include "readers/population_file.hpp"

namespace pco {

namespace {

struct Columns {
  std::size_t code, sex, age, count;
  std::optional<std::size_t> org_type, extract_date, postcode, parent;
};

struct PracticeRows {
  std::string source;
  std::string postcode;
  std::string parent;
  CellCounts cells{};
  bool has_cells = false;
  std::optional<std::int64_t> all_total;
  std::string all_total_at;  // "file:line" of the ALL/ALL row
  std::array<std::optional<std::int64_t>, 2> sex_total;
};

// The age field: ALL, a quinary band (0_4 ... 95+) or a single year (0 ... 94, 95+).
struct AgeKey {
  bool all = false;
  int band = -1;
};

std::optional<AgeKey> parse_age(std::string_view text, bool quinary) {
  const auto t = to_upper(trim(text));
  if (t == "ALL") return AgeKey{true, -1};
  if (t == "95+" || t == "95_PLUS") return AgeKey{false, kAgeBands - 1};
  if (quinary) {
    const auto band = parse_age_band(t);
    if (!band) return std::nullopt;
    return AgeKey{false, *band};
  }
  const auto age = parse_int(t);
  if (!age || *age < 0 || *age > 94) return std::nullopt;
  return AgeKey{false, band_of_age(static_cast<int>(*age))};
}

std::optional<Columns> find_columns(const CsvHeader& header, const std::string& file,
                                    const CsvRecord& record, DiagnosticList& problems,
                                    bool& quinary) {
  const auto found = require_columns(header,
                                     {{"CODE (or ORG_CODE)", {"CODE", "ORG_CODE", "PRACTICE_CODE"}},
                                      {"SEX", {"SEX"}},
                                      {"AGE (or AGE_GROUP_5)", {"AGE_GROUP_5", "AGE"}},
                                      {"NUMBER_OF_PATIENTS", {"NUMBER_OF_PATIENTS"}}},
                                     file, record.line, problems);
  for (const auto& f : found) {
    if (!f) return std::nullopt;
  }
  quinary = header.find({"AGE_GROUP_5"}).has_value();
  return Columns{*found[0],
                 *found[1],
                 *found[2],
                 *found[3],
                 header.find({"ORG_TYPE", "TYPE"}),
                 header.find({"EXTRACT_DATE"}),
                 header.find({"POSTCODE"}),
                 header.find({"SUB_ICB_LOCATION_CODE", "CCG_CODE"})};
}

}  // namespace

PopulationSource parse_nhs_registered(const std::vector<TextFile>& files) {
  DiagnosticList problems;
  std::vector<std::string> order;  // practice codes in order of first appearance
  std::unordered_map<std::string, PracticeRows> practices;
  std::unordered_map<std::string, std::string> seen_keys;  // practice|sex|age -> first "file:line"
  std::string extract_date;
  std::string extract_date_at;
  std::string parent_level;
  std::size_t skipped_org_rows = 0;

  for (const auto& file : files) {
    CsvParser parser(file.text, file.name, problems);
    CsvRecord record;
    if (!parser.next(record)) {
      problems.add({file.name, 0, 0, "", "", "a header line and at least one practice row"});
      continue;
    }
    const CsvHeader header(record);
    bool quinary = false;
    const auto columns = find_columns(header, file.name, record, problems, quinary);
    if (!columns) continue;
    if (columns->parent) {
      const auto name = to_upper(header.name(*columns->parent));
      parent_level = name.starts_with("SUB_ICB") ? "sub_icb" : "ccg";
    }
    std::size_t data_rows = 0;
    while (parser.next(record)) {
      ++data_rows;
      FieldReader row(file.name, record, &header, problems);
      if (!row.expect_field_count(header.size())) continue;
      if (columns->org_type) {
        const auto type = to_upper(trim(row.text(*columns->org_type)));
        if (type != "GP") {
          ++skipped_org_rows;
          continue;
        }
      }
      const auto code = row.required_text(columns->code, "a practice code");
      const auto sex_text = to_upper(trim(row.text(columns->sex)));
      std::optional<int> sex;  // 0 male, 1 female, 2 all
      if (sex_text == "MALE") sex = 0;
      if (sex_text == "FEMALE") sex = 1;
      if (sex_text == "ALL") sex = 2;
      if (!sex) row.problem(columns->sex, "MALE, FEMALE or ALL");
      const auto age = parse_age(row.text(columns->age), quinary);
      if (!age) {
        row.problem(columns->age, quinary ? "an age band 0_4 ... 90_94, 95+ or ALL"
                                          : "an age 0 ... 94, 95+ or ALL");
      }
      const auto count = row.count(columns->count);
      if (columns->extract_date) {
        const auto text = row.text(*columns->extract_date);
        const auto date = parse_extract_date(text);
        if (!date) {
          row.problem(*columns->extract_date, kExtractDateExpected);
        } else if (extract_date.empty()) {
          extract_date = *date;
          extract_date_at = fmt::format("{}:{}", file.name, record.line);
        } else if (*date != extract_date) {
          row.problem(*columns->extract_date, fmt::format("the same extract date as {} ({})",
                                                          extract_date_at, extract_date));
        }
      }
      if (!code || !sex || !age || !count) continue;
      const auto key =
          fmt::format("{}|{}|{}", *code, sex_text, to_upper(trim(row.text(columns->age))));
      const auto where = fmt::format("{}:{}", file.name, record.line);
      const auto [dup, fresh] = seen_keys.emplace(key, where);
      if (!fresh) {
        row.problem_with_value(columns->code, *code,
                               fmt::format("one row per practice, sex and age (this one "
                                           "repeats {})",
                                           dup->second));
        continue;
      }
      auto [it, inserted] = practices.try_emplace(*code);
      auto& p = it->second;
      if (inserted) {
        order.push_back(*code);
        p.source = where;
      }
      if (columns->postcode && p.postcode.empty()) {
        p.postcode = std::string(trim(row.text(*columns->postcode)));
      }
      if (columns->parent && p.parent.empty()) {
        p.parent = std::string(trim(row.text(*columns->parent)));
      }
      if (*sex == 2 && age->all) {
        p.all_total = *count;
        p.all_total_at = where;
      } else if (*sex == 2) {
        // Both sexes for one age: only consistent with cells, which carry the detail.
        continue;
      } else if (age->all) {
        p.sex_total[static_cast<std::size_t>(*sex)] = *count;
      } else {
        p.cells[cell_index(static_cast<Sex>(*sex), age->band)] += *count;
        p.has_cells = true;
      }
    }
    if (data_rows == 0) {
      problems.add({file.name, 0, 0, "", "", "at least one practice row after the header"});
    }
  }

  PopulationSource source;
  source.format = PopulationFormat::nhs_registered;
  source.population.extract_date = extract_date;
  std::size_t imputed = 0;
  MappingTable mapping;
  mapping.levels = {parent_level.empty() ? "ccg" : parent_level};
  mapping.source_file = files.empty() ? "" : files.front().name;
  for (const auto& code : order) {
    auto& rows = practices.at(code);
    Practice practice;
    practice.code = code;
    practice.postcode = rows.postcode;
    practice.source = rows.source;
    if (rows.has_cells) {
      practice.counts = rows.cells;
      const auto sum = total(rows.cells);
      if (rows.all_total && *rows.all_total != sum) {
        const auto colon = rows.all_total_at.rfind(':');
        problems.add({rows.all_total_at.substr(0, colon),
                      std::stoul(rows.all_total_at.substr(colon + 1)), 0, "NUMBER_OF_PATIENTS",
                      std::to_string(*rows.all_total),
                      fmt::format("the sum of practice {}'s age-sex rows ({})", code, sum)});
      }
    } else if (rows.sex_total[0] || rows.sex_total[1]) {
      // Sex totals without ages: spread each sex over its ages by the national profile.
      for (int s = 0; s < kSexes; ++s) {
        const auto t = rows.sex_total[static_cast<std::size_t>(s)].value_or(0);
        spread_count(t, cell_index(static_cast<Sex>(s), 0),
                     cell_index(static_cast<Sex>(s), kAgeBands - 1), national_reference_profile(),
                     practice.counts);
      }
      practice.imputed_structure = true;
      practice.ages_from_total = true;
    } else {
      practice.counts = spread_total(rows.all_total.value_or(0));
      practice.imputed_structure = true;
      practice.ages_from_total = true;
    }
    if (practice.list_size() == 0) {
      source.population.excluded.push_back({code, "registered list of 0 patients", rows.source});
      continue;
    }
    imputed += practice.imputed_structure ? 1 : 0;
    if (!rows.parent.empty()) {
      mapping.rows.push_back({code, {OrgRef{rows.parent, ""}}, rows.source, {}, {}});
    }
    source.population.add(std::move(practice));
  }
  problems.throw_if_any();
  if (!mapping.rows.empty()) source.embedded_mapping = std::move(mapping);
  if (skipped_org_rows > 0) {
    source.notes.push_back(
        fmt::format("{} rows for organisations other than practices (ORG_TYPE not GP) were skipped",
                    skipped_org_rows));
  }
  if (imputed > 0) {
    source.notes.push_back(fmt::format(
        "{} practices had no age-sex detail; their lists were spread over age-sex cells by the "
        "national reference profile (flagged as imputed)",
        imputed));
  }
  if (!source.population.excluded.empty()) {
    source.notes.push_back(fmt::format("{} practices with a registered list of 0 were left out",
                                       source.population.excluded.size()));
  }
  return source;
}

}  // namespace pco

#include "readers/mapping_file.hpp"

#include <unordered_map>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/extract_date.hpp"
#include "core/text.hpp"

namespace pco {

namespace {

struct LevelColumns {
  std::string level;
  std::initializer_list<std::string_view> code_names;
  std::initializer_list<std::string_view> name_names;
};

// Reads the practice rows of a mapping whose level columns have been found in the header.
void read_rows(const TextFile& file, CsvParser& parser, const CsvHeader& header,
               std::size_t practice_col, const std::vector<std::size_t>& code_cols,
               const std::vector<std::optional<std::size_t>>& name_cols, bool pcn_unassigned,
               MappingTable& table, DiagnosticList& problems) {
  CsvRecord record;
  std::size_t rows = 0;
  const auto from_col = header.find({"valid_from"});
  const auto to_col = header.find({"valid_to"});
  while (parser.next(record)) {
    ++rows;
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    const auto code = row.required_text(practice_col, "a practice code");
    MappingRow mapping{code.value_or(""), {}, fmt::format("{}:{}", file.name, record.line), {}, {}};
    bool ok = code.has_value();
    for (const auto& [col, out] :
         {std::pair{from_col, &mapping.valid_from}, std::pair{to_col, &mapping.valid_to}}) {
      if (!col || trim(row.text(*col)).empty()) continue;
      const auto date = parse_extract_date(row.text(*col));
      if (!date) {
        row.problem(*col, "a date such as 2026-04-01, or nothing (open-ended)");
        ok = false;
        continue;
      }
      *out = *date;
      table.dated = true;
    }
    if (!mapping.valid_from.empty() && !mapping.valid_to.empty() &&
        mapping.valid_to < mapping.valid_from) {
      row.problem_with_value(*to_col, mapping.valid_to,
                             fmt::format("a date on or after valid_from ({})", mapping.valid_from));
      ok = false;
    }
    for (std::size_t l = 0; l < code_cols.size(); ++l) {
      auto org = row.required_text(code_cols[l], fmt::format("a {} code", table.levels[l]));
      if (!org) {
        ok = false;
        continue;
      }
      std::string name = name_cols[l] ? std::string(trim(row.text(*name_cols[l]))) : "";
      if (pcn_unassigned && l == 0 && *org == "U" && code) {
        org = "U-" + *code;
        name = fmt::format("Not in a PCN ({})", *code);
      }
      mapping.orgs.push_back({*org, name});
    }
    if (ok) table.rows.push_back(std::move(mapping));
  }
  if (rows == 0)
    problems.add({file.name, 0, 0, "", "", "at least one practice row after the header"});
  problems.throw_if_any();
}

// Reads a header-driven mapping in which each level has a code column and a name column.
MappingTable parse_levels(const TextFile& file, std::initializer_list<std::string_view> practice,
                          const std::vector<LevelColumns>& levels, bool optional_last,
                          bool pcn_unassigned) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  if (!parser.next(record)) {
    throw InputError({file.name, 0, 0, "", "", "a header line and at least one practice row"});
  }
  const CsvHeader header(record);
  const auto practice_col = header.find(practice);
  if (!practice_col) {
    problems.add({file.name, record.line, 0, "header", header.joined(),
                  fmt::format("a column named {}", *practice.begin())});
  }
  MappingTable table;
  table.source_file = file.name;
  std::vector<std::size_t> code_cols;
  std::vector<std::optional<std::size_t>> name_cols;
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const auto code = header.find(levels[l].code_names);
    if (!code) {
      if (optional_last && l + 1 == levels.size()) break;
      problems.add({file.name, record.line, 0, "header", header.joined(),
                    fmt::format("a column named {}", *levels[l].code_names.begin())});
      continue;
    }
    table.levels.push_back(levels[l].level);
    code_cols.push_back(*code);
    name_cols.push_back(header.find(levels[l].name_names));
  }
  problems.throw_if_any();
  read_rows(file, parser, header, *practice_col, code_cols, name_cols, pcn_unassigned, table,
            problems);
  return table;
}

}  // namespace

MappingTable parse_nhs_practice_map(const TextFile& file) {
  DiagnosticList ignored;
  CsvParser parser(file.text, file.name, ignored);
  CsvRecord record;
  const bool icb_era = parser.next(record) && CsvHeader(record).find({"SUB_ICB_LOCATION_CODE"});
  if (icb_era) {
    return parse_levels(file, {"PRACTICE_CODE"},
                        {{"network", {"PCN_CODE"}, {"PCN_NAME"}},
                         {"sub_icb", {"SUB_ICB_LOCATION_CODE"}, {"SUB_ICB_LOCATION_NAME"}},
                         {"icb", {"ICB_CODE"}, {"ICB_NAME"}},
                         {"region", {"COMM_REGION_CODE"}, {"COMM_REGION_NAME"}}},
                        false, true);
  }
  return parse_levels(file, {"PRACTICE_CODE"},
                      {{"network", {"PCN_CODE"}, {"PCN_NAME"}},
                       {"ccg", {"CCG_CODE"}, {"CCG_NAME"}},
                       {"stp", {"STP_CODE"}, {"STP_NAME"}},
                       {"region", {"COMM_REGION_CODE"}, {"COMM_REGION_NAME"}}},
                      false, true);
}

MappingTable parse_membership(const TextFile& file, std::string org_level,
                              std::string parent_level) {
  auto table = parse_levels(file, {"practice"},
                            {{std::move(org_level), {"org"}, {"org_name"}},
                             {std::move(parent_level), {"parent_org"}, {"parent_org_name"}}},
                            true, false);
  // A code used both as an organisation and as a parent would make the tree cyclic or
  // ambiguous; report every such row.
  if (table.levels.size() == 2) {
    std::unordered_map<std::string, std::string> org_at;
    for (const auto& row : table.rows)
      org_at.emplace(row.orgs[0].code, row.source);
    DiagnosticList problems;
    for (const auto& row : table.rows) {
      const auto it = org_at.find(row.orgs[1].code);
      if (it == org_at.end()) continue;
      const auto colon = row.source.rfind(':');
      problems.add({row.source.substr(0, colon), std::stoul(row.source.substr(colon + 1)), 3,
                    "parent_org", row.orgs[1].code,
                    fmt::format("a parent code that is not also an organisation code (it is "
                                "one at {}; the tree would have a cycle)",
                                it->second)});
    }
    problems.throw_if_any();
  }
  return table;
}

MappingTable parse_level_columns(const TextFile& file) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  if (!parser.next(record)) {
    throw InputError({file.name, 0, 0, "", "", "a header line and at least one practice row"});
  }
  const CsvHeader header(record);
  MappingTable table;
  table.source_file = file.name;
  std::optional<std::size_t> practice_col;
  std::vector<std::size_t> code_cols;
  std::vector<std::optional<std::size_t>> name_cols;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const auto& name = header.name(c);
    if (name == "practice") {
      practice_col = c;
    } else if (name == "practice_name" || name == "valid_from" || name == "valid_to") {
      continue;
    } else if (name.ends_with("_name")) {
      const auto level = name.substr(0, name.size() - 5);
      if (table.levels.empty() || table.levels.back() != level || name_cols.back()) {
        problems.add({file.name, record.line, c + 1, "header", name,
                      fmt::format("a name column straight after the code column {}", level)});
      } else {
        name_cols.back() = c;
      }
    } else if (!name.empty()) {
      table.levels.push_back(name);
      code_cols.push_back(c);
      name_cols.emplace_back();
    }
  }
  if (!practice_col || table.levels.empty()) {
    problems.add({file.name, record.line, 0, "header", header.joined(),
                  "a column named practice and at least one level column (e.g. "
                  "practice,network,organisation,region)"});
  }
  problems.throw_if_any();
  read_rows(file, parser, header, *practice_col, code_cols, name_cols, false, table, problems);
  return table;
}

MappingTable read_mapping(const TextFile& file) {
  DiagnosticList ignored;
  CsvParser parser(file.text, file.name, ignored);
  CsvRecord record;
  if (parser.next(record)) {
    const CsvHeader header(record);
    if (header.find({"PRACTICE_CODE"}) && header.find({"PCN_CODE"})) {
      return parse_nhs_practice_map(file);
    }
    if (header.find({"practice"}) && header.find({"org"})) return parse_membership(file);
    if (header.find({"practice"})) return parse_level_columns(file);
  }
  const auto first_line = file.text.substr(0, file.text.find_first_of("\r\n"));
  throw InputError({file.name, 1, 0, "header", first_line,
                    "an NHS Digital practice mapping header (PRACTICE_CODE,...,PCN_CODE,...) or "
                    "a membership header (practice,org[,parent_org]) or a level header "
                    "(practice,network,organisation,...)"});
}

MappingTable read_mapping_file(const std::filesystem::path& path) {
  return read_mapping({path.string(), read_text_file(path)});
}

}  // namespace pco

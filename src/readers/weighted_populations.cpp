#include "readers/weighted_populations.hpp"

#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "model/reference_profile.hpp"

namespace pco {

namespace {

struct ColumnInfo {
  std::string_view key;
  std::string_view header;
};

constexpr std::array<ColumnInfo, kWpColumns> kColumnInfo = {{
    {"general_and_acute", "G&A WP"},
    {"community", "CS WP"},
    {"mental_health", "MH WP"},
    {"maternity", "Mat WP"},
    {"health_inequalities", "Health Ineq WP"},
    {"prescribing", "Prescr WP"},
    {"core_overall", "Final WP"},
    {"primary_medical_care_need", "Primary Medical Care WP"},
    {"primary_medical_care_overall", "Final PMC WP"},
}};

// "…_2025-26.csv", "2025_2026.csv", "2023_24" -> "2025/26"; empty when the name has no year.
std::string year_from_name(const std::string& file) {
  const auto name = std::filesystem::path(file).filename().string();
  for (std::size_t i = 0; i + 7 <= name.size(); ++i) {
    const auto digits = [&](std::size_t at, std::size_t n) {
      if (at + n > name.size()) return false;
      for (std::size_t k = 0; k < n; ++k)
        if (!std::isdigit(static_cast<unsigned char>(name[at + k]))) return false;
      return true;
    };
    if (name.compare(i, 2, "20") != 0 || !digits(i, 4)) continue;
    const char sep = name[i + 4];
    if (sep != '-' && sep != '_' && sep != '/') continue;
    const int first = std::stoi(name.substr(i, 4));
    std::string second;
    if (digits(i + 5, 4) && name.compare(i + 5, 2, "20") == 0) {
      second = name.substr(i + 7, 2);
    } else if (digits(i + 5, 2)) {
      second = name.substr(i + 5, 2);
    } else {
      continue;
    }
    if ((first + 1) % 100 != std::stoi(second)) continue;
    return fmt::format("{}/{}", first, second);
  }
  return {};
}

std::string field(FieldReader& row, std::optional<std::size_t> col) {
  return col ? std::string(trim(row.text(*col))) : std::string();
}

}  // namespace

std::string_view wp_column_key(WpColumn column) {
  return kColumnInfo[static_cast<std::size_t>(column)].key;
}

std::string_view wp_column_header(WpColumn column) {
  return kColumnInfo[static_cast<std::size_t>(column)].header;
}

std::optional<WpColumn> parse_wp_column(std::string_view text) {
  const auto wanted = to_upper(trim(text));
  for (std::size_t i = 0; i < kWpColumns; ++i) {
    if (wanted == to_upper(kColumnInfo[i].key) || wanted == to_upper(kColumnInfo[i].header))
      return static_cast<WpColumn>(i);
  }
  return std::nullopt;
}

const std::array<WpColumn, kWpColumns>& all_wp_columns() {
  static const auto columns = [] {
    std::array<WpColumn, kWpColumns> out{};
    for (std::size_t i = 0; i < kWpColumns; ++i)
      out[i] = static_cast<WpColumn>(i);
    return out;
  }();
  return columns;
}

const WeightedPopulationRow* WeightedPopulations::find(std::string_view code) const {
  const auto it = index_.find(std::string(code));
  return it == index_.end() ? nullptr : &rows[it->second];
}

double WeightedPopulations::total_population() const {
  long double sum = 0;
  for (const auto& r : rows)
    sum += r.population;
  return static_cast<double>(sum);
}

double WeightedPopulations::total(WpColumn column) const {
  long double sum = 0;
  for (const auto& r : rows)
    sum += r.wp[static_cast<std::size_t>(column)];
  return static_cast<double>(sum);
}

bool is_weighted_populations_file(std::string_view text) {
  DiagnosticList ignored;
  CsvParser parser(text, "", ignored);
  CsvRecord record;
  if (!parser.next(record)) return false;
  const CsvHeader header(record);
  return header.find({"Practice_Code"}) && header.find({"Final WP"}) && header.find({"G&A WP"});
}

WeightedPopulations parse_weighted_populations(const TextFile& file) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  if (!parser.next(record)) {
    throw InputError({file.name, 0, 0, "", "", "a header line and at least one practice row"});
  }
  const CsvHeader header(record);
  std::vector<RequiredColumn> required = {
      {"Practice_Code", {"Practice_Code"}},
      {"Population (or pop 2022/23)", {"Population", "pop 2022/23", "pop 2023/24", "pop 2024/25"}},
      {"ICB (or ICS22)", {"ICB", "ICS22"}},
  };
  for (const auto& info : kColumnInfo)
    required.push_back({std::string(info.header), {info.header}});
  const auto cols = require_columns(header, required, file.name, record.line, problems);
  problems.throw_if_any();
  const std::size_t code_col = *cols[0], pop_col = *cols[1], icb_col = *cols[2];
  const auto name_col = header.find({"GP_Practice_Name"});
  const auto postcode_col = header.find({"Practice_Postcode"});
  const auto lat_col = header.find({"Latitude"});
  const auto lon_col = header.find({"Longitude"});
  const auto ccg_col = header.find({"CCG21", "CCG"});
  const auto pcn_col = header.find({"PCN_Code"});
  const auto pcn_name_col = header.find({"PCN_Name"});
  const auto loc_col = header.find({"LOC22", "LOC"});
  const auto loc_name_col = header.find({"LOC22name", "LOCname"});
  const auto icb_name_col = header.find({"ICS22name", "ICBname"});
  const auto region_col = header.find({"R22", "Rcode", "RCode"});
  const auto region_name_col = header.find({"Region22", "Region"});
  const auto lad_col = header.find({"LAD21", "LAD"});
  const auto lad_name_col = header.find({"LTLA21", "LTLA"});
  const auto utla_col = header.find({"LA21", "LA"});
  const auto utla_name_col = header.find({"UTLA21", "UTLA"});
  const auto patients_col = header.find({"Patients"});

  WeightedPopulations out;
  out.source_file = file.name;
  out.year = year_from_name(file.name);
  std::array<std::size_t, kWpColumns> empty_fields{};
  bool any_patients = false, any_sub_icb = false;
  while (parser.next(record)) {
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    WeightedPopulationRow r;
    const auto code = row.required_text(code_col, "a practice code");
    const auto pop = row.number_in(pop_col, 0, 1e7);
    bool ok = code && pop;
    for (std::size_t c = 0; c < kWpColumns; ++c) {
      const auto col = *cols[3 + c];
      if (trim(row.text(col)).empty()) {
        ++empty_fields[c];
        continue;
      }
      const auto v = row.number_in(col, 0, 1e8);
      if (!v) {
        ok = false;
        continue;
      }
      r.wp[c] = *v;
    }
    if (lat_col && lon_col && !trim(row.text(*lat_col)).empty()) {
      const auto lat = row.number_in(*lat_col, -90, 90);
      const auto lon = row.number_in(*lon_col, -180, 180);
      if (lat && lon) r.location = GeoPoint{*lat, *lon};
      ok = ok && lat && lon;
    }
    std::optional<std::int64_t> patients;
    if (patients_col && !trim(row.text(*patients_col)).empty()) {
      patients = row.count(*patients_col);
      ok = ok && patients;
      any_patients = true;
    }
    if (trim(row.text(icb_col)).empty()) {
      row.problem(icb_col, "an ICB code");
      ok = false;
    }
    if (!ok) continue;
    r.code = *code;
    const auto [it, fresh] = out.index_.emplace(r.code, out.rows.size());
    if (!fresh) {
      row.problem(code_col,
                  fmt::format("each practice once (first at {})", out.rows[it->second].source));
      continue;
    }
    r.population = *pop;
    r.patients = patients;
    r.name = field(row, name_col);
    r.postcode = field(row, postcode_col);
    r.ccg = field(row, ccg_col);
    r.pcn = field(row, pcn_col);
    r.pcn_name = field(row, pcn_name_col);
    r.sub_icb = field(row, loc_col);
    r.sub_icb_name = field(row, loc_name_col);
    r.icb = std::string(trim(row.text(icb_col)));
    r.icb_name = field(row, icb_name_col);
    r.region = field(row, region_col);
    r.region_name = field(row, region_name_col);
    r.lad = field(row, lad_col);
    r.lad_name = field(row, lad_name_col);
    r.utla = field(row, utla_col);
    r.utla_name = field(row, utla_name_col);
    r.source = fmt::format("{}:{}", file.name, record.line);
    any_sub_icb = any_sub_icb || !r.sub_icb.empty();
    out.rows.push_back(std::move(r));
  }
  if (out.rows.empty() && problems.empty())
    problems.add({file.name, 0, 0, "", "", "at least one practice row after the header"});
  problems.throw_if_any();
  out.layout = header.find({"ICS22"})
                   ? (any_patients && any_sub_icb ? "2022/23" : "2023/24-2024/25")
                   : "2025/26";
  for (std::size_t c = 0; c < kWpColumns; ++c) {
    if (empty_fields[c] == 0) continue;
    out.notes.push_back(fmt::format("{}: {} practices have an empty '{}' field, read as 0",
                                    file.name, empty_fields[c], kColumnInfo[c].header));
  }
  return out;
}

WeightedPopulations read_weighted_populations_file(const std::filesystem::path& path) {
  return parse_weighted_populations({path.string(), read_text_file(path)});
}

PopulationSource weighted_populations_as_population(const WeightedPopulations& table) {
  PopulationSource source;
  source.format = PopulationFormat::weighted_populations;
  MappingTable mapping;
  mapping.source_file = table.source_file;
  bool networks = true, sub_icbs = true, regions = true;
  for (const auto& r : table.rows) {
    networks = networks && !r.pcn.empty();
    sub_icbs = sub_icbs && !r.sub_icb.empty();
    regions = regions && !r.region.empty();
  }
  if (networks) mapping.levels.push_back("network");
  if (sub_icbs) mapping.levels.push_back("sub_icb");
  mapping.levels.push_back("icb");
  if (regions) mapping.levels.push_back("region");
  for (const auto& r : table.rows) {
    const auto people = static_cast<std::int64_t>(std::llround(r.population));
    if (people <= 0) {
      source.population.excluded.push_back(
          {r.code, fmt::format("projected population {:.3f} rounds to 0 people", r.population),
           r.source});
      continue;
    }
    Practice p;
    p.code = r.code;
    p.name = r.name;
    p.postcode = r.postcode;
    p.counts = spread_total(people);
    p.imputed_structure = true;
    p.ages_from_total = true;
    p.location = r.location;
    p.source = r.source;
    MappingRow m{r.code, {}, r.source, {}, {}};
    if (networks) m.orgs.push_back({r.pcn, r.pcn_name});
    if (sub_icbs) m.orgs.push_back({r.sub_icb, r.sub_icb_name});
    m.orgs.push_back({r.icb, r.icb_name});
    if (regions) m.orgs.push_back({r.region, r.region_name});
    mapping.rows.push_back(std::move(m));
    source.population.add(std::move(p));
  }
  source.embedded_mapping = std::move(mapping);
  source.notes = table.notes;
  source.notes.push_back(fmt::format(
      "{}: {} practices, projected population{} rounded to whole people; the file has no ages, "
      "so every list was spread over age-sex cells by the national reference profile (flagged "
      "as imputed)",
      table.source_file, source.population.size(),
      table.year.empty() ? std::string() : " for " + table.year));
  if (!source.population.excluded.empty()) {
    source.notes.push_back(
        fmt::format("{} practices whose projected population rounds to 0 were "
                    "left out",
                    source.population.excluded.size()));
  }
  return source;
}

}  // namespace pco

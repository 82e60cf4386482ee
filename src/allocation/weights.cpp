#include "allocation/weights.hpp"

#include <array>
#include <cmath>

#include <fmt/format.h>

#include "core/csv.hpp"

namespace pco {

namespace {

// HSCIC ASTRO-PU 2013, cost-based: expected prescribing cost relative to a male aged 0-4, for
// the 9 list-size age bands (0-4, 5-14, ..., 75+). Published by the Health and Social Care
// Information Centre, Prescribing Measures and their Application (2013); as distributed in
// prescribing_units.xlsx (OpenPrescribing patient_list_weightings/2013_01).
constexpr std::array<double, 9> kAstroPu2013Male = {
    1.0,
    0.87165538826101818,
    1.2258642818649761,
    1.2543278927311312,
    1.816747668939694,
    3.0897445715897454,
    5.2828041966414689,
    8.7418691111514146,
    11.343075270650905,
};
constexpr std::array<double, 9> kAstroPu2013Female = {
    0.87476460222509533, 0.73683717013513295, 1.4490346653363351,
    1.8419385269979645,  2.5722938738193699,  3.7248835372168339,
    5.4424451732656278,  7.6408301319621224,  9.889353022322366,
};

CellValues expand_nine_bands(const std::array<double, 9>& male,
                             const std::array<double, 9>& female) {
  CellValues cells{};
  for (std::size_t b = 0; b < 9; ++b) {
    const auto& band = nine_bands()[b];
    for (int q = band.first_band; q <= band.last_band; ++q) {
      cells[cell_index(Sex::male, q)] = male[b];
      cells[cell_index(Sex::female, q)] = female[b];
    }
  }
  return cells;
}

const std::vector<WeightCurve>& builtins() {
  static const std::vector<WeightCurve> curves = [] {
    std::vector<WeightCurve> out;
    out.push_back({"astro_pu_2013", expand_nine_bands(kAstroPu2013Male, kAstroPu2013Female),
                   "HSCIC ASTRO-PU 2013 cost-based prescribing weights (9 age bands x sex, "
                   "male 0-4 = 1), each quinary cell given its 9-band weight"});
    CellValues flat{};
    flat.fill(1.0);
    out.push_back({"flat", flat, "unweighted capitation: every registered person counts 1"});
    return out;
  }();
  return curves;
}

// Quinary cells an age-band label covers: a quinary band, or one of the 9 list-size bands.
std::optional<std::pair<int, int>> band_range(std::string_view label) {
  if (const auto q = parse_age_band(label)) return std::pair{*q, *q};
  const auto t = trim(label);
  for (const auto& band : nine_bands()) {
    // The ASTRO-PU file writes 5-14 as "05-14".
    if (t == band.label || (band.label == "5-14" && t == "05-14")) {
      return std::pair{band.first_band, band.last_band};
    }
  }
  return std::nullopt;
}

}  // namespace

const std::vector<std::string>& builtin_weight_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& c : builtins())
      out.push_back(c.name);
    out.emplace_back(kServicesCurve);
    return out;
  }();
  return names;
}

const WeightCurve* builtin_weights(std::string_view name) {
  for (const auto& c : builtins()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

WeightCurve services_weight_curve(const CellValues& cells) {
  return {std::string(kServicesCurve), cells,
          "pco's default England service model: expected annual cost (£) of a person in each "
          "age-sex cell over every service line (docs/services.md)"};
}

WeightCurve read_weight_file(const TextFile& file, DiagnosticList& problems) {
  WeightCurve curve;
  curve.name = file.name;
  curve.source = "weights file " + file.name;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  if (!parser.next(record)) {
    problems.add({file.name, 0, 0, "", "", "a header sex,age_band,weight and one row per cell"});
    return curve;
  }
  const CsvHeader header(record);
  const auto cols = require_columns(
      header, {{"sex", {"sex"}}, {"age_band", {"age_band", "age"}}, {"weight", {"weight"}}},
      file.name, record.line, problems);
  if (!cols[0] || !cols[1] || !cols[2]) return curve;
  std::array<std::size_t, kCells> set_at{};  // line that set each cell, 0 = unset
  while (parser.next(record)) {
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    const auto sex = parse_sex(row.text(*cols[0]));
    if (!sex) row.problem(*cols[0], "M, F, male or female");
    const auto range = band_range(row.text(*cols[1]));
    if (!range) row.problem(*cols[1], "an age band such as 0-4, 90-94, 95+ or 5-14, 75+");
    auto weight = row.number(*cols[2], "a weight of 0 or more");
    if (weight && !(*weight >= 0 && std::isfinite(*weight))) {
      row.problem(*cols[2], "a weight of 0 or more");
      weight.reset();
    }
    if (!sex || !range || !weight) continue;
    for (int q = range->first; q <= range->second; ++q) {
      const auto cell = cell_index(*sex, q);
      if (set_at[cell] != 0) {
        row.problem(*cols[1], fmt::format("each cell once ({} was set at line {})",
                                          cell_label(cell), set_at[cell]));
        break;
      }
      set_at[cell] = record.line;
      curve.cells[cell] = *weight;
    }
  }
  for (int cell = 0; cell < kCells; ++cell) {
    if (set_at[cell] == 0) {
      problems.add({file.name, 0, 0, "weight", cell_label(cell), "a weight for every cell"});
    }
  }
  return curve;
}

}  // namespace pco

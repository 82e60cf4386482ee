#include "readers/locations.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"

namespace pco {

namespace {

constexpr double kKmPerDegreeLat = 111.32;
constexpr double kSpiralStepKm = 0.5;

}  // namespace

std::string outward_code(std::string_view postcode) {
  std::string compact;
  for (const char c : postcode) {
    if (c != ' ') compact += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  }
  const auto space = trim(postcode).find(' ');
  if (space != std::string_view::npos) return to_upper(trim(trim(postcode).substr(0, space)));
  if (compact.size() > 4) return compact.substr(0, compact.size() - 3);
  return compact;
}

PostcodeDistricts parse_postcode_districts(const TextFile& file) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  PostcodeDistricts out;
  if (!parser.next(record)) {
    throw InputError({file.name, 0, 0, "", "", "a header line and at least one district row"});
  }
  const CsvHeader header(record);
  const auto found = require_columns(header,
                                     {{"Postcode", {"Postcode", "district"}},
                                      {"Latitude", {"Latitude", "lat"}},
                                      {"Longitude", {"Longitude", "lon", "long"}}},
                                     file.name, record.line, problems);
  problems.throw_if_any();
  const auto code = found[0], lat = found[1], lon = found[2];
  std::map<std::string, std::size_t> first_line;
  while (parser.next(record)) {
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    const auto district = row.required_text(*code, "a postcode district");
    if (trim(row.text(*lat)).empty() && trim(row.text(*lon)).empty()) continue;
    const auto la = row.number_in(*lat, -90, 90);
    const auto lo = row.number_in(*lon, -180, 180);
    if (!district || !la || !lo) continue;
    const auto key = to_upper(*district);
    const auto [it, fresh] = first_line.emplace(key, record.line);
    if (!fresh) {
      row.problem(*code, fmt::format("each district once (first at line {})", it->second));
      continue;
    }
    out.emplace(key, GeoPoint{*la, *lo});
  }
  problems.throw_if_any();
  return out;
}

std::unordered_map<std::string, GeoPoint> parse_practice_locations(const TextFile& file) {
  DiagnosticList problems;
  CsvParser parser(file.text, file.name, problems);
  CsvRecord record;
  std::unordered_map<std::string, GeoPoint> out;
  if (!parser.next(record)) {
    throw InputError({file.name, 0, 0, "", "", "a header line and at least one practice row"});
  }
  const CsvHeader header(record);
  const auto found = require_columns(header,
                                     {{"practice", {"practice"}},
                                      {"lat", {"lat", "latitude"}},
                                      {"lon", {"lon", "long", "longitude"}}},
                                     file.name, record.line, problems);
  problems.throw_if_any();
  const auto code = found[0], lat = found[1], lon = found[2];
  std::map<std::string, std::size_t> first_line;
  while (parser.next(record)) {
    FieldReader row(file.name, record, &header, problems);
    if (!row.expect_field_count(header.size())) continue;
    const auto practice = row.required_text(*code, "a practice code");
    const auto la = row.number_in(*lat, -90, 90);
    const auto lo = row.number_in(*lon, -180, 180);
    if (!practice || !la || !lo) continue;
    const auto [it, fresh] = first_line.emplace(*practice, record.line);
    if (!fresh) {
      row.problem(*code, fmt::format("each practice once (first at line {})", it->second));
      continue;
    }
    out.emplace(*practice, GeoPoint{*la, *lo});
  }
  problems.throw_if_any();
  return out;
}

LocationReport locate_by_postcode_district(Population& population,
                                           const PostcodeDistricts& districts) {
  LocationReport report;
  std::map<std::string, std::vector<std::size_t>> by_district;
  for (std::size_t i = 0; i < population.size(); ++i) {
    auto& p = population.practices()[i];
    const auto district = outward_code(p.postcode);
    if (p.postcode.empty() || districts.count(district) == 0) {
      report.unlocated.push_back(p.code);
      continue;
    }
    by_district[district].push_back(i);
  }
  const double golden_angle = std::numbers::pi * (3.0 - std::sqrt(5.0));
  for (auto& [district, members] : by_district) {
    std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
      return population.practices()[a].code < population.practices()[b].code;
    });
    const auto centre = districts.at(district);
    for (std::size_t k = 0; k < members.size(); ++k) {
      const double r_km = kSpiralStepKm * std::sqrt(static_cast<double>(k));
      const double angle = golden_angle * static_cast<double>(k);
      const double dlat = r_km * std::sin(angle) / kKmPerDegreeLat;
      const double dlon = r_km * std::cos(angle) /
                          (kKmPerDegreeLat * std::cos(centre.lat * std::numbers::pi / 180.0));
      auto& p = population.practices()[members[k]];
      p.location = GeoPoint{centre.lat + dlat, centre.lon + dlon};
      p.location_is_approximate = true;
      ++report.located;
    }
  }
  return report;
}

LocationReport apply_practice_locations(Population& population,
                                        const std::unordered_map<std::string, GeoPoint>& points) {
  LocationReport report;
  for (auto& p : population.practices()) {
    const auto it = points.find(p.code);
    if (it == points.end()) {
      report.unlocated.push_back(p.code);
      continue;
    }
    p.location = it->second;
    p.location_is_approximate = false;
    ++report.located;
  }
  return report;
}

}  // namespace pco

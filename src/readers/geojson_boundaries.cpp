#include "readers/geojson_boundaries.hpp"

#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace pco {

namespace {

std::string property_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  return "";
}

// The first property whose name is one of `exact` or ends with `suffix` in any case (ONS files
// use both ccg20cd and NHSER24CD).
std::string find_property(const nlohmann::json& properties,
                          std::initializer_list<const char*> exact, std::string_view suffix) {
  for (const auto* key : exact)
    if (properties.contains(key)) return property_text(properties[key]);
  const auto lower = [](std::string_view text) {
    std::string out(text);
    for (auto& c : out)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  for (const auto& [key, value] : properties.items()) {
    if (key.size() > suffix.size() && lower(key).ends_with(lower(suffix)))
      return property_text(value);
  }
  return "";
}

bool read_ring(const nlohmann::json& ring, std::vector<GeoPoint>& out) {
  if (!ring.is_array()) return false;
  for (const auto& position : ring) {
    if (!position.is_array() || position.size() < 2 || !position[0].is_number() ||
        !position[1].is_number()) {
      return false;
    }
    out.push_back({position[1].get<double>(), position[0].get<double>()});
  }
  return true;
}

bool read_polygon(const nlohmann::json& polygon, Boundary& out) {
  if (!polygon.is_array()) return false;
  for (const auto& ring : polygon) {
    std::vector<GeoPoint> points;
    if (!read_ring(ring, points)) return false;
    out.rings.push_back(std::move(points));
  }
  return true;
}

}  // namespace

std::vector<Boundary> parse_geojson_boundaries(const TextFile& file,
                                               const std::string& code_property) {
  const auto doc = nlohmann::json::parse(file.text, nullptr, false);
  if (doc.is_discarded()) {
    throw InputError({file.name, 0, 0, "", "", "a GeoJSON file (the text is not valid JSON)"});
  }
  if (!doc.is_object() || doc.value("type", "") != "FeatureCollection" ||
      !doc.contains("features") || !doc["features"].is_array()) {
    throw InputError({file.name, 0, 0, "type", doc.is_object() ? doc.value("type", "") : "",
                      "a GeoJSON FeatureCollection with a features array"});
  }
  DiagnosticList problems;
  std::vector<Boundary> boundaries;
  std::size_t index = 0;
  for (const auto& feature : doc["features"]) {
    const auto where = fmt::format("features[{}]", index++);
    if (!feature.is_object()) {
      problems.add({file.name, 0, 0, where, "", "a Feature object"});
      continue;
    }
    const auto properties = feature.value("properties", nlohmann::json::object());
    Boundary b;
    b.code =
        code_property.empty()
            ? find_property(properties, {"code", "CODE"}, "cd")
            : (properties.contains(code_property) ? property_text(properties[code_property]) : "");
    b.name = find_property(properties, {"name", "NAME"}, "nm");
    if (b.code.empty()) {
      problems.add({file.name, 0, 0, where + ".properties",
                    code_property.empty() ? "" : code_property,
                    code_property.empty() ? "a code property (code, or a name ending in cd)"
                                          : "the code property " + code_property});
      continue;
    }
    const auto geometry = feature.value("geometry", nlohmann::json());
    const auto type = geometry.is_object() ? geometry.value("type", "") : "";
    bool ok = geometry.is_object() && geometry.contains("coordinates");
    if (ok && type == "Polygon") {
      ok = read_polygon(geometry["coordinates"], b);
    } else if (ok && type == "MultiPolygon" && geometry["coordinates"].is_array()) {
      for (const auto& polygon : geometry["coordinates"])
        ok = ok && read_polygon(polygon, b);
    } else {
      ok = false;
    }
    if (!ok) {
      problems.add({file.name, 0, 0, where + ".geometry", type,
                    "a Polygon or MultiPolygon with [longitude, latitude] positions"});
      continue;
    }
    boundaries.push_back(std::move(b));
  }
  if (boundaries.empty() && problems.empty()) {
    problems.add({file.name, 0, 0, "features", "", "at least one feature"});
  }
  problems.throw_if_any();
  return boundaries;
}

}  // namespace pco

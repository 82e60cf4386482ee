#include "serve/api.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "report/risk_report.hpp"
#include "report/run_areas.hpp"
#include "serve/response_cache.hpp"
#include "serve/run_comparison.hpp"
#include "sim/simulation_report.hpp"
#include "store/appraisal_tables.hpp"
#include "store/commissioning_tables.hpp"
#include "store/simulation_tables.hpp"
#include "store/stored_run.hpp"

namespace pco {

namespace {

constexpr std::size_t kMaxPath = 512;
constexpr std::size_t kMaxQuery = 1024;

// Messages may quote what the client sent; bytes that are not UTF-8 are replaced rather than
// left to make the JSON library throw (which answered 500 to a client's error).
ApiResponse error_response(int status, const std::string& message) {
  return {status, "application/json",
          nlohmann::json{{"error", message}}.dump(-1, ' ', false,
                                                  nlohmann::json::error_handler_t::replace)};
}

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    std::uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      code = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      code = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      code = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;  // truncated sequence
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto d = static_cast<unsigned char>(text[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      code = (code << 6) | (d & 0x3F);
    }
    // Overlong forms, surrogates and code points beyond U+10FFFF.
    if ((extra == 2 && code < 0x800) || (extra == 3 && (code < 0x10000 || code > 0x10FFFF)) ||
        (code >= 0xD800 && code <= 0xDFFF))
      return false;
    i += extra + 1;
  }
  return true;
}

ApiResponse json_response(const nlohmann::json& body) {
  return {200, "application/json", body.dump()};
}

// Decodes %XX and '+' in a query component; nullopt when malformed.
std::optional<std::string> url_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int value = 0;
      const auto* begin = text.data() + i + 1;
      const auto result = std::from_chars(begin, begin + 2, value, 16);
      if (result.ec != std::errc{} || result.ptr != begin + 2) return std::nullopt;
      out += static_cast<char>(value);
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::optional<std::map<std::string, std::string>> parse_query(const std::string& query) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < query.size()) {
    auto end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string_view part(query.data() + start, end - start);
    const auto eq = part.find('=');
    auto key = url_decode(part.substr(0, eq));
    auto value = url_decode(eq == std::string_view::npos ? "" : part.substr(eq + 1));
    if (!key || !value) return std::nullopt;
    if (!key->empty()) out[*key] = *value;
    start = end + 1;
  }
  return out;
}

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t id = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), id);
  if (r.ec != std::errc{} || r.ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

nlohmann::json info_json(const StoredRunInfo& r) {
  return {{"run_id", r.run_id},
          {"pco_version", r.pco_version},
          {"scenario_name", r.scenario_name},
          {"scenario_hash", r.scenario_hash},
          {"seed", r.seed},
          {"lead_level", r.lead_level},
          {"started_at", r.started_at},
          {"finished_at", r.finished_at},
          {"focus", r.focus}};
}

// Rings as [[lon, lat], …] rounded to 1e-5 degrees (about a metre): finer than any screen and
// a third of the bytes of full precision.
nlohmann::json polygons_json(const std::vector<AreaPolygon>& polygons) {
  const auto ring_json = [](const std::vector<GeoPoint>& ring) {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : ring)
      points.push_back({std::round(p.lon * 1e5) / 1e5, std::round(p.lat * 1e5) / 1e5});
    return points;
  };
  nlohmann::json out = nlohmann::json::array();
  for (const auto& polygon : polygons) {
    nlohmann::json rings = nlohmann::json::array({ring_json(polygon.outer)});
    for (const auto& hole : polygon.holes)
      rings.push_back(ring_json(hole));
    out.push_back(std::move(rings));
  }
  return out;
}

nlohmann::json areas_json(const RunAreas& shapes) {
  const auto& a = shapes.areas;
  nlohmann::json areas = nlohmann::json::array();
  for (const auto& area : a.areas) {
    areas.push_back({{"code", area.code},
                     {"area_km2", area.area_km2},
                     {"practices", area.practices},
                     {"polygons", polygons_json(area.polygons)}});
  }
  return {{"land_source", a.land_source},
          {"land_area_km2", a.land_area_km2},
          {"land", polygons_json(a.land)},
          {"practices", a.practices},
          {"shared_locations", a.shared_locations},
          {"outside_land", a.outside_land},
          {"approximate_locations", shapes.approximate_locations},
          {"areas", std::move(areas)}};
}

std::optional<std::size_t> level_of(const StoredRun& run, const std::string& name) {
  const std::string wanted = name.empty() ? run.info.lead_level : name;
  for (std::size_t l = 0; l < run.levels.size(); ++l)
    if (run.levels[l] == wanted) return l;
  return std::nullopt;
}

}  // namespace

DashboardApi::DashboardApi(const std::filesystem::path& store)
    : cache_(std::make_unique<ResponseCache>(kCacheEntries, kCacheBytes)) {
  if (!std::filesystem::exists(store)) {
    throw IoError(fmt::format("{}: no such results store", store.string()));
  }
  db_ = std::make_unique<SqliteDb>(store, SqliteDb::Mode::read_only);
  list_runs(*db_);  // fails early, with the file named, if it is not a pco store
}

DashboardApi::~DashboardApi() = default;

ApiResponse DashboardApi::handle_request(const std::string& method, const std::string& path,
                                         const std::string& query) {
  if (path.size() > kMaxPath) return error_response(414, "path too long");
  if (query.size() > kMaxQuery) return error_response(414, "query too long");
  if (path.empty() || path[0] != '/' || path.find("..") != std::string::npos ||
      path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) {
    return error_response(400, "malformed path");
  }
  if (method != "GET" && method != "HEAD") {
    return error_response(405, "the dashboard is read-only: only GET is allowed");
  }
  if (const auto* asset = static_asset(path == "/" ? "/index.html" : path)) return *asset;
  if (!path.starts_with("/api/")) return error_response(404, "no such page");
  if (!valid_utf8(path)) return error_response(400, "the path is not valid UTF-8");
  const auto params = parse_query(query);
  if (!params) return error_response(400, "malformed query string");
  for (const auto& [key, value] : *params) {
    if (!valid_utf8(key) || !valid_utf8(value)) {
      return error_response(400, "a query parameter is not valid UTF-8");
    }
  }
  std::lock_guard lock(mutex_);
  try {
    return route(path, *params);
  } catch (const UsageError& e) {
    return error_response(404, e.what());
  } catch (const std::exception& e) {  // the store failed: the server's fault, not the client's
    return error_response(500, e.what());
  }
}

std::size_t DashboardApi::cached_responses() const {
  return cache_->size();
}

std::size_t DashboardApi::cached_bytes() const {
  return cache_->bytes();
}

ApiResponse DashboardApi::route(const std::string& path,
                                const std::map<std::string, std::string>& query) {
  if (path == "/api/runs") {
    // Another pco run may add a run while the dashboard is open; SQLite's data_version changes
    // exactly when another connection commits, so the list is rebuilt only then.
    auto version_query = db_->prepare("PRAGMA data_version");
    version_query.bind({});
    const auto version = version_query.step() ? version_query.column_int(0) : -1;
    if (runs_version_ != version || !runs_cache_) {
      nlohmann::json runs = nlohmann::json::array();
      for (const auto& r : list_runs(*db_))
        runs.push_back(info_json(r));
      runs_cache_ = json_response({{"runs", runs}});
      runs_version_ = version;
    }
    return *runs_cache_;
  }
  // /api/runs/{id}[/{view}]
  if (!path.starts_with("/api/runs/")) return error_response(404, "no such endpoint");
  const std::string_view rest =
      std::string_view(path).substr(std::string_view("/api/runs/").size());
  const auto slash = rest.find('/');
  const auto id = parse_id(rest.substr(0, slash));
  if (!id) return error_response(400, "a run id must be a positive whole number");
  const std::string view =
      slash == std::string_view::npos ? "" : std::string(rest.substr(slash + 1));
  const auto level_param = query.count("level") ? query.at("level") : "";
  const auto with_param = query.count("with") ? query.at("with") : "";
  // The run's own page, the appraisal, the simulation and the contracts ignore ?level=, so it is
  // not part of their keys; other views answer 404 (not cached) to a level the run does not have,
  // and compare to a run that is not there, so the keys are bounded by the levels and runs.
  const bool own_tables = view == "appraisal" || view == "simulation" || view == "contracts";
  const bool by_level = !(view.empty() || own_tables);
  const auto key = fmt::format("{}|{}|{}|{}", *id, view, by_level ? level_param : "",
                               view == "compare" ? with_param : "");
  if (const auto* cached = cache_->find(key)) return *cached;
  // An unknown level is refused from the small levels table, before the whole run is read, so
  // requests for made-up levels cost the server next to nothing.
  if (!view.empty() && !level_param.empty()) {
    auto levels = db_->prepare("SELECT COUNT(*) FROM levels WHERE run_id = ?1 AND name = ?2");
    levels.bind({*id, level_param});
    if (!levels.step() || levels.column_int(0) == 0) {
      return error_response(404, fmt::format("run {} has no level \"{}\"", *id, level_param));
    }
  }

  ApiResponse response;
  if (own_tables) {
    // These read only their own tables; the run is checked first so that an unknown run is
    // a 404 naming the runs there are, and a run without the view says why.
    const auto runs = list_runs(*db_);
    if (std::none_of(runs.begin(), runs.end(), [&](const auto& r) { return r.run_id == *id; }))
      read_run(*db_, *id);  // throws UsageError (404) naming the runs
    nlohmann::json body;
    if (view == "appraisal") {
      auto appraisal = read_appraisal(*db_, *id);
      if (!appraisal) {
        return error_response(
            404,
            fmt::format("run {} has no appraisal: its scenario has no [appraisal] section", *id));
      }
      body = std::move(*appraisal);
    } else if (view == "contracts") {
      auto commissioning = read_commissioning(*db_, *id);
      if (!commissioning) {
        return error_response(404, fmt::format("run {} has no providers or contracts: its scenario "
                                               "has no commissioning sections",
                                               *id));
      }
      body = std::move(*commissioning);
    } else {
      const auto simulation = read_simulation(*db_, *id);
      if (!simulation) {
        return error_response(
            404,
            fmt::format("run {} has no simulation: its scenario has no [simulation] section", *id));
      }
      body = simulation_json(*simulation);
    }
    body["run_id"] = *id;
    response = json_response(body);
    cache_->put(key, response);
    return response;
  }

  const StoredRun run = read_run(*db_, *id);  // UsageError (404) for an unknown run
  if (view == "compare") {
    const auto other_id = parse_id(with_param);
    if (!other_id) {
      return error_response(400, "compare needs with=RUN, a positive whole number");
    }
    const auto level = level_of(run, level_param);
    if (!level) {
      return error_response(404, fmt::format("run {} has no level \"{}\"", *id, level_param));
    }
    const StoredRun other = read_run(*db_, *other_id);
    auto body = compare_runs(run, other, run.levels[*level]);
    body["run_id"] = *id;
    body["with"] = *other_id;
    response = json_response(body);
  } else if (view.empty()) {
    auto body = info_json(run.info);
    body["levels"] = run.levels;
    body["scenario_text"] = run.scenario_text;
    body["practices"] = run.practices.size();
    response = json_response(body);
  } else if (view == "risk") {
    const auto level = level_of(run, level_param);
    if (!level) {
      return error_response(404, fmt::format("run {} has no level \"{}\"", *id, level_param));
    }
    nlohmann::json items = nlohmann::json::array();
    for (const auto& h : run.risk.holders) {
      if (h.level != run.levels[*level]) continue;
      nlohmann::json cdf = nlohmann::json::array();
      if (const auto it = run.cdfs.find(h.level + "/" + h.code); it != run.cdfs.end())
        for (const auto& [cost, p] : it->second)
          cdf.push_back({cost, p});
      auto item = measures_json(h.measures);
      item.update(holder_sources_json(h));
      item["code"] = h.code;
      item["level"] = h.level;
      item["population"] = h.population;
      item["budget_pence"] = h.budget_pence;
      item["cdf"] = cdf;
      items.push_back(std::move(item));
    }
    response = json_response({{"run_id", *id},
                              {"level", run.levels[*level]},
                              {"model_source", run.risk.model_source},
                              {"budget_source", run.risk.budget_source},
                              {"sources", sources_to_json(run.risk.sources)},
                              {view, items}});
  } else if (view == "allocations") {
    const auto level = level_of(run, level_param);
    if (!level) {
      return error_response(404, fmt::format("run {} has no level \"{}\"", *id, level_param));
    }
    nlohmann::json items = nlohmann::json::array();
    for (const auto& a : run.allocations[*level]) {
      nlohmann::json components = nlohmann::json::object();
      for (const auto& [name, pence] : a.components)
        components[name] = pence;
      items.push_back({{"code", a.code},
                       {"population", a.population},
                       {"weighted_population", a.weighted_population},
                       {"need_index", a.need_index},
                       {"target_pence", a.target_pence},
                       {"allocation_pence", a.allocation_pence},
                       {"pooled_pence", a.pooled_pence},
                       {"distance_from_target_pct", a.distance_from_target_pct},
                       {"components", components}});
    }
    response = json_response({{"run_id", *id}, {"level", run.levels[*level]}, {view, items}});
  } else if (view == "areas") {
    const auto level = level_of(run, level_param);
    if (!level) {
      return error_response(404, fmt::format("run {} has no level \"{}\"", *id, level_param));
    }
    RunAreas shapes;
    try {
      shapes = run_areas(run, *level);
    } catch (const InputError& e) {  // the run's boundaries or locations cannot be drawn
      return error_response(422, fmt::format("run {} cannot be drawn as areas: {}", *id, e.what()));
    }
    auto body = areas_json(shapes);
    body["run_id"] = *id;
    body["level"] = run.levels[*level];
    response = json_response(body);
  } else if (view == "boundaries") {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& b : run.boundaries) {
      nlohmann::json rings = nlohmann::json::array();
      for (const auto& ring : b.rings) {
        nlohmann::json points = nlohmann::json::array();
        for (const auto& p : ring)
          points.push_back({p.lon, p.lat});
        rings.push_back(std::move(points));
      }
      items.push_back({{"code", b.code}, {"name", b.name}, {"rings", std::move(rings)}});
    }
    response = json_response({{"run_id", *id}, {view, items}});
  } else if (view == "organisations" || view == "practices") {
    const auto level = level_of(run, level_param);
    if (!level) {
      return error_response(404, fmt::format("run {} has no level \"{}\"", *id, level_param));
    }
    nlohmann::json items = nlohmann::json::array();
    if (view == "organisations") {
      for (const auto& o : run.organisations[*level]) {
        items.push_back({{"code", o.code},
                         {"name", o.name},
                         {"parent", o.parent_code},
                         {"practices", o.practices},
                         {"population", o.population},
                         {"pct_65_plus", o.pct_65_plus},
                         {"pct_85_plus", o.pct_85_plus},
                         {"min_list", o.min_list},
                         {"max_list", o.max_list}});
      }
    } else {
      for (const auto& p : run.practices) {
        items.push_back({{"code", p.code},
                         {"name", p.name},
                         {"list_size", p.list_size},
                         {"pct_65_plus", p.pct_65_plus},
                         {"lat", p.lat ? nlohmann::json(*p.lat) : nlohmann::json()},
                         {"lon", p.lon ? nlohmann::json(*p.lon) : nlohmann::json()},
                         {"imputed_ages", p.imputed_structure},
                         {"organisation", p.organisation[*level]}});
      }
    }
    response = json_response({{"run_id", *id}, {"level", run.levels[*level]}, {view, items}});
  } else {
    return error_response(404, fmt::format("no such view \"{}\"", view));
  }
  cache_->put(key, response);
  return response;
}

}  // namespace pco

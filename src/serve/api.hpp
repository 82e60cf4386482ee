#pragma once
// The dashboard's read-only JSON API over a results store, as plain functions of the request
// so that it can be tested without a network. The HTTP layer (pco serve) only maps requests
// to `handle_request` and writes the response. docs/api.md documents every endpoint.

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "store/sqlite_db.hpp"

namespace pco {

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

class ResponseCache;

class DashboardApi {
 public:
  // Opens the store read-only; throws IoError when it cannot.
  explicit DashboardApi(const std::filesystem::path& store);
  ~DashboardApi();

  // `method` and `path` as received; `query` is the raw query string (may be empty).
  ApiResponse handle_request(const std::string& method, const std::string& path,
                             const std::string& query);

  // Responses kept and their bytes (bounded: kCacheEntries, kCacheBytes).
  std::size_t cached_responses() const;
  std::size_t cached_bytes() const;
  static constexpr std::size_t kCacheEntries = 512;
  static constexpr std::size_t kCacheBytes = 64 * 1024 * 1024;

 private:
  ApiResponse route(const std::string& path, const std::map<std::string, std::string>& query);

  std::unique_ptr<SqliteDb> db_;
  std::mutex mutex_;
  // Responses for a finished run never change, so they are kept once computed, within bounds
  // (serve/response_cache.hpp); keyed by what determines the answer, not by the raw URL.
  std::unique_ptr<ResponseCache> cache_;
  std::optional<ApiResponse> runs_cache_;
  std::int64_t runs_version_ = -1;
};

// The static front end: index.html, app.js and style.css, compiled into the program.
const ApiResponse* static_asset(const std::string& path);

}  // namespace pco

#pragma once
// A bounded least-recently-used cache of API responses: at most `max_entries` responses and
// `max_bytes` of bodies, the least recently used dropped first. Not thread-safe (the API
// holds its lock while using it). The dashboard's answers for a finished run never change, so
// caching them is safe; bounding them keeps a client that asks for endless distinct URLs from
// growing the server's memory without limit (issue 18).
#include <cstddef>
#include <list>
#include <string>
#include <unordered_map>

#include "serve/api.hpp"

namespace pco {

class ResponseCache {
 public:
  ResponseCache(std::size_t max_entries, std::size_t max_bytes)
      : max_entries_(max_entries), max_bytes_(max_bytes) {}

  // The cached response for `key` (now the most recently used), or nullptr.
  const ApiResponse* find(const std::string& key);
  // Keeps `response` unless its body alone exceeds the byte budget.
  void put(const std::string& key, const ApiResponse& response);

  std::size_t size() const { return index_.size(); }
  std::size_t bytes() const { return bytes_; }

 private:
  using Entry = std::pair<std::string, ApiResponse>;
  std::size_t max_entries_;
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace pco
